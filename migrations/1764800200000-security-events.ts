import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security events (issue 12, "keep an eye out"): what a submission's runs did that probes the sandbox, kept with its
 * result (`security_events`, a JSON array of `{kind, test, detail, count}`) with their number beside it
 * (`security_event_count`), and what an admin may do about a user: block their submissions, or give them a rate
 * limit of their own.
 *
 * Per-user counts are not stored: the admin's list sums `security_event_count` over the submissions that have any,
 * which a partial index keeps to those few rows. Nothing to keep in step when a result is stored again (a rejudge,
 * a result delivered twice), and no count that drifts from the events shown.
 */
export class SecurityEvents1764800200000 implements MigrationInterface {
  name = 'SecurityEvents1764800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE submissions
        ADD COLUMN security_events jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(security_events) = 'array'),
        ADD COLUMN security_event_count integer NOT NULL DEFAULT 0 CHECK (security_event_count >= 0)`);
    await q.query(`
      CREATE INDEX submissions_security_events_idx ON submissions (user_id, judged_at)
        WHERE security_event_count > 0`);
    await q.query(`
      ALTER TABLE users
        ADD COLUMN blocked boolean NOT NULL DEFAULT false,
        ADD COLUMN submissions_per_minute integer CHECK (submissions_per_minute > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN submissions_per_minute, DROP COLUMN blocked');
    await q.query('DROP INDEX submissions_security_events_idx');
    await q.query('ALTER TABLE submissions DROP COLUMN security_event_count, DROP COLUMN security_events');
  }
}
