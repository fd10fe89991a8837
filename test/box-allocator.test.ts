import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoxAllocator, type AllocatedBox } from '@judge/sandbox';

/**
 * Box folders are claimed by several judge processes on one host, and a dead judge's boxes are reclaimed by
 * whoever meets them first. These run the real allocator (mkdir, tmpfs mounts) in a folder of their own.
 */
const ROOT = `/var/lib/judge/test-allocator-${process.pid}`;
const UID_BASE = 3_150_000;
const SIZE = 1024 * 1024;

function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined && point.startsWith(`${root}/`));
}

/** The pid of a process that has exited: what a crashed judge leaves in its boxes' names. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A box as a judge that crashed mid-run leaves it: the claim, its mounted tmpfs, files in it. */
function leaveCrashedBox(uid: number, pid: number): void {
  const dir = join(ROOT, String(uid), `${pid}-0badc0de`);
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'judge-box', dir]);
  mkdirSync(join(dir, 'box'));
  writeFileSync(join(dir, 'box', 'left-behind'), 'x');
}

async function checkUsable(box: AllocatedBox): Promise<void> {
  // Give a reclaimer still at work the time to do damage, then check the box is whole.
  await new Promise((r) => setTimeout(r, 20));
  writeFileSync(join(box.dir, 'box', 'main.py'), 'print(1)\n');
  expect(readdirSync(box.dir).sort()).toEqual(['box']);
  expect(mountsUnder(ROOT)).toContain(box.dir);
}

describe('the box allocator', () => {
  beforeEach(() => {
    mkdirSync(ROOT, { recursive: true });
  });

  afterEach(() => {
    for (const point of mountsUnder(ROOT).reverse()) spawnSync('umount', [point]);
    rmSync(ROOT, { recursive: true, force: true });
  });

  it('gives whole boxes to allocations that meet the same crashed judge’s boxes at once', async () => {
    // Two allocators in one process stand for two judge processes; each allocates twice at once.
    const first = new BoxAllocator(ROOT, UID_BASE, 4);
    const second = new BoxAllocator(ROOT, UID_BASE, 4);
    await first.init();
    for (let round = 0; round < 8; round++) {
      const dead = deadPid();
      for (let uid = UID_BASE; uid < UID_BASE + 4; uid++) leaveCrashedBox(uid, dead);
      const boxes = await Promise.all([first, first, second, second].map((a) => a.allocate(SIZE)));
      expect(new Set(boxes.map((b) => b.uid)).size).toBe(4);
      await Promise.all(boxes.map(checkUsable));
      await Promise.all(boxes.map((b, i) => (i < 2 ? first : second).release(b.uid, b.dir)));
      expect(mountsUnder(ROOT)).toEqual([]);
      expect(readdirSync(ROOT)).toEqual([]);
    }
  });

  it('leaves a live judge’s box alone and takes the next uid', async () => {
    // pid 1 is always alive: a box of another judge process that is still running.
    mkdirSync(join(ROOT, String(UID_BASE), '1-0badc0de'), { recursive: true });
    const allocator = new BoxAllocator(ROOT, UID_BASE, 2);
    await allocator.init();
    const box = await allocator.allocate(SIZE);
    expect(box.uid).toBe(UID_BASE + 1);
    expect(existsSync(join(ROOT, String(UID_BASE), '1-0badc0de'))).toBe(true);
    await allocator.release(box.uid, box.dir);
  });

  it('reclaims a box in the layout of judges before this one (tmpfs on the claim, pid in .owner)', async () => {
    const claim = join(ROOT, String(UID_BASE));
    mkdirSync(claim);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'judge-box', claim]);
    writeFileSync(join(claim, '.owner'), String(deadPid()));
    const allocator = new BoxAllocator(ROOT, UID_BASE, 1);
    await allocator.init();
    const box = await allocator.allocate(SIZE);
    expect(box.uid).toBe(UID_BASE);
    await checkUsable(box);
    await allocator.release(box.uid, box.dir);
    expect(mountsUnder(ROOT)).toEqual([]);
  });
});
