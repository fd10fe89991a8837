// Time limit exceeded: spins forever in a busy loop (burning CPU) before it would print a + b.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
let spins = 0;
for (;;) {
  spins = (spins + 1) % 1000003;
}
console.log((a + b).toString());
