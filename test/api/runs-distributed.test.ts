import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '@judge/contract';
import { dropQueue, sleep, uniquePrefix } from '../queue/support';
import { createTestDatabase, type TestDatabase } from './support';
import {
  REDIS_URL,
  startRestartableApi,
  startRunnerProcess,
  type RestartableApi,
  type RunnerProcess,
} from './support-processes';

/** Runs on the BullMQ driver: the API on Redis, a runner process of its own, as submissions are judged. */
const RUNNER_TOKEN = 'runs-distributed-test-runner-token';
const prefix = uniquePrefix('runs-distributed');
let database: TestDatabase;
let dataDir: string;
let cacheRoot: string;
let api: RestartableApi;
let admin: string;
let runner: RunnerProcess | null = null;

interface Run {
  id: string;
  status: string;
  verdict?: string;
  stdout?: string;
}

async function read(id: string): Promise<Run> {
  const response = await api.call('GET', `/api/runs/${id}`, { token: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as Run;
}

async function untilDone(id: string, timeoutMs = 60_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await read(id);
    if (run.status === 'done') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status}\n${runner?.output() ?? ''}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'judge-runs-distributed-'));
  cacheRoot = await mkdtemp(join(tmpdir(), 'judge-runs-distributed-runners-'));
  await chmod(cacheRoot, 0o755);
  api = await startRestartableApi({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL,
    JUDGE_QUEUE_PREFIX: prefix,
    RUNNER_TOKEN,
    JWT_SECRET: 'runs-distributed-test-jwt-secret',
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    RECOVERY_SWEEP_SECONDS: '1',
  });
  admin = await api.login('admin', 'admin-password');
});

afterAll(async () => {
  await runner?.kill();
  await api?.stop();
  await dropQueue(prefix);
  await database?.drop();
  for (const dir of [dataDir, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('runs on Redis with a runner process', () => {
  it('a run whose job fails for good ends done as JE, with the reason', async () => {
    // A worker that fails every job at once, as a runner that cannot run it would after its attempts.
    const failing = new Worker(
      QUEUE_NAMES.judge,
      () => Promise.reject(new UnrecoverableError('the runner cannot run this')),
      { connection: { url: REDIS_URL }, prefix },
    );
    try {
      const posted = await api.call('POST', '/api/runs', {
        token: admin,
        json: { language: 'python', source: 'print(1)\n' },
      });
      expect(posted.status).toBe(201);
      const { id } = (await posted.json()) as { id: string };
      const done = await untilDone(id);
      expect(done).toMatchObject({ status: 'done', verdict: 'JE' });
      expect((done as { judgeError?: string }).judgeError).toContain('the runner cannot run this');
    } finally {
      await failing.close();
    }
  });

  it('a run whose job Redis lost is queued again by the sweep, and a runner started later runs it', async () => {
    // No runner yet: the job waits in Redis, and is then lost with the queue's data.
    const posted = await api.call('POST', '/api/runs', {
      token: admin,
      json: { language: 'python', source: 'print(input() * 2)\n', stdin: 'ab\n' },
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    await dropQueue(prefix);
    // The sweep (every second here) finds the run without a job and enqueues it again.
    await sleep(2500);
    expect((await read(id)).status).toBe('queued');

    runner = await startRunnerProcess({
      runnerId: 'runs-runner',
      apiUrl: api.url(),
      runnerToken: RUNNER_TOKEN,
      queuePrefix: prefix,
      cacheRoot,
    });
    expect(await untilDone(id)).toMatchObject({ status: 'done', verdict: 'OK', stdout: 'abab\n' });
  });

  it('?wait=true answers with the outcome from the runner', async () => {
    const response = await api.call('POST', '/api/runs?wait=true', {
      token: admin,
      json: { language: 'c', source: 'int main() { return 7; }\n' },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'done', verdict: 'RE', exitCode: 7 });
  });

  it('runs older than RUN_RETENTION_HOURS are deleted by the sweep', async () => {
    const response = await api.call('POST', '/api/runs?wait=true', {
      token: admin,
      json: { language: 'python', source: 'print("old")\n' },
    });
    const { id } = (await response.json()) as { id: string };
    expect((await read(id)).status).toBe('done');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("UPDATE runs SET created_at = now() - interval '25 hours' WHERE id = $1", [id]);
    } finally {
      await client.end();
    }
    // The sweep runs every second here.
    for (let i = 0; i < 100; i++) {
      if ((await api.call('GET', `/api/runs/${id}`, { token: admin })).status === 404) return;
      await sleep(100);
    }
    throw new Error(`run ${id} was not deleted`);
  });
});
