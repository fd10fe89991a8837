import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Virtual participation and upsolving (docs/contests.md). After a contest ends, a user may take it once more on their
 * own clock: `contest_virtual_participations` holds when they started (it lasts as long as the contest did). Each
 * contest submission says what it was made as: `contest` (in the contest's own window, the only kind on its real
 * board), `virtual` (during the author's virtual participation) or `upsolve` (after the end, outside one); null for
 * practice and assignments. Existing contest submissions were all made in the window.
 */
export class VirtualParticipation1764802300000 implements MigrationInterface {
  name = 'VirtualParticipation1764802300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contest_virtual_participations (
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contest_id, user_id)
      )`);
    await q.query(
      `ALTER TABLE submissions ADD COLUMN contest_kind text CHECK (contest_kind IN ('contest', 'virtual', 'upsolve'))`,
    );
    await q.query(`UPDATE submissions SET contest_kind = 'contest' WHERE contest_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submissions DROP COLUMN contest_kind');
    await q.query('DROP TABLE contest_virtual_participations');
  }
}
