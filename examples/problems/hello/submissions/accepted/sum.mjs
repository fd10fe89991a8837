// Accepted: BigInt is exact; an ES module, so the input is read with a top-level await.
import { readFileSync } from 'node:fs';

const [a, b] = readFileSync(0, 'utf8').trim().split(/\s+/).map(BigInt);
console.log(String(a + b));
