import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  boxPathComponents,
  clearBoxDir,
  listBoxFiles,
  readBoxFile,
  removeBoxFile,
  UnsafeBoxPathError,
  writeBoxFile,
} from './box-files';

describe('host-side access to box files', () => {
  let root: string;
  let outside: string;
  const owner = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'box-'));
    outside = await mkdtemp(join(tmpdir(), 'outside-'));
    await writeFile(join(outside, 'secret'), 'host secret');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('refuses paths that leave the box', () => {
    expect(() => boxPathComponents('/etc/passwd')).toThrow(UnsafeBoxPathError);
    expect(() => boxPathComponents('../x')).toThrow(UnsafeBoxPathError);
    expect(() => boxPathComponents('a/../../x')).toThrow(UnsafeBoxPathError);
    expect(boxPathComponents('feedback/./judgemessage.txt')).toEqual(['feedback', 'judgemessage.txt']);
  });

  it('lists a box recursively by lstat: a link is listed as such and never followed, a fifo is no file', async () => {
    await writeFile(join(root, 'main'), 'binary', { mode: 0o755 });
    await mkdir(join(root, 'pkg'));
    await writeFile(join(root, 'pkg', 'A.class'), 'class');
    await symlink(outside, join(root, 'escape'));
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await listBoxFiles(root, '.', 100)).toEqual([
      { path: 'escape', kind: 'other', mode: expect.any(Number) as number, size: expect.any(Number) as number },
      { path: 'main', kind: 'file', mode: 0o755, size: 6 },
      { path: 'pipe', kind: 'other', mode: expect.any(Number) as number, size: 0 },
      { path: 'pkg', kind: 'dir', mode: expect.any(Number) as number, size: expect.any(Number) as number },
      { path: 'pkg/A.class', kind: 'file', mode: 0o644, size: 5 },
    ]);
    expect(await listBoxFiles(root, '.', 3)).toBeNull();
    // A folder reached through a link is not listed at all.
    expect(await listBoxFiles(root, 'escape', 100)).toBeNull();
  });

  it('reads regular files up to a limit', async () => {
    await writeFile(join(root, 'out.txt'), 'hello world');
    expect((await readBoxFile(root, 'out.txt', 5))?.toString()).toBe('hello');
    expect(await readBoxFile(root, 'missing.txt', 5)).toBeNull();
  });

  it('never follows a link, in the file or in a folder on the way', async () => {
    await symlink(join(outside, 'secret'), join(root, 'link'));
    await symlink(outside, join(root, 'dir'));
    expect(await readBoxFile(root, 'link', 100)).toBeNull();
    expect(await readBoxFile(root, 'dir/secret', 100)).toBeNull();
  });

  it('does not hang on a fifo and does not read devices or folders', async () => {
    execFileSync('mkfifo', [join(root, 'fifo')]);
    await mkdir(join(root, 'folder'));
    expect(await readBoxFile(root, 'fifo', 100)).toBeNull();
    expect(await readBoxFile(root, 'folder', 100)).toBeNull();
  });

  it('refuses to write through a planted link', async () => {
    await symlink(join(outside, 'secret'), join(root, 'link'));
    await symlink(outside, join(root, 'dir'));
    await expect(writeBoxFile(root, 'link', 'overwritten', owner)).rejects.toThrow();
    await expect(writeBoxFile(root, 'dir/new', 'x', owner)).rejects.toThrow();
    expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('host secret');
  });

  it('clears a folder by removing links, not what they point at', async () => {
    await mkdir(join(root, 'feedback'));
    await symlink(outside, join(root, 'feedback', 'escape'));
    await writeFile(join(root, 'feedback', 'judgemessage.txt'), 'x');
    await clearBoxDir(root, 'feedback');
    expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('host secret');
    expect(await readBoxFile(root, 'feedback/judgemessage.txt', 10)).toBeNull();
  });

  it('removes one file, or a planted link without touching its target, and the folder stays', async () => {
    await mkdir(join(root, 'feedback'));
    await writeFile(join(root, 'feedback', 'nextpass.in'), '1\n');
    await writeFile(join(root, 'feedback', 'judgemessage.txt'), 'kept');
    await removeBoxFile(root, 'feedback/nextpass.in');
    expect(await readBoxFile(root, 'feedback/nextpass.in', 10)).toBeNull();
    expect((await readBoxFile(root, 'feedback/judgemessage.txt', 10))?.toString()).toBe('kept');
    await removeBoxFile(root, 'feedback/nextpass.in');

    await symlink(join(outside, 'secret'), join(root, 'feedback', 'nextpass.in'));
    await removeBoxFile(root, 'feedback/nextpass.in');
    expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('host secret');
    await symlink(outside, join(root, 'dir'));
    await expect(removeBoxFile(root, 'dir/secret')).rejects.toThrow(UnsafeBoxPathError);
    expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('host secret');
  });
});
