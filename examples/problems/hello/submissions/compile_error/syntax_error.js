// Compile error: the call to console.log is missing its closing parenthesis, so `node --check` reports a SyntaxError.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
console.log((a + b).toString();
