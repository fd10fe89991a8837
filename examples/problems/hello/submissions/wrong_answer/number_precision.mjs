// Wrong answer: Number is a double; 4000000000000000000 - 1 rounds to 4000000000000000000.
import { readFileSync } from 'node:fs';

const [a, b] = readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
console.log(String(a + b));
