// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) of 4 MiB Buffers, fills every byte and keeps them all in an array.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
const chunks = [];
for (let i = 0; i < 256; i++) {
  chunks.push(Buffer.alloc(4 << 20, (i % 255) + 1));
}
console.log((a + b + (chunks.length === 0 ? 1n : 0n)).toString());
