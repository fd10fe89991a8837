import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/harness';

/**
 * The README is where a newcomer starts: its Layout table names every top-level folder, every app and every
 * library, and its Documents list names every file in docs/. A folder or a document added without a line there
 * fails here.
 */
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function folders(path: string): string[] {
  return readdirSync(join(REPO, path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name);
}

describe('README', () => {
  const layout = new Set([...section('Layout').matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]));

  it('lists every app and library in its Layout table', () => {
    const packages = [...folders('apps').map((name) => `apps/${name}`), ...folders('libs').map((n) => `libs/${n}`)];
    expect(packages.filter((path) => !layout.has(path))).toEqual([]);
  });

  it('lists every top-level folder in its Layout table', () => {
    // The folders of the repository (not what a run left beside them); apps/ and libs/ are listed by package.
    const tracked = execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' }).split('\n');
    const topLevel = [
      ...new Set(tracked.filter((path) => path.includes('/')).map((path) => path.split('/')[0])),
    ].filter((name) => !name.startsWith('.') && !['apps', 'libs'].includes(name));
    const listed = (name: string) => [...layout].some((path) => path === name || path.startsWith(`${name}/`));
    expect(topLevel.filter((name) => !listed(name))).toEqual([]);
  });

  it('names every document of docs/ in its Documents list', () => {
    const documents = section('Documents');
    const missing = readdirSync(join(REPO, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .filter((name) => !documents.includes(`(docs/${name})`));
    expect(missing).toEqual([]);
  });
});
