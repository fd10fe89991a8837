import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realpathUnder } from './host-root';

describe('realpathUnder', () => {
  // A host root as a runner in a container sees it: absolute links inside it point into that root, not ours.
  const root = mkdtempSync(join(tmpdir(), 'host-root-'));
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(join(root, 'etc/alternatives'), { recursive: true });
  writeFileSync(join(root, 'usr/bin/gcc-12'), '');
  symlinkSync('gcc-12', join(root, 'usr/bin/gcc'));
  symlinkSync('/etc/alternatives/cc', join(root, 'usr/bin/cc'));
  symlinkSync('/usr/bin/gcc', join(root, 'etc/alternatives/cc'));
  symlinkSync('usr/bin', join(root, 'bin'));
  symlinkSync('loop', join(root, 'loop'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('follows links as the host would and returns the host path', async () => {
    expect(await realpathUnder(root, '/usr/bin/gcc')).toBe('/usr/bin/gcc-12');
    expect(await realpathUnder(root, '/usr/bin/cc')).toBe('/usr/bin/gcc-12');
    expect(await realpathUnder(root, '/bin/../bin/cc')).toBe('/usr/bin/gcc-12');
    expect(await realpathUnder(root, '/etc/alternatives')).toBe('/etc/alternatives');
  });

  it('answers null for what is missing, and for link loops', async () => {
    expect(await realpathUnder(root, '/usr/bin/python3')).toBeNull();
    expect(await realpathUnder(root, '/loop')).toBeNull();
  });

  it('is the plain realpath for our own root', async () => {
    expect(await realpathUnder('/', root)).not.toBeNull();
    expect(await realpathUnder('/', join(root, 'missing'))).toBeNull();
  });
});
