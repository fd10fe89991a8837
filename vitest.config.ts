import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

const lib = (name: string) => resolve(__dirname, 'libs', name, 'src', 'index.ts');

// Tests run against the TypeScript sources of the workspace packages, not their build output.
const alias = {
  '@judge/contract': lib('contract'),
  '@judge/sandbox': lib('sandbox'),
  '@judge/problem-package': lib('problem-package'),
  '@judge/judge': lib('judge'),
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
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
