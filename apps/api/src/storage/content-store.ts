import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Files kept by content: once under the sha256 of their bytes, shared by everything that has the same bytes,
 * never changed or removed. Problem packages and statement images are kept so; a deployment picks where
 * (FILE_STORE: a folder of this machine, or PostgreSQL for several API processes).
 */
export interface ContentStore {
  /** Keeps the bytes (once per content); answers their hash. */
  put(data: Buffer): Promise<string>;
  /**
   * Keeps a file of this machine under the hash its bytes must have, reading it a piece at a time (never whole):
   * how files are copied between stores. DamagedFile, and nothing kept, if the bytes are not that hash's.
   */
  putFile(hash: string, path: string): Promise<void>;
  has(hash: string): Promise<boolean>;
  /** A file of this machine with the bytes of a kept hash, to read and never change (StoredFileMissing when none). */
  file(hash: string): Promise<string>;
  /** Every hash kept, for moving the files to another store. */
  hashes(): AsyncIterable<string>;
}

export class StoredFileMissing extends Error {
  constructor(hash: string) {
    super(`no stored file has the hash ${hash}`);
  }
}

/** Bytes kept under a hash that is not theirs: never served. */
export class DamagedFile extends Error {
  constructor(hash: string, actual: string) {
    super(`the bytes stored as ${hash} have the hash ${actual}`);
  }
}

export function contentHash(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A hash as the stores take it: 64 lowercase hex digits, never a path. */
export function checkHash(hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a content hash: ${hash}`);
  return hash;
}

/** The sha256 of a file, read a piece at a time. */
export async function fileHash(path: string): Promise<string> {
  const digest = createHash('sha256');
  for await (const piece of createReadStream(path)) digest.update(piece as Buffer);
  return digest.digest('hex');
}
