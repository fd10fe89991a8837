import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import { Webhooks1764801400000 } from '../../migrations/1764801400000-webhooks';
import { createTestDatabase, type TestDatabase } from './support';

/** The migration that makes `webhooks` and `webhook_deliveries`, and its `down`, which drops them. */

let database: TestDatabase;

const connect = async () => {
  const source = new DataSource({
    type: 'postgres',
    url: database.url,
    // Up to this one: its `down` is then the last one to undo, whatever later migrations come.
    migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(Webhooks1764801400000) + 1),
    migrationsTransactionMode: 'each',
  });
  await source.initialize();
  return source;
};

const tables = async (source: DataSource) =>
  (
    await source.query<{ a: string | null; b: string | null }[]>(
      `SELECT to_regclass('webhooks') AS a, to_regclass('webhook_deliveries') AS b`,
    )
  )[0];

const addHook = (source: DataSource, events: string[], place: { course?: string; contest?: string } = {}) =>
  source.query<{ id: string }[]>(
    `INSERT INTO webhooks (url, events, secret, course_id, contest_id) VALUES ('https://x.example/', $1, 's', $2, $3)
     RETURNING id`,
    [events, place.course ?? null, place.contest ?? null],
  );

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('migration 1764801400000 (webhooks)', () => {
  it('makes the tables with their checks, drops them going down, and makes them again going up', async () => {
    const source = await connect();
    try {
      const names = (await source.runMigrations()).map((m) => m.name);
      expect(names.at(-1)).toBe('Webhooks1764801400000');
      const [{ id }] = await addHook(source, ['submission.judged', 'run.finished']);
      await expect(addHook(source, ['push'])).rejects.toThrow(/check constraint/);
      await expect(addHook(source, [])).rejects.toThrow(/check constraint/);
      await source.query(
        `INSERT INTO webhook_deliveries (webhook_id, event, data, event_at, give_up_at)
         VALUES ($1, 'ping', '{}', now(), now() + interval '1 day')`,
        [id],
      );
      const [delivery] = await source.query<{ status: string; attempts: number }[]>(
        'SELECT status, attempts FROM webhook_deliveries',
      );
      expect(delivery).toEqual({ status: 'pending', attempts: 0 });
      // Deliveries go with their hook.
      await source.query('DELETE FROM webhooks WHERE id = $1', [id]);
      expect(await source.query('SELECT count(*)::int AS n FROM webhook_deliveries')).toEqual([{ n: 0 }]);

      await source.undoLastMigration();
      expect(await tables(source)).toEqual({ a: null, b: null });
      expect((await source.runMigrations()).map((m) => m.name)).toEqual(['Webhooks1764801400000']);
      expect(await tables(source)).toEqual({ a: 'webhooks', b: 'webhook_deliveries' });
    } finally {
      await source.destroy();
    }
  });
});
