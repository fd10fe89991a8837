import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@judge/migrations';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import {
  CHUNK_BYTES,
  contentHash,
  copyFiles,
  DamagedFile,
  FolderStore,
  PostgresStore,
  s3Client,
  S3Store,
  StoredFileMissing,
} from '@judge/api';
import { StoredFiles1764802700000 } from '../../migrations/1764802700000-stored-files';
import { untilJudged, uploadExample } from './fixtures';
import { createTestDatabase, startTestApi, type TestDatabase } from './support';
import { REPO } from './support-processes';

const execFileAsync = promisify(execFile);

/**
 * FILE_STORE=postgres (apps/api/src/storage/postgres-store.ts) on the real database, and FILE_STORE=s3
 * (s3-store.ts) on an S3-compatible server started here (s3rver): two API processes on two machines are two
 * stores over one database or bucket, each with a local folder of its own.
 */
let database: TestDatabase;
let db: DataSource;
let work: string;
let s3rver: S3rver;
let s3: { client: S3Client; endpoint: string };
const BUCKET = 'judge-files';
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const machine = (name: string) => new FolderStore(join(work, name, 'packages'), '.zip', 'private');

async function all(hashes: AsyncIterable<string>): Promise<string[]> {
  const listed: string[] = [];
  for await (const hash of hashes) listed.push(hash);
  return listed.sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS });
  await db.initialize();
  await db.runMigrations();
  work = await mkdtemp(join(tmpdir(), 'file-stores-'));
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(work, 's3rver'),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  s3 = {
    endpoint,
    client: s3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: S3_CREDENTIALS }),
  };
});

afterAll(async () => {
  s3?.client.destroy();
  await s3rver?.close();
  await db?.destroy();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the PostgreSQL file store', () => {
  it('serves a file kept through one process to another, in chunks, byte for byte', async () => {
    const a = new PostgresStore(db, 'packages', machine('a'));
    const b = new PostgresStore(db, 'packages', machine('b'));
    // Three and a half chunks, so that the last is short.
    const data = randomBytes(CHUNK_BYTES * 3 + CHUNK_BYTES / 2);
    const hash = await a.put(data);
    expect(hash).toBe(contentHash(data));
    expect(await b.has(hash)).toBe(true);
    const [{ chunks }] = await db.query<{ chunks: number }[]>('SELECT chunks FROM stored_files WHERE hash = $1', [
      hash,
    ]);
    expect(chunks).toBe(4);
    const path = await b.file(hash);
    expect(path).toBe(machine('b').path(hash));
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('keeps bytes put by two processes at once once, and keeps stores apart', async () => {
    const data = randomBytes(1000);
    const [one, two] = await Promise.all([
      new PostgresStore(db, 'packages', machine('c')).put(data),
      new PostgresStore(db, 'packages', machine('d')).put(data),
    ]);
    expect(one).toBe(two);
    const heads = await db.query<unknown[]>('SELECT 1 FROM stored_files WHERE store = $1 AND hash = $2', [
      'packages',
      one,
    ]);
    expect(heads).toHaveLength(1);
    expect(await new PostgresStore(db, 'statement-files', machine('e')).has(one)).toBe(false);
  });

  it('refuses a hash it does not hold, and a fetch whose chunks do not add up to it keeps nothing', async () => {
    const store = new PostgresStore(db, 'packages', machine('f'));
    await expect(store.file(contentHash(Buffer.from('never kept')))).rejects.toBeInstanceOf(StoredFileMissing);
    const hash = await new PostgresStore(db, 'packages', machine('g')).put(Buffer.from('the real bytes'));
    await db.query(`UPDATE stored_file_chunks SET data = 'other bytes' WHERE hash = $1`, [hash]);
    await expect(store.file(hash)).rejects.toThrow(/have the hash/);
    expect(await machine('f').has(hash)).toBe(false);
  });

  it('takes a file of several MiB from disk a chunk at a time, checked as it goes, or nothing of it', async () => {
    const store = new PostgresStore(db, 'packages', machine('k'));
    const data = randomBytes(CHUNK_BYTES * 2 + 123);
    const path = join(work, 'large.bin');
    await writeFile(path, data);
    await store.putFile(contentHash(data), path);
    const rows = await db.query<{ bytes: number }[]>(
      'SELECT length(data) AS bytes FROM stored_file_chunks WHERE hash = $1 ORDER BY chunk',
      [contentHash(data)],
    );
    expect(rows.map((r) => r.bytes)).toEqual([CHUNK_BYTES, CHUNK_BYTES, 123]);
    expect(
      (await readFile(await new PostgresStore(db, 'packages', machine('l')).file(contentHash(data)))).equals(data),
    ).toBe(true);
    // Named after other bytes: refused when the last chunk is read, and no head or chunk is left.
    const other = contentHash(Buffer.from('other bytes'));
    await expect(store.putFile(other, path)).rejects.toBeInstanceOf(DamagedFile);
    expect(await store.has(other)).toBe(false);
    expect(await db.query('SELECT 1 FROM stored_file_chunks WHERE hash = $1', [other])).toHaveLength(0);
  });

  it('copies a folder into the database and back, skipping damaged files, and copies nothing the second time', async () => {
    const folder = machine('h');
    const kept = [await folder.put(Buffer.from('first package')), await folder.put(Buffer.from('second package'))];
    const damaged = contentHash(Buffer.from('what the name says'));
    await writeFile(folder.path(damaged), 'something else');
    const store = new PostgresStore(db, 'packages', machine('i'));
    expect(await copyFiles(folder, store)).toEqual({ copied: 2, present: 0, damaged: 1 });
    expect(await copyFiles(folder, store)).toEqual({ copied: 0, present: 2, damaged: 1 });
    for (const hash of kept) expect(await store.has(hash)).toBe(true);
    expect(await store.has(damaged)).toBe(false);
    const back = machine('j');
    // The file the test above damaged in the database is counted, not copied.
    expect(await copyFiles(store, back)).toMatchObject({ damaged: 1 });
    expect(await all(back.hashes())).toEqual(expect.arrayContaining(kept.sort()));
  });

  it('npm run files:copy moves a data folder into the database', async () => {
    const dataDir = join(work, 'data');
    const folder = new FolderStore(join(dataDir, 'packages'), '.zip', 'private');
    const hash = await folder.put(Buffer.from('a package of the old deployment'));
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url };
    const args = [join(REPO, 'apps', 'api', 'dist', 'copy-files.js'), '--from', 'folder', '--to', 'postgres'];
    const { stdout } = await execFileAsync(process.execPath, args, { env });
    expect(stdout).toMatch(/^packages: 1 copied, \d+ already there, 0 damaged/m);
    expect(await new PostgresStore(db, 'packages', machine('k')).has(hash)).toBe(true);
    const again = await execFileAsync(process.execPath, args, { env });
    expect(again.stdout).toMatch(/^packages: 0 copied, 1 already there/m);
    await expect(
      execFileAsync(process.execPath, [args[0], '--from', 'folder', '--to', 'folder'], { env }),
    ).rejects.toThrow(/the same store/);
  });
});

describe('the S3 file store', () => {
  const store = (name: string, prefix = 'judge/packages/') => new S3Store(s3.client, BUCKET, prefix, machine(name));

  it('serves a file kept through one process to another, byte for byte, and lists what it holds', async () => {
    const data = randomBytes(CHUNK_BYTES * 2 + 12345);
    const hash = await store('s3-a').put(data);
    const b = store('s3-b');
    expect(await b.has(hash)).toBe(true);
    expect((await readFile(await b.file(hash))).equals(data)).toBe(true);
    expect(await all(b.hashes())).toContain(hash);
    // Another kind of file, another prefix: kept apart.
    expect(await store('s3-b', 'judge/statement-files/').has(hash)).toBe(false);
    await expect(b.file(contentHash(Buffer.from('never kept')))).rejects.toBeInstanceOf(StoredFileMissing);
  });

  it('keeps nothing of an object whose bytes are not its hash', async () => {
    const hash = contentHash(Buffer.from('the bytes the key names'));
    await s3.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `judge/packages/${hash}`, Body: Buffer.from('other bytes') }),
    );
    await expect(store('s3-c').file(hash)).rejects.toThrow(/have the hash/);
    expect(await machine('s3-c').has(hash)).toBe(false);
  });

  it('takes a folder of files (files:copy), and an API judging from it', async () => {
    const folder = machine('s3-d');
    const data = randomBytes(CHUNK_BYTES * 3);
    const kept = await folder.put(data);
    const damaged = contentHash(Buffer.from('what the name says'));
    await writeFile(folder.path(damaged), 'something else');
    expect(await copyFiles(folder, store('s3-e'))).toEqual({ copied: 1, present: 0, damaged: 1 });
    expect((await readFile(await store('s3-f').file(kept))).equals(data)).toBe(true);
    expect(await store('s3-f').has(damaged)).toBe(false);

    const api = await startTestApi({
      FILE_STORE: 's3',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      S3_PREFIX: 'api-test/',
    });
    try {
      const admin = await api.login('admin', 'admin-password');
      const problemId = await uploadExample(api, admin, 'hello');
      const [{ package_hash: hash }] = await api.database.dataSource.query<{ package_hash: string }[]>(
        'SELECT package_hash FROM problem_versions WHERE problem_id = $1',
        [problemId],
      );
      expect(await store('s3-g', 'api-test/packages/').has(hash)).toBe(true);
      // The in-process runner reads the package through the store, as a runner fetches it through the API.
      const response = await api.call('POST', '/api/submissions', {
        token: admin,
        json: { problemId, language: 'python', source: 'a, b = map(int, input().split())\nprint(a + b)\n' },
      });
      const { id } = (await response.json()) as { id: string };
      expect(await untilJudged<{ status: string; verdict: string }>(api, admin, id)).toMatchObject({ verdict: 'AC' });
    } finally {
      await api.dispose();
    }
  });
});

describe('migration 1764802700000 (stored files)', () => {
  it('goes down and up again', async () => {
    const source = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(StoredFiles1764802700000) + 1),
      migrationsTransactionMode: 'each',
    });
    await source.initialize();
    try {
      const table = async () =>
        (await source.query<{ t: string | null }[]>(`SELECT to_regclass('stored_file_chunks') AS t`))[0].t;
      await source.undoLastMigration();
      expect(await table()).toBeNull();
      expect((await source.runMigrations()).map((m) => m.name)).toEqual(['StoredFiles1764802700000']);
      expect(await table()).toBe('stored_file_chunks');
    } finally {
      await source.destroy();
    }
  });
});
