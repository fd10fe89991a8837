// Run-time error: throws an Error that nothing catches, so Node.js prints the stack trace and exits with status 1.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
if (a + b === b + a) {
  throw new Error('refusing to add');
}
console.log((a + b).toString());
