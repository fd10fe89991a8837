import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files kept by content (problem packages, statement images) in PostgreSQL, so that every API process of a
 * deployment serves every file with no shared folder. A file is its head (`stored_files`: its size and number of
 * chunks) and its bytes in chunks of at most a MiB (`stored_file_chunks`), written in one transaction with the
 * head: a file with a head is whole. `store` names the kind of file ('packages', 'statement-files').
 */
export class StoredFiles1764802700000 implements MigrationInterface {
  name = 'StoredFiles1764802700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_files (
        store text NOT NULL,
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        bytes bigint NOT NULL CHECK (bytes >= 0),
        chunks integer NOT NULL CHECK (chunks >= 0),
        stored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store, hash)
      )`);
    await q.query(`
      CREATE TABLE stored_file_chunks (
        store text NOT NULL,
        hash text NOT NULL,
        chunk integer NOT NULL CHECK (chunk >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (store, hash, chunk),
        FOREIGN KEY (store, hash) REFERENCES stored_files (store, hash) ON DELETE CASCADE
      )`);
    // Chunks are written, and read, whole: compressing zips again gains nothing.
    await q.query('ALTER TABLE stored_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE stored_file_chunks');
    await q.query('DROP TABLE stored_files');
  }
}
