import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TmpHelper } from './tmp-helper';

// A stand-in for judge-tmp that logs its arguments, and fails as judge-tmp does when asked to unmount pid 7.
const dir = mkdtempSync(join(tmpdir(), "tmp-helper-o'dd "));
const log = join(dir, 'log');
const helper = join(dir, "judge-tmp'");
writeFileSync(
  helper,
  `#!/bin/sh\necho "$*" >> "$(dirname "$0")/log"\nif [ "$1 $2" = "7 unmount" ]; then echo 'judge-tmp: unmount /tmp: Device or resource busy' >&2; exit 1; fi\n`,
  { mode: 0o755 },
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TmpHelper', () => {
  const tmp = new TmpHelper(helper);
  afterAll(() => tmp.close());

  it('runs judge-tmp through one shell, calls in order; a replace unmounts then mounts', async () => {
    await Promise.all([tmp.mount(5, 4096), tmp.replace(6, 8192)]);
    expect(readFileSync(log, 'utf8')).toBe('5 mount 4096\n6 unmount\n6 mount 8192\n');
  });

  it("fails with judge-tmp's message, mounts nothing after a failed unmount, and goes on with the next call", async () => {
    await expect(tmp.replace(7, 4096)).rejects.toThrow('judge-tmp: unmount /tmp: Device or resource busy');
    await tmp.mount(8, 4096);
    expect(readFileSync(log, 'utf8').split('\n').slice(-3)).toEqual(['7 unmount', '8 mount 4096', '']);
  });

  it('takes nothing but positive whole numbers', async () => {
    await expect(tmp.mount(1.5, 4096)).rejects.toThrow(/not a positive integer/);
    await expect(tmp.mount(9, -1)).rejects.toThrow(/not a positive integer/);
  });
});
