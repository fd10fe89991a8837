import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

const lib = (name: string) => resolve(root, 'libs', name, 'src', 'index.ts');

// Tests run against the TypeScript sources of the workspace packages, not their build output.
const alias = {
  '@judge/contract': lib('contract'),
  '@judge/sandbox': lib('sandbox'),
  '@judge/problem-package': lib('problem-package'),
  '@judge/judge': lib('judge'),
  '@judge/queue': lib('queue'),
  '@judge/plagiarism': lib('plagiarism'),
  '@judge/worker': lib('worker'),
  '@judge/runner': resolve(root, 'apps', 'runner', 'src', 'index.ts'),
  '@judge/migrations': resolve(root, 'migrations', 'index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['libs/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts'] },
      },
      {
        resolve: { alias },
        plugins: [react()],
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.spec.tsx', 'apps/web/src/**/*.spec.ts'],
          environment: 'jsdom',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // PostgreSQL and Redis: the ones TEST_POSTGRES_URL / TEST_REDIS_URL name, or servers of the suite's own.
          globalSetup: ['test/support/global-setup.ts'],
          // BullMQ connections in the tests give up instead of reconnecting for ever.
          setupFiles: ['test/support/redis-clients.ts'],
          testTimeout: 300_000,
          // The sandbox tests measure CPU time: running them one file at a time keeps the two cores for them.
          fileParallelism: false,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
