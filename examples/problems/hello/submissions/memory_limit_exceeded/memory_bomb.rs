// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) in 4 MiB vectors filled with non-zero bytes, keeping every vector alive.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i64> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut checksum: u64 = 0;
    for i in 0..256usize {
        chunks.push(vec![(i % 255 + 1) as u8; 4 << 20]);
        checksum += chunks[i][i] as u64;
    }
    println!("{}", numbers[0] + numbers[1] + (checksum == 0) as i64);
}
