import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore, PackageStore } from './package-store';

describe('content stores', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'content-store-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps packages (which hold the secret answers) 0600 in a 0700 folder', async () => {
    const store = new PackageStore(join(dir, 'packages'));
    const hash = await store.put(Buffer.from('a package'));
    expect((await stat(join(dir, 'packages'))).mode & 0o777).toBe(0o700);
    expect((await stat(store.path(hash))).mode & 0o777).toBe(0o600);
  });

  it('closes a package store made before packages were private when it is next written', async () => {
    const store = new PackageStore(join(dir, 'packages'));
    const hash = await store.put(Buffer.from('a package'));
    await chmod(join(dir, 'packages'), 0o755);
    await chmod(store.path(hash), 0o644);
    await store.put(Buffer.from('a package'));
    expect((await stat(join(dir, 'packages'))).mode & 0o777).toBe(0o700);
    expect((await stat(store.path(hash))).mode & 0o777).toBe(0o600);
  });

  it('keeps public files (statement images) readable by others', async () => {
    const store = new ContentStore(join(dir, 'statement-files'));
    const hash = await store.put(Buffer.from('an image'));
    expect((await stat(store.path(hash))).mode & 0o777).toBe(0o644);
  });
});
