import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import { Runners1764801800000 } from '../../migrations/1764801800000-runners';
import { createTestDatabase, type TestDatabase } from './support';

/** The migration that makes `runners` (the runners' heartbeats), and its `down`, which drops it. */

let database: TestDatabase;

const connect = async () => {
  const source = new DataSource({
    type: 'postgres',
    url: database.url,
    // Up to this one: its `down` is then the last one to undo, whatever later migrations come.
    migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(Runners1764801800000) + 1),
    migrationsTransactionMode: 'each',
  });
  await source.initialize();
  return source;
};

const table = async (source: DataSource) =>
  (await source.query<{ t: string | null }[]>(`SELECT to_regclass('runners') AS t`))[0].t;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('migration 1764801800000 (runners)', () => {
  it('makes the table, dated by the database, drops it going down, and makes it again going up', async () => {
    const source = await connect();
    try {
      const names = (await source.runMigrations()).map((m) => m.name);
      expect(names.at(-1)).toBe('Runners1764801800000');
      await source.query(`INSERT INTO runners (id, host, engine, concurrency) VALUES ('r1', 'h', 'namespace', 2)`);
      const [row] = await source.query<{ languages: string[]; jobs_done: number; dated: boolean }[]>(
        `SELECT languages, jobs_done, started_at = last_heartbeat_at AS dated FROM runners`,
      );
      expect(row).toEqual({ languages: [], jobs_done: 0, dated: true });
      await expect(
        source.query(`INSERT INTO runners (id, host, engine, concurrency) VALUES ('r1', 'h', 'docker', 1)`),
      ).rejects.toThrow(/duplicate key/);

      await source.undoLastMigration();
      expect(await table(source)).toBeNull();
      expect((await source.runMigrations()).map((m) => m.name)).toEqual(['Runners1764801800000']);
      expect(await table(source)).toBe('runners');
    } finally {
      await source.destroy();
    }
  });
});
