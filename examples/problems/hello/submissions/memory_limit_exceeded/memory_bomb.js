// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) of 4 MiB Buffers, fills every byte and keeps them all in an array.
// @EXPECTED_RESULTS@: MEMORY-LIMIT, TIMELIMIT
// Either limit may come first. Every 4 KiB page written is a page fault, and on a nested virtual machine (CI's) the
// 65,536 faults of 256 MiB take 0.7-1 s of the problem's second of CPU time; JavaScript, unlike this folder's C, C++,
// Rust, Go and Python bombs, cannot ask the kernel for huge pages, which need 512 times fewer faults.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
const chunks = [];
for (let i = 0; i < 256; i++) {
  chunks.push(Buffer.alloc(4 << 20, (i % 255) + 1));
}
console.log((a + b + (chunks.length === 0 ? 1n : 0n)).toString());
