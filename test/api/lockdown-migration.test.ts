import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import { Lockdown1764802200000 } from '../../migrations/1764802200000-lockdown';
import { createTestDatabase, type TestDatabase } from './support';

/** The migration of lock-down (allowed networks and one session; users' session generations), and its `down`. */

let database: TestDatabase;

const connect = async () => {
  const source = new DataSource({
    type: 'postgres',
    url: database.url,
    // Up to this one: its `down` is then the last one to undo, whatever later migrations come.
    migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(Lockdown1764802200000) + 1),
    migrationsTransactionMode: 'each',
  });
  await source.initialize();
  return source;
};

const columns = async (source: DataSource) =>
  (
    await source.query<{ c: string }[]>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
        WHERE column_name IN ('allowed_networks', 'one_session', 'session_generation', 'session_issued_at')
        ORDER BY 1`,
    )
  ).map((r) => r.c);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('migration 1764802200000 (lock-down)', () => {
  it('leaves existing contests and users unlocked, and goes down and up again', async () => {
    const source = await connect();
    try {
      await source.runMigrations();
      await source.undoLastMigration();
      expect(await columns(source)).toEqual([]);
      // A contest and a user made before lock-down existed.
      await source.query(
        `INSERT INTO contests (title, description, starts_at, ends_at, scoring, freeze_minutes, unfrozen, registration,
                               practice_after, runs_enabled)
         VALUES ('Old', '', now(), now() + interval '1 hour', 'icpc', 0, false, 'open', true, true)`,
      );
      await source.query(
        `INSERT INTO users (username, password_hash, role, disabled) VALUES ('old', 'x', 'contestant', false)`,
      );

      expect((await source.runMigrations()).map((m) => m.name)).toEqual(['Lockdown1764802200000']);
      expect(await columns(source)).toEqual([
        'assignments.allowed_networks',
        'assignments.one_session',
        'contests.allowed_networks',
        'contests.one_session',
        'users.session_generation',
        'users.session_issued_at',
      ]);
      expect(await source.query(`SELECT allowed_networks, one_session FROM contests`)).toEqual([
        { allowed_networks: [], one_session: false },
      ]);
      expect(
        await source.query(`SELECT session_generation, session_issued_at FROM users WHERE username = 'old'`),
      ).toEqual([{ session_generation: 0, session_issued_at: null }]);
    } finally {
      await source.destroy();
    }
  });
});
