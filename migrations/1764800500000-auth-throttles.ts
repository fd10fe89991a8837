import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of the login and registration throttles (apps/api/src/auth/auth-throttle.ts), shared by every API
 * instance on the database: one row per rule and key (`login-name:alice`, `login-address:203.0.113.7`), with the
 * attempts counted and when the window ends (epoch milliseconds). The columns are those rate-limiter-flexible's
 * PostgreSQL store reads and writes.
 */
export class AuthThrottles1764800500000 implements MigrationInterface {
  name = 'AuthThrottles1764800500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_throttles (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE auth_throttles');
  }
}
