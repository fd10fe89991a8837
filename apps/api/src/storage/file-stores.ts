import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AppConfig, FileStoreDriver } from '../config/app-config';
import { DamagedFile, type ContentStore } from './content-store';
import { FolderStore } from './folder-store';
import { PostgresStore } from './postgres-store';
import { s3Client, S3Store } from './s3-store';

/** Problem packages (`<sha256>.zip`, holding the secret answers) and the images and PDFs of statements. */
export interface FileStores {
  packages: ContentStore;
  statementFiles: ContentStore;
}

export const FILE_STORE_KINDS = ['packages', 'statementFiles'] as const;

/** The folders of DATA_DIR the stores use: the files themselves (`folder`), or this machine's copies. */
export function localFolders(dataDir: string): Record<keyof FileStores, FolderStore> {
  return {
    // 0600 in a 0700 folder: readable by the API's user alone.
    packages: new FolderStore(join(dataDir, 'packages'), '.zip', 'private'),
    statementFiles: new FolderStore(join(dataDir, 'statement-files')),
  };
}

/** The names of the stores in the database (`stored_files.store`) and in S3 keys. */
const STORE_NAMES: Record<keyof FileStores, string> = { packages: 'packages', statementFiles: 'statement-files' };

/** Where the S3 driver keeps its objects (FILE_STORE=s3). */
export interface S3Settings {
  client: S3Client;
  bucket: string;
  prefix: string;
}

export function openFileStores(
  driver: FileStoreDriver,
  dataDir: string,
  db: DataSource,
  s3: S3Settings | null = null,
): FileStores {
  const local = localFolders(dataDir);
  switch (driver) {
    case 'folder':
      return local;
    case 'postgres':
      return {
        packages: new PostgresStore(db, STORE_NAMES.packages, local.packages),
        statementFiles: new PostgresStore(db, STORE_NAMES.statementFiles, local.statementFiles),
      };
    case 's3': {
      if (!s3) throw new Error('FILE_STORE=s3 needs the S3 settings');
      const store = (kind: keyof FileStores) =>
        new S3Store(s3.client, s3.bucket, `${s3.prefix}${STORE_NAMES[kind]}/`, local[kind]);
      return { packages: store('packages'), statementFiles: store('statementFiles') };
    }
  }
}

/** The S3 client and bucket the settings name, or null when FILE_STORE is not s3. */
export function s3Settings(config: AppConfig): S3Settings | null {
  if (config.FILE_STORE !== 's3' || !config.S3_BUCKET) return null;
  const credentials =
    config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined;
  const client = s3Client({
    region: config.S3_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(credentials ? { credentials } : {}),
  });
  return { client, bucket: config.S3_BUCKET, prefix: config.S3_PREFIX };
}

/**
 * Copies every file of one store that another lacks (moving a deployment from one FILE_STORE to another); a file
 * whose bytes are not its hash's is skipped and counted. Files are streamed one at a time, never held whole. What the target
 * holds is listed once (a page of hashes per query or request), not asked file by file: the API does this at
 * every start, over a folder that holds a copy of every file it ever read.
 */
export async function copyFiles(
  from: ContentStore,
  to: ContentStore,
): Promise<{ copied: number; present: number; damaged: number }> {
  const counts = { copied: 0, present: 0, damaged: 0 };
  const held = new Set<string>();
  for await (const hash of to.hashes()) held.add(hash);
  for await (const hash of from.hashes()) {
    if (held.has(hash)) {
      counts.present++;
      continue;
    }
    try {
      await to.putFile(hash, await from.file(hash));
    } catch (error) {
      // Bytes that are not their hash's: the database's chunks when fetched, or the file when copied in.
      if (!(error instanceof DamagedFile)) throw error;
      counts.damaged++;
      continue;
    }
    counts.copied++;
  }
  return counts;
}

/**
 * With FILE_STORE=postgres or s3, the files of DATA_DIR the shared store lacks (kept there while the deployment
 * used a folder) are copied in at start, so that every process can serve them. Answers how many were copied.
 */
export async function adoptLocalFiles(stores: FileStores, driver: FileStoreDriver, dataDir: string): Promise<number> {
  if (driver === 'folder') return 0;
  const local = localFolders(dataDir);
  let copied = 0;
  for (const kind of FILE_STORE_KINDS) copied += (await copyFiles(local[kind], stores[kind])).copied;
  return copied;
}
