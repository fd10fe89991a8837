import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A display name and an email for accounts, both optional: bulk imports (docs/courses.md, "Importing students")
 * carry them, so that a teacher sees who `s2026-017` is. Nothing is sent to the email yet.
 */
export class AccountDetails1764801700000 implements MigrationInterface {
  name = 'AccountDetails1764801700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN display_name text');
    await q.query('ALTER TABLE users ADD COLUMN email text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN email');
    await q.query('ALTER TABLE users DROP COLUMN display_name');
  }
}
