// Compile error: `await` in a function that is not async (node --check rejects it).
import { readFile } from 'node:fs/promises';

function main() {
  const text = await readFile(0, 'utf8');
  console.log(text);
}
main();
