import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Balloons and printing for on-site contests. Balloons are not stored: they are computed from the submissions (the
 * first solve of each team, or account, on each problem), so that judging and rejudges always show. Only the
 * runners' done marks are kept, one per entrant (team or account) and problem: a balloon handed out stays handed
 * out when a rejudge moves the first solve to another submission. `balloons_during_freeze` false holds back the
 * balloons of solves made during the freeze until the board is unfrozen.
 *
 * `prints` is the print queue: files participants send, and what the organiser's print command made of them.
 */
export class BalloonsAndPrints1764802500000 implements MigrationInterface {
  name = 'BalloonsAndPrints1764802500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE contests ADD COLUMN balloons_during_freeze boolean NOT NULL DEFAULT true');
    await q.query(`
      CREATE TABLE balloons_done (
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        entrant_id uuid NOT NULL,
        problem_id uuid NOT NULL,
        submission_id uuid REFERENCES submissions(id) ON DELETE SET NULL,
        done_by uuid REFERENCES users(id) ON DELETE SET NULL,
        done_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contest_id, entrant_id, problem_id)
      )`);
    await q.query(`
      CREATE TABLE prints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        file_name text NOT NULL,
        language text,
        content text NOT NULL,
        bytes integer NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'printed', 'failed', 'done')),
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        printed_at timestamptz,
        done_at timestamptz,
        done_by uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query('CREATE INDEX prints_contest ON prints (contest_id, created_at)');
    await q.query('CREATE INDEX prints_user ON prints (contest_id, user_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE prints');
    await q.query('DROP TABLE balloons_done');
    await q.query('ALTER TABLE contests DROP COLUMN balloons_during_freeze');
  }
}
