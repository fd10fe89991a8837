import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Medal counts per contest, for the awards of the closing ceremony (docs/contests.md, "Reveal and awards"): how many
 * gold, silver and bronze medals it gives, four each unless set (as at the ICPC World Finals).
 */
export class ContestMedals1764802400000 implements MigrationInterface {
  name = 'ContestMedals1764802400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contests
        ADD COLUMN medals_gold integer NOT NULL DEFAULT 4 CHECK (medals_gold >= 0),
        ADD COLUMN medals_silver integer NOT NULL DEFAULT 4 CHECK (medals_silver >= 0),
        ADD COLUMN medals_bronze integer NOT NULL DEFAULT 4 CHECK (medals_bronze >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE contests DROP COLUMN medals_gold, DROP COLUMN medals_silver, DROP COLUMN medals_bronze');
  }
}
