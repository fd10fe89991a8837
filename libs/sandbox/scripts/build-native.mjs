// Builds judge-spawn, the small root helper that starts every sandboxed run (see native/judge-spawn.c).
// Static when the C library allows it, so that nothing it loads can be swapped under it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'native', 'judge-spawn.c');
const output = join(root, 'bin', 'judge-spawn');
mkdirSync(dirname(output), { recursive: true });

const flags = ['-O2', '-Wall', '-Wextra', '-Werror', '-o', output, source];
try {
  execFileSync('cc', ['-static', ...flags], { stdio: 'pipe' });
} catch {
  try {
    execFileSync('cc', flags, { stdio: 'inherit' });
  } catch (error) {
    console.error(`cannot build ${output}: a C compiler is needed (apt-get install gcc libc6-dev)`);
    throw error;
  }
}
console.log(`built ${output}`);
