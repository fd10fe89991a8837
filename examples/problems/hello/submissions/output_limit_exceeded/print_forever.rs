// Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit.
use std::io::{Read, Write};

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i64> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    loop {
        writeln!(out, "{}", numbers[0] + numbers[1]).unwrap();
    }
}
