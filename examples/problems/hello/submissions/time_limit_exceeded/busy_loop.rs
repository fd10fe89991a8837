// Time limit exceeded: spins forever in a busy loop (volatile writes, burning CPU) and never prints a + b.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i64> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let mut spins: u64 = 0;
    loop {
        unsafe { std::ptr::write_volatile(&mut spins, spins.wrapping_add(1)) };
        if numbers.is_empty() {
            break;
        }
    }
    println!("{}", numbers[0] + numbers[1]);
}
