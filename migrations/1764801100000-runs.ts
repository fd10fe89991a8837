import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs (POST /api/runs): one program, one input, no problem. A row per run, readable by its owner and admins,
 * deleted after RUN_RETENTION_HOURS. `result` is the RunOutcome once the run is done.
 */
export class Runs1764801100000 implements MigrationInterface {
  name = 'Runs1764801100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        language text NOT NULL,
        source text NOT NULL,
        files jsonb,
        entry_point text,
        stdin text NOT NULL,
        args jsonb NOT NULL,
        limits jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'done')),
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query('CREATE INDEX runs_user_created ON runs (user_id, created_at)');
    await q.query("CREATE INDEX runs_unfinished ON runs (created_at) WHERE status <> 'done'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE runs');
  }
}
