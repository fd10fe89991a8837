import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runners the API has heard from (PUT /api/runner/heartbeat, and the API's own in-process runner): one row
 * per runner, overwritten by each heartbeat, so that every API process shows the same runners page and metrics.
 */
export class Runners1764801800000 implements MigrationInterface {
  name = 'Runners1764801800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runners (
        id text PRIMARY KEY,
        host text NOT NULL,
        engine text NOT NULL,
        languages jsonb NOT NULL DEFAULT '[]',
        concurrency integer NOT NULL,
        jobs_done integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        last_heartbeat_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX runners_last_heartbeat ON runners (last_heartbeat_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE runners');
  }
}
