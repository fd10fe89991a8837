import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/harness';

/**
 * The package boundaries of eslint.config.mjs, shown failing on imports that cross them: an app never imports
 * another app, and the web app imports nothing of the workspace but @judge/contract. The snippets are linted as
 * if they were files at the paths given (they are not on disk, so type-aware rules are left out).
 */
const eslint = new ESLint({
  cwd: REPO,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function boundaryErrors(path: string, specifier: string): Promise<string[]> {
  const code = `import * as other from '${specifier}';\nexport const used = other;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(REPO, path) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('package boundaries (eslint.config.mjs)', () => {
  it('refuses an app that imports another app', async () => {
    for (const [path, specifier] of [
      ['apps/api/src/judging/boundary.ts', '@judge/runner'],
      ['apps/cli/src/boundary.ts', '@judge/api'],
      ['apps/runner/src/boundary.ts', '@judge/cli'],
      ['apps/api/src/boundary.ts', '@judge/web'],
      ['apps/cli/src/commands/boundary.ts', '@judge/runner/dist/main'],
    ]) {
      const errors = await boundaryErrors(path, specifier);
      expect(errors, `${path} importing ${specifier}`).toHaveLength(1);
      expect(errors[0]).toMatch(/An app imports libraries only/);
    }
  });

  it('lets apps import libraries, and tests import apps', async () => {
    expect(await boundaryErrors('apps/api/src/judging/boundary.ts', '@judge/worker')).toEqual([]);
    expect(await boundaryErrors('apps/cli/src/boundary.ts', '@judge/judge')).toEqual([]);
    expect(await boundaryErrors('test/api/boundary.ts', '@judge/api')).toEqual([]);
  });

  it('lets the web app import @judge/contract and nothing else of the workspace', async () => {
    expect(await boundaryErrors('apps/web/src/boundary.tsx', '@judge/contract')).toEqual([]);
    for (const specifier of ['@judge/judge', '@judge/sandbox', '@judge/worker', '@judge/api']) {
      const errors = await boundaryErrors('apps/web/src/boundary.tsx', specifier);
      expect(errors.length, specifier).toBeGreaterThan(0);
    }
    expect((await boundaryErrors('apps/web/src/boundary.tsx', '@judge/judge')).join('\n')).toMatch(
      /imports only @judge\/contract/,
    );
  });

  it('still refuses a relative import into another package, in apps as elsewhere', async () => {
    for (const path of ['apps/api/src/boundary.ts', 'libs/worker/src/boundary.ts']) {
      const errors = await boundaryErrors(path, '../../../libs/judge/src/judge-engine');
      expect(errors.join('\n'), path).toMatch(/by its name/);
    }
  });
});
