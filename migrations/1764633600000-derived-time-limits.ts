import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A time limit derived from a package's accepted submissions is kept with the package's version: the first
 * runner that needs it measures it and stores it through the API, and every runner then judges the version with
 * it (it used to be measured and cached by each runner, so runners on different hardware could disagree).
 * Runners name a package by its content hash, so the limit is looked up and stored by hash.
 */
export class DerivedTimeLimits1764633600000 implements MigrationInterface {
  name = 'DerivedTimeLimits1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE problem_versions
        ADD COLUMN derived_time_limit_ms integer CHECK (derived_time_limit_ms > 0),
        ADD COLUMN slowest_accepted_ms integer CHECK (slowest_accepted_ms >= 0),
        ADD COLUMN time_limit_derived_by text,
        ADD COLUMN time_limit_derived_at timestamptz`);
    await q.query('CREATE INDEX problem_versions_package_hash_idx ON problem_versions (package_hash)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX problem_versions_package_hash_idx');
    await q.query(`
      ALTER TABLE problem_versions
        DROP COLUMN time_limit_derived_at,
        DROP COLUMN time_limit_derived_by,
        DROP COLUMN slowest_accepted_ms,
        DROP COLUMN derived_time_limit_ms`);
  }
}
