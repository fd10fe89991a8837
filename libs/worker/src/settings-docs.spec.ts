import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineSettingsSchema } from './engine-settings';

/**
 * Every environment variable the code reads is in a settings table of docs/deployment.md, and in the table of
 * each process that reads it: an app's own variables in its table, a library's in the tables of every app that
 * depends on the library (through package.json, directly or not).
 */
const REPO = join(__dirname, '..', '..', '..');
const DOC = 'docs/deployment.md';

/** The settings table of each process, by its heading under `## Settings`. */
const TABLES: Record<string, string> = { api: 'API', runner: 'Runner', cli: 'The `judge` command' };

/** Names read as `process.env.X` or `process.env['X']`, and the keys of zod schemas (which read the environment). */
function variablesRead(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/process\.env(?:\.([A-Za-z_]\w*)|\[\s*(['"`])([A-Za-z_]\w*)\2\s*\])/g)) {
    names.add(m[1] ?? m[3]);
  }
  // Settings schemas are the only zod objects with upper-case keys.
  if (/from 'zod'/.test(source)) for (const m of source.matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)) names.add(m[1]);
  return [...names];
}

/** The variables of each table under the `### <title>` headings of the `## Settings` section. */
function documentedVariables(markdown: string): Map<string, Set<string>> {
  const start = markdown.indexOf('\n## Settings\n');
  if (start < 0) return new Map();
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  const tables = new Map<string, Set<string>>();
  for (const part of section.split('\n### ').slice(1)) {
    const title = part.slice(0, part.indexOf('\n')).trim();
    tables.set(title, new Set([...part.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1])));
  }
  return tables;
}

interface Workspace {
  /** `apps/api`, `libs/worker`... */
  dir: string;
  name: string;
  dependencies: string[];
}

function workspaces(): Workspace[] {
  return ['apps', 'libs'].flatMap((top) =>
    readdirSync(join(REPO, top)).flatMap((name) => {
      const dir = `${top}/${name}`;
      let manifest: { name: string; dependencies?: Record<string, string> };
      try {
        manifest = JSON.parse(readFileSync(join(REPO, dir, 'package.json'), 'utf8')) as typeof manifest;
      } catch {
        return [];
      }
      const dependencies = Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@judge/'));
      return [{ dir, name: manifest.name, dependencies }];
    }),
  );
}

/** The non-test TypeScript files under `dir`/src. */
function sourceFiles(dir: string): string[] {
  const root = join(REPO, dir, 'src');
  let entries: string[];
  try {
    entries = readdirSync(root, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .filter((file) => /\.tsx?$/.test(file) && !/\.(spec|test)\.tsx?$/.test(file) && !file.split('/').includes('test'))
    .map((file) => join(root, file));
}

describe('settings documented in docs/deployment.md', () => {
  const all = workspaces();
  const byName = new Map(all.map((w) => [w.name, w]));
  const tables = documentedVariables(readFileSync(join(REPO, DOC), 'utf8'));

  /** Workspace dir → the variables its sources read, each with the file that reads it. */
  const reads = new Map(
    all.map((w) => [
      w.dir,
      sourceFiles(w.dir).flatMap((file) =>
        variablesRead(readFileSync(file, 'utf8')).map((name) => ({ name, file: relative(REPO, file) })),
      ),
    ]),
  );

  function dependenciesOf(workspace: Workspace, seen = new Set<string>()): Set<string> {
    for (const name of workspace.dependencies) {
      const dependency = byName.get(name);
      if (!dependency || seen.has(dependency.dir)) continue;
      seen.add(dependency.dir);
      dependenciesOf(dependency, seen);
    }
    return seen;
  }

  it('has a settings table for each process', () => {
    for (const title of Object.values(TABLES)) expect([...tables.keys()], DOC).toContain(title);
  });

  it('lists, in each process’s table, every variable its code and its libraries’ code read', () => {
    const missing: string[] = [];
    for (const app of all.filter((w) => w.dir.startsWith('apps/'))) {
      const title = TABLES[app.dir.slice('apps/'.length)];
      const table = title ? tables.get(title) : undefined;
      for (const dir of [app.dir, ...dependenciesOf(app)]) {
        for (const { name, file } of reads.get(dir) ?? []) {
          // An app without a table of its own (the web app) must not read any.
          if (!table?.has(name)) missing.push(`${name} (read in ${file}) is not in the "${title ?? app.dir}" table`);
        }
      }
    }
    expect([...new Set(missing)], `add them to ${DOC}`).toEqual([]);
  });

  it('finds what the code reads, by every form', () => {
    const found = new Set([...reads.values()].flat().map((r) => r.name));
    // A zod schema key, process.env.X in a library, and variables that were once documented nowhere.
    for (const name of ['PORT', 'DOCKER_HOST', 'RUNNER_LOADED_PACKAGES', 'RUNNER_STALLED_INTERVAL_MS']) {
      expect(found, name).toContain(name);
    }
    for (const name of Object.keys(engineSettingsSchema.shape)) expect(found, name).toContain(name);
    expect(
      variablesRead(
        'const a = process.env.ONE;\nconst b = process.env[\'TWO\'];\nconst c = process.env["THREE"];\nconst d = env.NOT_THIS;\n',
      ).sort(),
    ).toEqual(['ONE', 'THREE', 'TWO']);
    expect(
      variablesRead("import { z } from 'zod';\nconst s = z.object({\n  FOUR: z.string(),\n  five: z.string(),\n});\n"),
    ).toEqual(['FOUR']);
  });

  it('reads the tables of the Settings section only', () => {
    const markdown = [
      '# Doc',
      '| `ELSEWHERE` | x | y |',
      '## Settings',
      '### One',
      '| Variable | Default | Meaning |',
      '| --- | --- | --- |',
      '| `A_VAR` | 1 | a |',
      '### Two',
      '| `B_VAR` | 2 | b |',
      '## After',
      '| `AFTER` | x | y |',
    ].join('\n');
    expect(documentedVariables(markdown)).toEqual(
      new Map([
        ['One', new Set(['A_VAR'])],
        ['Two', new Set(['B_VAR'])],
      ]),
    );
  });
});
