import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contest or an assignment may switch runs (POST /api/runs) off for its participants or students while it is
 * running or open (docs/api.md, "Runs"). The check looks a user's contests and courses up by user: the primary keys
 * of contest_participants and course_members lead with the contest and the course, so each gets an index by user;
 * assignments had none by course, and only those with runs off matter to the check (a partial index, small).
 */
export class RunsSwitch1764801300000 implements MigrationInterface {
  name = 'RunsSwitch1764801300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE contests ADD COLUMN runs_enabled boolean NOT NULL DEFAULT true');
    await q.query('ALTER TABLE assignments ADD COLUMN runs_enabled boolean NOT NULL DEFAULT true');
    await q.query('CREATE INDEX contest_participants_user_idx ON contest_participants (user_id)');
    await q.query('CREATE INDEX course_members_user_idx ON course_members (user_id)');
    await q.query('CREATE INDEX assignments_runs_off_idx ON assignments (course_id) WHERE NOT runs_enabled');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX assignments_runs_off_idx');
    await q.query('DROP INDEX course_members_user_idx');
    await q.query('DROP INDEX contest_participants_user_idx');
    await q.query('ALTER TABLE assignments DROP COLUMN runs_enabled');
    await q.query('ALTER TABLE contests DROP COLUMN runs_enabled');
  }
}
