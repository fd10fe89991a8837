import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** File and folder modes of a store: readable by others (public files), or by the API's user alone. */
const MODES = { public: { file: 0o644, dir: 0o755 }, private: { file: 0o600, dir: 0o700 } } as const;

/**
 * Files stored by content: once under the sha256 of their bytes (plus a suffix), shared by everything that has the
 * same bytes, never changed or removed. The path of a file comes from its hash alone, never from a name.
 */
export class ContentStore {
  constructor(
    private readonly dir: string,
    private readonly suffix = '',
    private readonly access: keyof typeof MODES = 'public',
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
    const modes = MODES[this.access];
    await fs.mkdir(this.dir, { recursive: true, mode: modes.dir });
    // A store made before its files were private is closed now (its folder was 0755, its files 0644).
    await fs.chmod(this.dir, modes.dir);
    if (await this.has(hash)) {
      await fs.chmod(target, modes.file);
      return hash;
    }
    // Written whole, then renamed into place: a reader never sees half a file.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, data, { mode: modes.file });
    await fs.chmod(temp, modes.file);
    await fs.rename(temp, target);
    return hash;
  }

  async has(hash: string): Promise<boolean> {
    return (await fs.stat(this.path(hash)).catch(() => null))?.isFile() ?? false;
  }
}

/**
 * Problem packages as `<sha256>.zip`: every version with the same bytes shares one; runners download them by hash.
 * They hold the secret answers: 0600 in a 0700 folder, readable by the API's user alone.
 */
export class PackageStore extends ContentStore {
  constructor(dir: string) {
    super(dir, '.zip', 'private');
  }
}
