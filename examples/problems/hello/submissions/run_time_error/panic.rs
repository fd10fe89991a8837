// Run-time error: indexes past the end of a two-element Vec, so Rust panics and exits with status 101.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i64> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let mut sum = 0i64;
    for i in 0..=numbers.len() {
        sum += numbers[i];
    }
    println!("{}", sum);
}
