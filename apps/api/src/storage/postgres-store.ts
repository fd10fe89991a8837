import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DataSource } from 'typeorm';
import { checkHash, contentHash, DamagedFile, StoredFileMissing } from './content-store';
import type { FolderStore } from './folder-store';
import { RemoteStore } from './remote-store';

/** Bytes per row of stored_file_chunks: a package is read and written a MiB at a time, never whole. */
export const CHUNK_BYTES = 1 << 20;
/** Hashes listed per query when every hash is walked (moving to another store). */
const HASH_PAGE = 500;

/**
 * Files in PostgreSQL (migration 1764802700000), for deployments of several API processes: each serves every
 * file with nothing shared but the database. Reads go through a folder of this machine (`local`): a file is
 * fetched from the database a chunk at a time into it once, checked against its hash, and read from there after.
 * A file already in that folder (one this process kept or fetched) is served from it.
 */
export class PostgresStore extends RemoteStore {
  constructor(
    private readonly db: DataSource,
    /** The kind of file, `stored_files.store`. */
    private readonly store: string,
    local: FolderStore,
  ) {
    super(local);
  }

  async put(data: Buffer): Promise<string> {
    const hash = contentHash(data);
    await this.insert(hash, piecesOf(data));
    await this.local.put(data);
    return hash;
  }

  /** A file copied in a MiB at a time (files:copy); not kept in the local folder, which is for files read here. */
  async putFile(hash: string, path: string): Promise<void> {
    await this.insert(checkHash(hash), createReadStream(path, { highWaterMark: CHUNK_BYTES }));
  }

  /**
   * Stores bytes under their hash, checked as they go: the head and the chunks are committed together, or not at
   * all when the bytes turn out not to be the hash's (DamagedFile). A process storing the same bytes at once waits
   * for the other's commit, then finds the head and writes nothing.
   */
  private async insert(hash: string, pieces: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO stored_files (store, hash, bytes, chunks) VALUES ($1, $2, 0, 0)
           ON CONFLICT DO NOTHING RETURNING hash`,
        [this.store, hash],
      );
      if (inserted.length === 0) return;
      const digest = createHash('sha256');
      let bytes = 0;
      let chunks = 0;
      for await (const piece of pieces) {
        digest.update(piece);
        bytes += piece.length;
        await tx.query('INSERT INTO stored_file_chunks (store, hash, chunk, data) VALUES ($1, $2, $3, $4)', [
          this.store,
          hash,
          chunks++,
          piece,
        ]);
      }
      const actual = digest.digest('hex');
      if (actual !== hash) throw new DamagedFile(hash, actual);
      await tx.query('UPDATE stored_files SET bytes = $3, chunks = $4 WHERE store = $1 AND hash = $2', [
        this.store,
        hash,
        bytes,
        chunks,
      ]);
    });
  }

  /** Whether the database holds it: what every process can serve (a file of the local folder alone is not). */
  async has(hash: string): Promise<boolean> {
    return (await this.head(hash)) !== null;
  }

  async *hashes(): AsyncIterable<string> {
    let after = '';
    for (;;) {
      const rows = await this.db.query<{ hash: string }[]>(
        'SELECT hash FROM stored_files WHERE store = $1 AND hash > $2 ORDER BY hash LIMIT $3',
        [this.store, after, HASH_PAGE],
      );
      for (const row of rows) yield row.hash;
      if (rows.length < HASH_PAGE) return;
      after = rows[rows.length - 1].hash;
    }
  }

  private async head(hash: string): Promise<{ bytes: number; chunks: number } | null> {
    const rows = await this.db.query<{ bytes: string; chunks: number }[]>(
      'SELECT bytes, chunks FROM stored_files WHERE store = $1 AND hash = $2',
      [this.store, checkHash(hash)],
    );
    return rows.length ? { bytes: Number(rows[0].bytes), chunks: rows[0].chunks } : null;
  }

  protected async download(hash: string): Promise<AsyncIterable<Buffer>> {
    const head = await this.head(hash);
    if (!head) throw new StoredFileMissing(hash);
    const chunks = async function* (this: PostgresStore): AsyncIterable<Buffer> {
      for (let i = 0; i < head.chunks; i++) {
        const rows = await this.db.query<{ data: Buffer }[]>(
          'SELECT data FROM stored_file_chunks WHERE store = $1 AND hash = $2 AND chunk = $3',
          [this.store, hash, i],
        );
        if (rows.length === 0) throw new Error(`chunk ${i} of ${hash} is missing`);
        yield rows[0].data;
      }
    };
    return chunks.call(this);
  }
}

function* piecesOf(data: Buffer): Iterable<Buffer> {
  for (let at = 0; at < data.length; at += CHUNK_BYTES) yield data.subarray(at, at + CHUNK_BYTES);
}
