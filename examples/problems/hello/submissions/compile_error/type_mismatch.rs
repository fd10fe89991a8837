// Compile error: adds an i64 and a &str, which has no Add implementation, so rustc fails with a type error.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let a: i64 = tokens.next().unwrap().parse().unwrap();
    let b = tokens.next().unwrap();
    println!("{}", a + b);
}
