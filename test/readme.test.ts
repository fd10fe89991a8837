import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/harness';

/**
 * The README is where a newcomer starts: its Layout table names every top-level folder, every app and every
 * library, its Documents list names every file in docs/, and its setup paragraph every package setup installs. A
 * folder, a document or a package added without a word there fails here.
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

  it('says in its setup paragraph every Debian package scripts/setup.sh installs, and its other steps', () => {
    const paragraph = section('Quick start')
      .split('\n\n')
      .find((p) => p.startsWith('`npm run setup` runs `scripts/setup.sh`'));
    expect(paragraph, 'the paragraph on `npm run setup`').toBeDefined();
    const named = new Set([...paragraph!.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    const setup = readFileSync(join(REPO, 'scripts/setup.sh'), 'utf8');
    // Its own lists (the sandbox's, the tests') and the default languages' packages (libs/judge/languages.yaml).
    const lists = [...setup.matchAll(/^[A-Z_]*PACKAGES=\(([^)]*)\)/gm)].flatMap((m) => m[1].split(/\s+/));
    const languages = execFileSync('bash', [join(REPO, 'scripts/language-packages.sh')], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.split(/\s+/))
      .filter(([, installByDefault]) => installByDefault === 'yes')
      .flatMap(([, , ...packages]) => packages);
    const packages = [...new Set([...lists, ...languages])].filter(Boolean);
    expect(packages.length).toBeGreaterThan(5);
    expect(packages.filter((name) => !named.has(name))).toEqual([]);
    // What it does besides apt-get.
    if (setup.includes('npm ci')) expect(paragraph).toContain('`npm ci`');
    if (setup.includes('build-quietly.sh') || setup.includes('npm run build'))
      expect(paragraph).toContain('`npm run build`');
    if (setup.includes('dockerd')) expect(paragraph).toContain('`dockerd`');
    if (setup.includes('images build')) expect(paragraph).toContain('`npx judge images build`');
  });

  it('names every document of docs/ in its Documents list', () => {
    const documents = section('Documents');
    const missing = readdirSync(join(REPO, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .filter((name) => !documents.includes(`(docs/${name})`));
    expect(missing).toEqual([]);
  });
});
