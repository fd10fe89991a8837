// Wrong answer: uses Number (a double) instead of BigInt, so 4e18 + (-1) prints 4000000000000000000 (secret test 03).
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
console.log(String(a + b));
