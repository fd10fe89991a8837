import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/harness';

/**
 * The Node versions package.json's `engines` accepts (and the README names) are ones every package `npm ci`
 * installs accepts too, so that `npm ci` on any of them prints no EBADENGINE warning. The lock file records each
 * package's `engines`, for every platform's optional packages as well: an upgrade to a version that drops one of
 * our Node versions (as commander 15, which katex 0.19 asks for, drops Node 20) fails here.
 */
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  link?: boolean;
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const ours = manifest.engines.node;

/** The packages whose `engines.node` leaves out some Node version ours accepts, with both ranges. */
function narrower(): string[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path.includes('node_modules/'))
    .flatMap(([path, entry]) => {
      const node = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!node || semver.subset(ours, node, { includePrerelease: false })) return [];
      return [`${path.slice(path.lastIndexOf('node_modules/') + 13)}@${entry.version}: node ${node}`];
    });
}

describe('Node versions', () => {
  it('package.json names a valid range of Node versions, and this Node is one of them', () => {
    expect(semver.validRange(ours)).not.toBeNull();
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });

  it('every package in the lock file accepts every Node version package.json accepts', () => {
    expect(narrower()).toEqual([]);
  });

  it('the lock file was made from the same engines as package.json', () => {
    expect(lock.packages['']).toMatchObject({ engines: { node: ours } });
  });

  it("the README's requirements name the lowest version of each Node line package.json accepts", () => {
    const requirement = readFileSync(join(REPO, 'README.md'), 'utf8')
      .split('\n')
      .find((line) => line.startsWith('- Node.js'));
    const lowest = semver
      .validRange(ours)!
      .split('||')
      .map((part) => /[\d.]+/.exec(part)![0].replace(/\.0$/, '').replace(/\.0$/, ''));
    expect(lowest.filter((version) => !requirement?.includes(version))).toEqual([]);
  });
});
