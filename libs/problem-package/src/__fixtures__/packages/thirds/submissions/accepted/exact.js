// JavaScript is not among problem.yaml's languages: judge verify skips it, judge run refuses it.
const n = Number(require('fs').readFileSync(0, 'utf8'));
console.log(n % 3 ? (n / 3).toFixed(10) : String(n / 3));
