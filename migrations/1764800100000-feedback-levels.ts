import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback levels (docs/security-model.md): how much of a submission's judgement its author sees. A problem's own
 * level (`full` until its authors choose another), and a contest's and an assignment's override (null: none).
 */
export class FeedbackLevels1764800100000 implements MigrationInterface {
  name = 'FeedbackLevels1764800100000';

  async up(q: QueryRunner): Promise<void> {
    const level = (column: string) => `${column} IN ('full', 'first-failure', 'verdict-only')`;
    await q.query(`ALTER TABLE problems ADD COLUMN feedback text NOT NULL DEFAULT 'full' CHECK (${level('feedback')})`);
    await q.query(`ALTER TABLE contests ADD COLUMN feedback text CHECK (${level('feedback')})`);
    await q.query(`ALTER TABLE assignments ADD COLUMN feedback text CHECK (${level('feedback')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assignments DROP COLUMN feedback');
    await q.query('ALTER TABLE contests DROP COLUMN feedback');
    await q.query('ALTER TABLE problems DROP COLUMN feedback');
  }
}
