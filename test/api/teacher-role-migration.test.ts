import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import { TeacherRole1764800800000 } from '../../migrations/1764800800000-teacher-role';
import { createTestDatabase, type TestDatabase } from './support';

/** The migration that allows the teacher role, and its `down`, which makes teachers setters again. */

let database: TestDatabase;

const connect = async (migrations: (typeof MIGRATIONS)[number][]) => {
  const source = new DataSource({ type: 'postgres', url: database.url, migrations, migrationsTransactionMode: 'each' });
  await source.initialize();
  return source;
};

const addUser = (source: DataSource, username: string, role: string) =>
  source.query(`INSERT INTO users (username, password_hash, role) VALUES ($1, 'x', $2)`, [username, role]);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('migration 1764800800000 (teacher role)', () => {
  it('refuses teachers before it, takes them after it, and turns them into setters going down', async () => {
    const before = await connect(MIGRATIONS.filter((m) => m !== TeacherRole1764800800000));
    await before.runMigrations();
    await expect(addUser(before, 'tina', 'teacher')).rejects.toThrow(/check constraint/);
    await before.destroy();

    const after = await connect(MIGRATIONS);
    try {
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['TeacherRole1764800800000']);
      await addUser(after, 'tina', 'teacher');
      await expect(addUser(after, 'tom', 'principal')).rejects.toThrow(/check constraint/);

      await after.undoLastMigration();
      expect(await after.query(`SELECT role FROM users WHERE username = 'tina'`)).toEqual([{ role: 'setter' }]);
      await expect(addUser(after, 'tess', 'teacher')).rejects.toThrow(/check constraint/);
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['TeacherRole1764800800000']);
    } finally {
      await after.destroy();
    }
  });
});
