// Wrong answer: truncates the operands to i32 and adds with wrap-around, so 2e9 + 2e9 prints -294967296 (secret test 01).
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut numbers = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let a = numbers.next().unwrap() as i32;
    let b = numbers.next().unwrap() as i32;
    println!("{}", a.wrapping_add(b));
}
