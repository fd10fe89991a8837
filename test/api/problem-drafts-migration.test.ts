import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import { ProblemDrafts1764800300000 } from '../../migrations/1764800300000-problem-drafts';
import { createTestDatabase, type TestDatabase } from './support';

/** The migration that adds drafts keeps every problem that exists public, and its `down` takes the column away. */

let database: TestDatabase;

const connect = async (migrations: (typeof MIGRATIONS)[number][]) => {
  const source = new DataSource({ type: 'postgres', url: database.url, migrations, migrationsTransactionMode: 'each' });
  await source.initialize();
  return source;
};

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('migration 1764800300000 (problem drafts)', () => {
  it('keeps existing problems public, makes new rows drafts, and goes down and up again', async () => {
    const before = await connect(MIGRATIONS.filter((m) => m !== ProblemDrafts1764800300000));
    await before.runMigrations();
    await before.query(`INSERT INTO problems (slug, title, current_version) VALUES ('old', 'Old', 1)`);
    await before.destroy();

    const after = await connect(MIGRATIONS);
    try {
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['ProblemDrafts1764800300000']);
      await after.query(`INSERT INTO problems (slug, title, current_version) VALUES ('new', 'New', 1)`);
      const rows = await after.query<{ slug: string; visibility: string }[]>(
        'SELECT slug, visibility FROM problems ORDER BY slug',
      );
      expect(rows).toEqual([
        { slug: 'new', visibility: 'draft' },
        { slug: 'old', visibility: 'public' },
      ]);
      await expect(after.query(`UPDATE problems SET visibility = 'hidden'`)).rejects.toThrow(/check constraint/);

      await after.undoLastMigration();
      const columns = await after.query<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'problems'`,
      );
      expect(columns.map((c) => c.column_name)).not.toContain('visibility');
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['ProblemDrafts1764800300000']);
      // Taken down and up again, what existed is public again.
      expect(await after.query('SELECT DISTINCT visibility FROM problems')).toEqual([{ visibility: 'public' }]);
    } finally {
      await after.destroy();
    }
  });
});
