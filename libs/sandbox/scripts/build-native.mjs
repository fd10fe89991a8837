// Builds the sandbox's small C helpers: judge-spawn, the root helper that starts every namespace run, and
// judge-exec, the docker engine's helper inside box containers, and judge-tmp, which gives each docker run a /tmp
// of its own (see native/*.c).
// Static when the C library allows it, so that nothing they load can be swapped under them; judge-exec must be
// static, since it runs in images that may hold no C library at all.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'bin'), { recursive: true });

for (const [name, mustBeStatic] of [
  ['judge-spawn', false],
  ['judge-exec', true],
  ['judge-tmp', false],
]) {
  const source = join(root, 'native', `${name}.c`);
  const output = join(root, 'bin', name);
  const flags = ['-O2', '-Wall', '-Wextra', '-Werror', '-o', output, source];
  try {
    execFileSync('cc', ['-static', ...flags], { stdio: 'pipe' });
  } catch (staticError) {
    try {
      if (mustBeStatic) throw staticError;
      execFileSync('cc', flags, { stdio: 'inherit' });
    } catch (error) {
      console.error(`cannot build ${output}: a C compiler is needed (apt-get install gcc libc6-dev)`);
      throw error;
    }
  }
  console.log(`built ${output}`);
}
