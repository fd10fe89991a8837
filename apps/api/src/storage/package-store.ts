import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * Files stored by content: once under the sha256 of their bytes (plus a suffix), shared by everything that has the
 * same bytes, never changed or removed. The path of a file comes from its hash alone, never from a name.
 */
export class ContentStore {
  constructor(
    private readonly dir: string,
    private readonly suffix = '',
  ) {}

  static hash(data: Buffer): string {
    return createHash('sha256').update(data).digest('hex');
  }

  path(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return join(this.dir, `${hash}${this.suffix}`);
  }

  async put(data: Buffer): Promise<string> {
    const hash = ContentStore.hash(data);
    const target = this.path(hash);
    if (await this.has(hash)) return hash;
    await fs.mkdir(this.dir, { recursive: true });
    // Written whole, then renamed into place: a reader never sees half a file.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, data, { mode: 0o644 });
    await fs.rename(temp, target);
    return hash;
  }

  async has(hash: string): Promise<boolean> {
    return (await fs.stat(this.path(hash)).catch(() => null))?.isFile() ?? false;
  }
}

/** Problem packages as `<sha256>.zip`: every version with the same bytes shares one; runners download them by hash. */
export class PackageStore extends ContentStore {
  constructor(dir: string) {
    super(dir, '.zip');
  }
}
