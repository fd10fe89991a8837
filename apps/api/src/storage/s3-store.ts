import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { checkHash, contentHash, DamagedFile, fileHash, StoredFileMissing } from './content-store';
import type { FolderStore } from './folder-store';
import { RemoteStore } from './remote-store';

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph...), for operators who keep large files there
 * rather than in PostgreSQL: one object per file, `<prefix><store>/<sha256>`. As with PostgreSQL, reads go through
 * a folder of this machine: an object is streamed into it once, checked against its hash, and read from there.
 */
export class S3Store extends RemoteStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** Key prefix of this kind of file (e.g. `judge/packages/`). */
    private readonly prefix: string,
    local: FolderStore,
  ) {
    super(local);
  }

  async put(data: Buffer): Promise<string> {
    const hash = contentHash(data);
    // Same key, same bytes: a second put (another process, at once or later) writes what is already there.
    if (!(await this.has(hash))) {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.key(hash), Body: data, ContentLength: data.length }),
      );
    }
    await this.local.put(data);
    return hash;
  }

  /**
   * A file copied in as a stream (files:copy): its hash is checked in a first read, as an object once put cannot be
   * taken back by a failed check; not kept in the local folder, which is for files read here.
   */
  async putFile(hash: string, path: string): Promise<void> {
    const actual = await fileHash(path);
    if (actual !== hash) throw new DamagedFile(hash, actual);
    if (await this.has(hash)) return;
    const { size } = await stat(path);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(hash),
        Body: createReadStream(path),
        ContentLength: size,
      }),
    );
  }

  async has(hash: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }

  async *hashes(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const hash = object.Key?.slice(this.prefix.length) ?? '';
        if (/^[0-9a-f]{64}$/.test(hash)) yield hash;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private key(hash: string): string {
    return `${this.prefix}${checkHash(hash)}`;
  }

  protected async download(hash: string): Promise<AsyncIterable<Buffer>> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new StoredFileMissing(hash);
      }
      throw error;
    }
  }
}

/**
 * A client for any S3-compatible store. Checksums only where the operation requires them: by default the SDK sends a
 * streamed body `aws-chunked` with a checksum trailer, which AWS takes but several S3-compatible servers store as
 * it came, framing and all (s3rver does). Files are checked against their sha256 on every fetch anyway.
 */
export function s3Client(config: S3ClientConfig): S3Client {
  return new S3Client({
    ...config,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
