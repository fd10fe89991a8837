import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs through the execution faces (Judge0, Piston) without a token, under EXECUTION_API_AUTH=none: they belong to
 * no user, and their rate and in-flight caps count by the caller's address instead.
 */
export class AnonymousRuns1764801200000 implements MigrationInterface {
  name = 'AnonymousRuns1764801200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE runs ALTER COLUMN user_id DROP NOT NULL');
    await q.query('ALTER TABLE runs ADD COLUMN address text');
    await q.query('ALTER TABLE runs ADD CONSTRAINT runs_owner CHECK (user_id IS NOT NULL OR address IS NOT NULL)');
    await q.query('CREATE INDEX runs_address_created ON runs (address, created_at) WHERE user_id IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM runs WHERE user_id IS NULL');
    await q.query('DROP INDEX runs_address_created');
    await q.query('ALTER TABLE runs DROP CONSTRAINT runs_owner');
    await q.query('ALTER TABLE runs DROP COLUMN address');
    await q.query('ALTER TABLE runs ALTER COLUMN user_id SET NOT NULL');
  }
}
