import { defineConfig } from 'vitest/config';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guestTestNamePattern } from './subset.js';

// The configuration vitest uses inside the cgroup v2 guest (guest-run.sh): the sandbox's run and attack
// suites (the subset in subset.ts) and the guest's own checks, for the namespace engine only (the guest has no
// Docker daemon).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = (name: string) => resolve(root, 'libs', name, 'src', 'index.ts');

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@judge/contract': lib('contract'),
      '@judge/sandbox': lib('sandbox'),
      '@judge/problem-package': lib('problem-package'),
      '@judge/judge': lib('judge'),
    },
  },
  test: {
    include: ['test/sandbox-runs.test.ts', 'test/sandbox-attacks.test.ts', 'test/cgroup-v2/*.guest.ts'],
    // The docker suites (`describe.each(ENGINES)('the %s engine')`) are filtered out before their set-up runs.
    testNamePattern: guestTestNamePattern(),
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
