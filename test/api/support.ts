import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { inject } from 'vitest';
// The built API: Nest's dependency injection needs the decorator metadata that tsc emits.
import { loadConfig, startApi, type AppConfig, type RunningApi } from '@judge/api';

/** The suite's PostgreSQL (test/support/global-setup.ts); each test file gets a database of its own. */
export const POSTGRES_ADMIN_URL = inject('postgresUrl');

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `judge_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Calls and logs in to an API at a base address (which may change when the API restarts). */
export interface ApiClient {
  /** Calls the API; a token makes it an authenticated call. */
  call(
    method: string,
    path: string,
    options?: { token?: string; json?: unknown; body?: RequestInit['body'] },
  ): Promise<Response>;
  login(username: string, password: string): Promise<string>;
}

export function apiClient(baseUrl: () => string): ApiClient {
  const call: ApiClient['call'] = (method, path, options = {}) =>
    fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
  return {
    call,
    login: async (username, password) => {
      const response = await call('POST', '/api/auth/login', { json: { username, password } });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
  };
}

export interface TestApi extends RunningApi, ApiClient {
  config: AppConfig;
  dispose(): Promise<void>;
}

/** A real API on a free port, against a fresh database on the machine's PostgreSQL. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'judge-api-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    IMPORT_EXAMPLES: 'false',
    ...env,
  });
  const api = await startApi(config, { logLevels: ['error'] });
  return {
    ...api,
    config,
    ...apiClient(() => api.url),
    dispose: async () => {
      await api.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
