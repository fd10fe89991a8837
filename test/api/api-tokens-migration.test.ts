import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import { ApiTokens1764801000000 } from '../../migrations/1764801000000-api-tokens';
import { createTestDatabase, type TestDatabase } from './support';

/** The migration that makes `api_tokens`, and its `down`, which drops it. */

let database: TestDatabase;

const connect = async () => {
  const source = new DataSource({
    type: 'postgres',
    url: database.url,
    // Up to this one: its `down` is then the last one to undo, whatever later migrations come.
    migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(ApiTokens1764801000000) + 1),
    migrationsTransactionMode: 'each',
  });
  await source.initialize();
  return source;
};

const addToken = (source: DataSource, userId: string, scopes: string[], hash: string) =>
  source.query(`INSERT INTO api_tokens (user_id, name, scopes, token_hash) VALUES ($1, 'bot', $2, $3)`, [
    userId,
    scopes,
    hash,
  ]);

const hasTable = async (source: DataSource) =>
  (await source.query<{ t: string | null }[]>(`SELECT to_regclass('api_tokens') AS t`))[0].t !== null;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('migration 1764801000000 (API tokens)', () => {
  it('makes api_tokens with its checks, drops it going down, and makes it again going up', async () => {
    const source = await connect();
    try {
      const names = (await source.runMigrations()).map((m) => m.name);
      expect(names.at(-1)).toBe('ApiTokens1764801000000');
      const [{ id }] = await source.query<{ id: string }[]>(
        `INSERT INTO users (username, password_hash, role) VALUES ('tina', 'x', 'contestant') RETURNING id`,
      );
      await addToken(source, id, ['runs', 'read'], 'hash-1');
      await expect(addToken(source, id, ['admin'], 'hash-2')).rejects.toThrow(/check constraint/);
      await expect(addToken(source, id, [], 'hash-3')).rejects.toThrow(/check constraint/);
      await expect(addToken(source, id, ['read'], 'hash-1')).rejects.toThrow(/unique/);
      // A token goes with its user.
      await source.query(`DELETE FROM users WHERE id = $1`, [id]);
      expect(await source.query(`SELECT count(*)::int AS n FROM api_tokens`)).toEqual([{ n: 0 }]);

      await source.undoLastMigration();
      expect(await hasTable(source)).toBe(false);
      expect((await source.runMigrations()).map((m) => m.name)).toEqual(['ApiTokens1764801000000']);
      expect(await hasTable(source)).toBe(true);
    } finally {
      await source.destroy();
    }
  });
});
