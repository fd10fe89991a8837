import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A problem is a draft or public. A draft is out of practice (the list, its page, practice submissions) for
 * everyone but staff, though the contests and assignments that hold it still show it to their participants; a
 * public problem is in practice unless a running contest or an open exam hides it. Problems that exist keep what
 * users saw of them: public. New problems start as drafts (the column's default), and their author publishes them.
 */
export class ProblemDrafts1764800300000 implements MigrationInterface {
  name = 'ProblemDrafts1764800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE problems
        ADD COLUMN visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('draft', 'public'))`);
    await q.query(`ALTER TABLE problems ALTER COLUMN visibility SET DEFAULT 'draft'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE problems DROP COLUMN visibility');
  }
}
