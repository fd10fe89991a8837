import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { checkHash, contentHash, DamagedFile, StoredFileMissing, type ContentStore } from './content-store';

/** File and folder modes of a store: readable by others (public files), or by the API's user alone. */
const MODES = { public: { file: 0o644, dir: 0o755 }, private: { file: 0o600, dir: 0o700 } } as const;
export type FolderAccess = keyof typeof MODES;

/** Files in a folder of this machine, as `<sha256><suffix>`: the path of a file comes from its hash alone. */
export class FolderStore implements ContentStore {
  constructor(
    readonly dir: string,
    private readonly suffix = '',
    private readonly access: FolderAccess = 'public',
  ) {}

  path(hash: string): string {
    return join(this.dir, `${checkHash(hash)}${this.suffix}`);
  }

  async put(data: Buffer): Promise<string> {
    const hash = contentHash(data);
    await this.write(hash, (out, digest) => {
      digest.update(data);
      out.end(data);
    });
    return hash;
  }

  /**
   * Keeps bytes that come in pieces under the hash they must have: written to a file of its own, checked, then
   * renamed into place, so a reader never sees half a file or other bytes than the hash says.
   */
  async putChunks(hash: string, chunks: AsyncIterable<Buffer>): Promise<void> {
    await this.write(hash, async (out, digest) => {
      for await (const chunk of chunks) {
        digest.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
    });
  }

  async putFile(hash: string, path: string): Promise<void> {
    await this.putChunks(hash, createReadStream(path));
  }

  async has(hash: string): Promise<boolean> {
    return (await fs.stat(this.path(hash)).catch(() => null))?.isFile() ?? false;
  }

  async file(hash: string): Promise<string> {
    if (!(await this.has(hash))) throw new StoredFileMissing(hash);
    return this.path(hash);
  }

  async *hashes(): AsyncIterable<string> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const hash = name.slice(0, -this.suffix.length || undefined);
      if (name.endsWith(this.suffix) && /^[0-9a-f]{64}$/.test(hash)) yield hash;
    }
  }

  private async write(hash: string, fill: (out: WriteStream, digest: Hash) => Promise<void> | void): Promise<void> {
    const target = this.path(hash);
    const modes = MODES[this.access];
    await fs.mkdir(this.dir, { recursive: true, mode: modes.dir });
    // A store made before its files were private is closed now (its folder was 0755, its files 0644).
    await fs.chmod(this.dir, modes.dir);
    if (await this.has(hash)) {
      await fs.chmod(target, modes.file);
      return;
    }
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const out = createWriteStream(temp, { mode: modes.file, flags: 'wx' });
    const digest = createHash('sha256');
    try {
      await fill(out, digest);
      await finished(out);
      const written = digest.digest('hex');
      if (written !== hash) throw new DamagedFile(hash, written);
      await fs.chmod(temp, modes.file);
      await fs.rename(temp, target);
    } catch (error) {
      out.destroy();
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}
