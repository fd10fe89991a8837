import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sleep, uniquePrefix } from '../queue/support';
import { startRestartablePostgres, startRestartableRedis, type RestartableService } from '../support/services';
import {
  expectOneVerdictEach,
  submitBurst,
  untilAllDone,
  untilPartlyJudged,
  uploadHello,
  type Outcome,
} from './fault-support';
import { startApiProcess, startRunnerProcess, type ApiProcess, type RunnerProcess } from './support-processes';

/**
 * Fault injection in the distributed deployment: the API and two runners as processes of their own, on a Redis
 * and a PostgreSQL of this file's own (the suite's are shared with other files, and these are stopped on
 * purpose). Each test sends a burst of submissions, hits them with a fault while some are being judged, and
 * checks that every one ends with exactly one verdict, the right one, with nothing left queued or running.
 */
const RUNNER_TOKEN = 'faults-test-runner-token';
const SWEEP_SECONDS = 1;
const prefix = uniquePrefix('faults');
let redis: RestartableService;
let postgres: RestartableService;
let databaseUrl: string;
let dataDir: string;
let cacheRoot: string;
let api: ApiProcess;
let admin: string;
let problemId: string;
const runners: RunnerProcess[] = [];

async function runner(runnerId: string): Promise<RunnerProcess> {
  const started = await startRunnerProcess({
    runnerId,
    apiUrl: api.url,
    runnerToken: RUNNER_TOKEN,
    queuePrefix: prefix,
    cacheRoot,
    redisUrl: redis.url,
  });
  runners.push(started);
  return started;
}

/** The submissions as stored, in the order of `ids`; fails while PostgreSQL is down. */
async function read(ids: string[]): Promise<Outcome[]> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      status: string;
      verdict: string | null;
      judged_at: Date | null;
    }>('SELECT id, status, verdict, judged_at FROM submissions WHERE id = ANY($1::uuid[])', [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      return {
        id,
        status: row?.status ?? 'missing',
        verdict: row?.verdict ?? null,
        judgedAt: row?.judged_at?.toISOString() ?? null,
      };
    });
  } finally {
    await client.end();
  }
}

/** What the processes printed, for a failure's message. */
function logs(): string {
  return [
    `--- api\n${api.output().slice(-6000)}`,
    ...runners.map((r) => `--- ${r.runnerId}\n${r.output().slice(-3000)}`),
  ].join('\n');
}

/** Several sweeps: anything one would store twice would be stored by then. */
const settle = async () => {
  await sleep(4 * SWEEP_SECONDS * 1000);
};

beforeAll(async () => {
  // One after the other: each takes a free port, and a port is free until its server binds it.
  redis = await startRestartableRedis();
  postgres = await startRestartablePostgres();
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  await client.query('CREATE DATABASE judge');
  await client.end();
  const url = new URL(postgres.url);
  url.pathname = '/judge';
  databaseUrl = url.toString();
  dataDir = await mkdtemp(join(tmpdir(), 'judge-faults-'));
  cacheRoot = await mkdtemp(join(tmpdir(), 'judge-faults-runners-'));
  // Validator builds are mounted into boxes: box users must be able to reach the runners' caches.
  await chmod(cacheRoot, 0o755);
  api = await startApiProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    JUDGE_QUEUE_PREFIX: prefix,
    RUNNER_TOKEN,
    JWT_SECRET: 'faults-test-jwt-secret-0123456789',
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    SUBMISSIONS_PER_MINUTE: '1000',
    RECOVERY_SWEEP_SECONDS: String(SWEEP_SECONDS),
  });
  admin = await api.login('admin', 'admin-password');
  problemId = await uploadHello(api, admin, cacheRoot);
  await Promise.all([runner('runner-a'), runner('runner-b')]);
  // hello writes no time limit: the first accepted judgement derives it, so later jobs carry it.
  const warmUp = await submitBurst(api, admin, problemId, 1);
  await untilAllDone(warmUp.ids, read, logs);
});

afterAll(async () => {
  await Promise.all(runners.splice(0).map((r) => r.kill()));
  await api?.stop();
  await redis?.stop();
  await postgres?.stop();
  for (const dir of [dataDir, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('fault injection: API and runners on Redis and PostgreSQL', () => {
  it('Redis restarted without persistence: every submission still gets one verdict', async () => {
    const burst = await submitBurst(api, admin, problemId);
    await untilPartlyJudged(burst.ids, read, 3, logs);
    // Everything the queue held is gone: waiting jobs, running ones, finished ones.
    await redis.halt();
    await redis.resume();

    const outcomes = await untilAllDone(burst.ids, read, logs);
    await expectOneVerdictEach(burst, outcomes, read, settle);
  });

  it('PostgreSQL stopped for 20 s: results that came meanwhile are stored once it is back', async () => {
    const burst = await submitBurst(api, admin, problemId);
    await untilPartlyJudged(burst.ids, read, 3, logs);
    await postgres.halt();
    await sleep(20_000);
    await postgres.resume();

    const outcomes = await untilAllDone(burst.ids, read, logs);
    await expectOneVerdictEach(burst, outcomes, read, settle);
  });

  it('a runner killed mid-judgement: the other runners finish its work', async () => {
    const burst = await submitBurst(api, admin, problemId);
    await untilPartlyJudged(burst.ids, read, 3, logs);
    const [killed] = runners.splice(0, 1);
    await killed.kill();
    await runner('runner-c');

    const outcomes = await untilAllDone(burst.ids, read, logs);
    await expectOneVerdictEach(burst, outcomes, read, settle);
  });
});
