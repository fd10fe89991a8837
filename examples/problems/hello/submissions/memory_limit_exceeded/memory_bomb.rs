// Memory limit exceeded: maps 1 GiB (4x the 256 MiB limit) in 32 MiB blocks filled with non-zero bytes, keeping every
// block. Each block asks for transparent huge pages (MADV_HUGEPAGE): 512 times fewer page faults than 4 KiB pages,
// which on some virtual machines take most of the problem's second of CPU time. Without them it is the same program.
// mmap and madvise come from the C library every Rust program on Linux links; no crate is needed.
use std::io::Read;
use std::os::raw::{c_int, c_long, c_void};

const BLOCK: usize = 32 << 20;
const PROT_READ_WRITE: c_int = 0x1 | 0x2;
const MAP_PRIVATE_ANONYMOUS: c_int = 0x02 | 0x20;
const MADV_HUGEPAGE: c_int = 14;

extern "C" {
    fn mmap(addr: *mut c_void, len: usize, prot: c_int, flags: c_int, fd: c_int, offset: c_long) -> *mut c_void;
    fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
}

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let numbers: Vec<i64> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    let mut blocks: Vec<&mut [u8]> = Vec::new();
    let mut checksum: u64 = 0;
    for i in 0..32usize {
        let block = unsafe {
            let mapped = mmap(std::ptr::null_mut(), BLOCK, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
            assert!(mapped as isize != -1, "only reached under an address-space limit");
            madvise(mapped, BLOCK, MADV_HUGEPAGE);
            std::slice::from_raw_parts_mut(mapped as *mut u8, BLOCK)
        };
        block.fill((i % 255 + 1) as u8);
        checksum += block[i] as u64;
        blocks.push(block);
    }
    println!("{}", numbers[0] + numbers[1] + (checksum == 0) as i64);
}
