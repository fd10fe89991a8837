import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Submissions of several files: each file as sent (`files`, a JSON array of `{name, content}`), and the entry point
 * the submission named. `source` keeps the files' joined text, so that plagiarism reports and review comments read
 * one text as before. A single source has neither.
 */
export class MultiFileSubmissions1764720000000 implements MigrationInterface {
  name = 'MultiFileSubmissions1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE submissions
        ADD COLUMN files jsonb CHECK (files IS NULL OR jsonb_typeof(files) = 'array'),
        ADD COLUMN entry_point text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submissions DROP COLUMN entry_point, DROP COLUMN files');
  }
}
