import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropQueue, sleep, uniquePrefix } from '../queue/support';
import { createTestDatabase, type TestDatabase } from './support';
import {
  REDIS_URL,
  startRestartableApi,
  startRunnerProcess,
  type RestartableApi,
  type RunnerProcess,
} from './support-processes';

/**
 * Judge0 callbacks with two API processes on one database and one Redis queue, and a runner process: both APIs
 * hear every run finish, and each callback is delivered once.
 */
const RUNNER_TOKEN = 'judge0-distributed-test-runner-token';
const prefix = uniquePrefix('judge0-distributed');
let database: TestDatabase;
const dataDirs: string[] = [];
let cacheRoot: string;
const apis: RestartableApi[] = [];
let runner: RunnerProcess | null = null;
let callbacks: Server;
const received: string[] = [];

beforeAll(async () => {
  callbacks = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    request.on('end', () => {
      received.push((JSON.parse(data) as { token: string }).token);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => callbacks.listen(0, '127.0.0.1', resolve));
  database = await createTestDatabase();
  cacheRoot = await mkdtemp(join(tmpdir(), 'judge0-distributed-runners-'));
  await chmod(cacheRoot, 0o755);
  // One after the other: the first migrates the database.
  for (let i = 0; i < 2; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'judge0-distributed-'));
    dataDirs.push(dataDir);
    apis.push(
      await startRestartableApi({
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        REDIS_URL,
        JUDGE_QUEUE_PREFIX: prefix,
        RUNNER_TOKEN,
        JWT_SECRET: 'judge0-distributed-test-jwt-secret',
        JUDGE_ADMIN_PASSWORD: 'admin-password',
        EXECUTION_API_AUTH: 'none',
        OUTBOUND_ALLOW_PRIVATE: 'true',
        RUNS_IN_FLIGHT: '20',
      }),
    );
  }
  runner = await startRunnerProcess({
    runnerId: 'judge0-runner',
    apiUrl: apis[0].url(),
    runnerToken: RUNNER_TOKEN,
    queuePrefix: prefix,
    cacheRoot,
  });
});

afterAll(async () => {
  await runner?.kill();
  for (const api of apis) await api.stop();
  await dropQueue(prefix);
  await database?.drop();
  for (const dir of [...dataDirs, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
  await new Promise((resolve) => callbacks?.close(resolve));
});

describe('callbacks with two API processes', () => {
  it('delivers each callback once, whichever process took the submission', async () => {
    const { port } = callbacks.address() as AddressInfo;
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${apis[i % 2].url()}/judge0/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          language_id: 71,
          source_code: `print(${i})\n`,
          callback_url: `http://127.0.0.1:${port}/done`,
        }),
      });
      expect(response.status).toBe(201);
      tokens.push(((await response.json()) as { token: string }).token);
    }
    for (let i = 0; i < 600 && !tokens.every((t) => received.includes(t)); i++) await sleep(100);
    // Time for a second delivery, were there one.
    await sleep(1500);
    expect([...received].sort()).toEqual([...tokens].sort());
  });
});
