import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * Problem packages, content-addressed: a zip is stored once under the sha256 of its bytes, and every version
 * that has the same bytes shares it. Runners download packages by this hash and check it.
 */
export class PackageStore {
  constructor(private readonly dir: string) {}

  static hash(data: Buffer): string {
    return createHash('sha256').update(data).digest('hex');
  }

  path(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a package hash: ${hash}`);
    return join(this.dir, `${hash}.zip`);
  }

  async put(data: Buffer): Promise<string> {
    const hash = PackageStore.hash(data);
    const target = this.path(hash);
    if (await this.has(hash)) return hash;
    await fs.mkdir(this.dir, { recursive: true });
    // Written whole, then renamed into place: a reader never sees half a package.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, data, { mode: 0o644 });
    await fs.rename(temp, target);
    return hash;
  }

  async has(hash: string): Promise<boolean> {
    return (await fs.stat(this.path(hash)).catch(() => null))?.isFile() ?? false;
  }
}
