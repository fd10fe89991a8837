// Output limit exceeded: writes the sum over and over in an endless loop (synchronous writes), far past the 1 MiB output limit.
const fs = require('fs');
const [a, b] = fs.readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
const block = `${a + b}\n`.repeat(1000);
for (;;) {
  fs.writeSync(1, block);
}
