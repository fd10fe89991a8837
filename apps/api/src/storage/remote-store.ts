import type { ContentStore } from './content-store';
import type { FolderStore } from './folder-store';

/**
 * A store whose files live elsewhere (PostgreSQL, S3) and are read through a folder of this machine: a file is
 * fetched into it once, checked against its hash there (FolderStore.putChunks), and read from it after.
 */
export abstract class RemoteStore implements ContentStore {
  /** Fetches under way, by hash: two readers of one file wait for one fetch. */
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(protected readonly local: FolderStore) {}

  abstract put(data: Buffer): Promise<string>;
  abstract putFile(hash: string, path: string): Promise<void>;
  abstract has(hash: string): Promise<boolean>;
  abstract hashes(): AsyncIterable<string>;
  /** The bytes of a kept file, in pieces (StoredFileMissing when none). */
  protected abstract download(hash: string): Promise<AsyncIterable<Buffer>>;

  async file(hash: string): Promise<string> {
    if (await this.local.has(hash)) return this.local.path(hash);
    let fetch = this.fetching.get(hash);
    if (!fetch) {
      fetch = this.fetch(hash).finally(() => this.fetching.delete(hash));
      this.fetching.set(hash, fetch);
    }
    return fetch;
  }

  private async fetch(hash: string): Promise<string> {
    await this.local.putChunks(hash, await this.download(hash));
    return this.local.path(hash);
  }
}
