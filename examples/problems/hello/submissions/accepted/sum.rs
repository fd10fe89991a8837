// Accepted: parses a and b as i64 and prints a + b, which fits because |a + b| <= 8e18.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut numbers = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let a = numbers.next().unwrap();
    let b = numbers.next().unwrap();
    println!("{}", a + b);
}
