import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs made through the Judge0 face: their settings beyond limits (compiler options, additional files...), the
 * Judge0 request as given (echoed back by `fields`, and its expected_output decides Accepted or Wrong Answer), and
 * the callback_url the API calls once the run is done. `callback_state` is claimed by one conditional UPDATE, so
 * that one API process among several delivers it.
 */
export class Judge0Runs1764801500000 implements MigrationInterface {
  name = 'Judge0Runs1764801500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE runs ADD COLUMN settings jsonb');
    await q.query('ALTER TABLE runs ADD COLUMN judge0 jsonb');
    await q.query('ALTER TABLE runs ADD COLUMN callback_url text');
    await q.query(
      "ALTER TABLE runs ADD COLUMN callback_state text CHECK (callback_state IN ('pending', 'sending', 'sent', 'failed'))",
    );
    await q.query('ALTER TABLE runs ADD COLUMN callback_claimed_at timestamptz');
    await q.query(
      "CREATE INDEX runs_callback_pending ON runs (created_at) WHERE callback_state IN ('pending', 'sending')",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX runs_callback_pending');
    await q.query('ALTER TABLE runs DROP COLUMN callback_claimed_at');
    await q.query('ALTER TABLE runs DROP COLUMN callback_state');
    await q.query('ALTER TABLE runs DROP COLUMN callback_url');
    await q.query('ALTER TABLE runs DROP COLUMN judge0');
    await q.query('ALTER TABLE runs DROP COLUMN settings');
  }
}
