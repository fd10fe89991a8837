// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * Package boundaries (STYLE.md 15). A later block's `no-restricted-imports` replaces an earlier one's for its
 * files, so each block lists every pattern that applies there. test/lint-boundaries.test.ts shows each firing.
 */
const byName = {
  group: ['../../libs/*', '../../../libs/*', '**/libs/*/src/*'],
  message: 'Import another package by its name (@judge/...), not by a relative path.',
};
const noOtherApp = {
  group: ['@judge/api', '@judge/runner', '@judge/cli', '@judge/web'].flatMap((app) => [app, `${app}/*`]),
  message: 'An app imports libraries only: move what two apps share into a library under libs/.',
};
const webContractOnly = {
  group: ['@judge/*', '!@judge/contract'],
  message: 'The web app imports only @judge/contract from the workspace (the shapes it shares with the API).',
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'examples/**',
      // Fixture packages' programs stay as written (some fail to compile on purpose).
      'test/fixtures/*/submissions/**',
      'test/fixtures/*/include/**',
      'coverage/**',
      'data/**',
      '.judge-cache/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One project for everything linted, specs and tests included (the build configs leave specs out).
      parserOptions: {
        project: ['./tsconfig.eslint.json', './apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [byName] }],
    },
  },
  {
    // Apps are entry points: one app never uses another as a library (what two apps share lives in libs/).
    files: ['apps/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [byName, noOtherApp] }] },
  },
  {
    // The browser gets the API's shapes and nothing else of the workspace: no Node code in the bundle.
    files: ['apps/web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [byName, noOtherApp, webContractOnly] }] },
  },
  {
    files: ['**/*.mjs', '**/*.mts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    // The command's CommonJS entry point.
    files: ['apps/cli/bin/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
      sourceType: 'commonjs',
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
