import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lock-down of contests and exams: an allow-list of networks (CIDR, normalised by the API) and a one-session
 * switch on each. Users get a session generation: a session (a signed JWT) carries the generation it was issued in,
 * and a log-in under a one-session lock raises it, which ends every older session on every API process at once.
 * `session_issued_at` tells whether an earlier session may still be alive (for the audit log).
 *
 * The partial indexes keep the per-request question "is this user locked now?" cheap: only locked rows are in them.
 */
export class Lockdown1764802200000 implements MigrationInterface {
  name = 'Lockdown1764802200000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['contests', 'assignments']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN allowed_networks text[] NOT NULL DEFAULT '{}'`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN one_session boolean NOT NULL DEFAULT false`);
    }
    await q.query(
      `CREATE INDEX contests_locked ON contests (ends_at) WHERE cardinality(allowed_networks) > 0 OR one_session`,
    );
    await q.query(
      `CREATE INDEX assignments_locked ON assignments (course_id)
        WHERE kind = 'exam' AND (cardinality(allowed_networks) > 0 OR one_session)`,
    );
    await q.query('ALTER TABLE users ADD COLUMN session_generation integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE users ADD COLUMN session_issued_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN session_issued_at');
    await q.query('ALTER TABLE users DROP COLUMN session_generation');
    await q.query('DROP INDEX assignments_locked');
    await q.query('DROP INDEX contests_locked');
    for (const table of ['assignments', 'contests']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN one_session`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN allowed_networks`);
    }
  }
}
