import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { searchableBy } from './embedded-postgres';

/** Whether the embedded PostgreSQL's user can reach a data folder, from the mode bits on the way to it. */
let base: string | null = null;

async function tree(parentMode: number): Promise<string> {
  base = await mkdtemp(join(tmpdir(), 'judge-searchable-'));
  await chmod(base, parentMode);
  const dir = join(base, 'data');
  await mkdir(dir, { mode: 0o755 });
  return dir;
}

afterEach(async () => {
  if (base) await rm(base, { recursive: true, force: true });
  base = null;
});

const stranger = { uid: 2_000_001, gid: 2_000_001 };
const me = { uid: process.getuid!(), gid: 2_000_001 };

describe('searchableBy', () => {
  it('a folder under a parent only its owner enters is out of reach for anyone else', async () => {
    const dir = await tree(0o700);
    expect(await searchableBy(dir, stranger)).toBe(false);
    // A user that does not exist yet is anyone else.
    expect(await searchableBy(dir, null)).toBe(false);
    expect(await searchableBy(dir, me)).toBe(true);
  });

  it('world-searchable parents let anyone through; the group bit counts for the group', async () => {
    expect(await searchableBy(await tree(0o711), stranger)).toBe(true);
    await rm(base!, { recursive: true, force: true });
    const dir = await tree(0o710);
    expect(await searchableBy(dir, stranger)).toBe(false);
    expect(await searchableBy(dir, { uid: stranger.uid, gid: process.getgid!() })).toBe(true);
  });
});
