// Accepted: uses BigInt, because JavaScript Numbers are doubles and lose precision above 2^53.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
console.log((a + b).toString());
