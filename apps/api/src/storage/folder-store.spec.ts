import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, StoredFileMissing } from './content-store';
import { FolderStore } from './folder-store';

/** Bytes in pieces, as a fetch from the database gives them. */
function pieces(...parts: string[]): AsyncIterable<Buffer> {
  return Readable.from(parts.map((part) => Buffer.from(part)));
}

describe('folder stores', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'folder-store-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps packages (which hold the secret answers) 0600 in a 0700 folder', async () => {
    const store = new FolderStore(join(dir, 'packages'), '.zip', 'private');
    const hash = await store.put(Buffer.from('a package'));
    expect((await stat(join(dir, 'packages'))).mode & 0o777).toBe(0o700);
    expect((await stat(store.path(hash))).mode & 0o777).toBe(0o600);
    expect(await store.file(hash)).toBe(join(dir, 'packages', `${hash}.zip`));
  });

  it('closes a package store made before packages were private when it is next written', async () => {
    const store = new FolderStore(join(dir, 'packages'), '.zip', 'private');
    const hash = await store.put(Buffer.from('a package'));
    await chmod(join(dir, 'packages'), 0o755);
    await chmod(store.path(hash), 0o644);
    await store.put(Buffer.from('a package'));
    expect((await stat(join(dir, 'packages'))).mode & 0o777).toBe(0o700);
    expect((await stat(store.path(hash))).mode & 0o777).toBe(0o600);
  });

  it('keeps public files (statement images) readable by others', async () => {
    const store = new FolderStore(join(dir, 'statement-files'));
    const hash = await store.put(Buffer.from('an image'));
    expect((await stat(store.path(hash))).mode & 0o777).toBe(0o644);
  });

  it('keeps bytes that come in pieces only under their own hash, leaving nothing behind otherwise', async () => {
    const store = new FolderStore(join(dir, 'packages'), '.zip', 'private');
    const hash = contentHash(Buffer.from('one two'));
    await store.putChunks(hash, pieces('one ', 'two'));
    expect(await readFile(store.path(hash), 'utf8')).toBe('one two');
    const other = contentHash(Buffer.from('something else'));
    await expect(store.putChunks(other, pieces('one ', 'three'))).rejects.toThrow(/have the hash/);
    expect(await store.has(other)).toBe(false);
    expect(await readdir(join(dir, 'packages'))).toEqual([`${hash}.zip`]);
  });

  it('lists what it holds, and refuses a hash it does not hold or that is no hash', async () => {
    const store = new FolderStore(join(dir, 'packages'), '.zip', 'private');
    const hashes = [await store.put(Buffer.from('a')), await store.put(Buffer.from('b'))];
    const listed: string[] = [];
    for await (const hash of store.hashes()) listed.push(hash);
    expect(listed.sort()).toEqual(hashes.sort());
    await expect(store.file(contentHash(Buffer.from('c')))).rejects.toBeInstanceOf(StoredFileMissing);
    expect(() => store.path('../../etc/passwd')).toThrow(/not a content hash/);
  });
});
