import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which judging of a submission is the current one: 1 for the first, one more for each rejudge. A job carries
 * it and the runner returns it with the result, so that a result is stored once, and only for the attempt it
 * judged: a duplicate (a job judged again after a runner or Redis was lost) or an earlier attempt's result
 * arriving after a rejudge changes nothing.
 */
export class JudgingAttempts1764800400000 implements MigrationInterface {
  name = 'JudgingAttempts1764800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE submissions ADD COLUMN judge_attempt integer NOT NULL DEFAULT 1 CHECK (judge_attempt > 0)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submissions DROP COLUMN judge_attempt');
  }
}
