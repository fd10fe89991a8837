import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, type JudgeJobPayload, type ProblemDetail, type ProblemListItem } from '@judge/contract';
import { dropQueue, sleep, uniquePrefix } from '../queue/support';
import { createTestDatabase, type TestDatabase } from './support';
import {
  REDIS_URL,
  REPO,
  startRestartableApi,
  startRunnerProcess,
  type RestartableApi,
  type RunnerProcess,
} from './support-processes';

const execFileAsync = promisify(execFile);
/** The example whose package writes no time limit (neither problem.yaml `time_limit` nor `.timelimit`). */
const CIRCLE = join(REPO, 'examples', 'problems', 'circle');
const RUNNER_TOKEN = 'derived-time-limit-test-runner-token';
const AREA = 'import math\nr = float(input())\nprint(math.pi * r * r)\n';

/**
 * A time limit derived from a package's accepted submissions is derived once per package version and kept by
 * the API: two runner processes with caches of their own (as on two machines) judge with the same one, and the
 * API shows it. The API runs on Redis with no runner inside it; the runners judge on the real sandbox.
 */
const prefix = uniquePrefix('derived-time-limit');
let database: TestDatabase;
let dataDir: string;
let cacheRoot: string;
let api: RestartableApi;
let admin: string;
let problemId: string;
let packageHash: string;
const runners: RunnerProcess[] = [];

async function submit(): Promise<string> {
  const response = await api.call('POST', '/api/submissions', {
    token: admin,
    json: { problemId, language: 'python', source: AREA },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Polls until judged; the deadline only turns a hang into a failure with the runners' logs. */
async function judged(id: string): Promise<{ verdict: string }> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const response = await api.call('GET', `/api/submissions/${id}`, { token: admin });
    const submission = (await response.json()) as { status: string; verdict: string };
    if (submission.status === 'done') return submission;
    if (Date.now() > deadline) {
      const logs = runners.map((r) => `--- ${r.runnerId}\n${r.output()}`).join('\n');
      throw new Error(`submission ${id} is still ${submission.status}\n${logs}`);
    }
    await sleep(100);
  }
}

async function problem(): Promise<ProblemDetail> {
  return (await (await api.call('GET', `/api/problems/${problemId}`, { token: admin })).json()) as ProblemDetail;
}

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The time limits a runner logged judging with, for this package. */
function limitsUsed(runner: RunnerProcess): number[] {
  const pattern = new RegExp(`package ${packageHash}: time limit (\\d+) ms, derived by`, 'g');
  return [...runner.output().matchAll(pattern)].map((m) => Number(m[1]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'judge-derived-'));
  cacheRoot = await mkdtemp(join(tmpdir(), 'judge-derived-runners-'));
  // Validator builds are mounted into boxes: box users must be able to reach the runners' caches.
  await chmod(cacheRoot, 0o755);
  api = await startRestartableApi({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL,
    JUDGE_QUEUE_PREFIX: prefix,
    RUNNER_TOKEN,
    JWT_SECRET: 'derived-time-limit-test-jwt-secret',
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    SUBMISSIONS_PER_MINUTE: '100',
  });
  admin = await api.login('admin', 'admin-password');
  const zip = join(cacheRoot, 'circle.zip');
  await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, CIRCLE]);
  const data = await readFile(zip);
  packageHash = createHash('sha256').update(data).digest('hex');
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(data)]), 'circle.zip');
  const created = await api.call('POST', '/api/problems', { token: admin, body: form });
  expect(created.status).toBe(201);
  problemId = ((await created.json()) as { id: string }).id;
});

afterAll(async () => {
  await Promise.all(runners.splice(0).map((r) => r.kill()));
  await api?.stop();
  await dropQueue(prefix);
  await database?.drop();
  for (const dir of [dataDir, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a derived time limit: once per package version, kept by the API, the same for every runner', () => {
  it('two runners with caches of their own judge with one derived limit, and GET /api/problems/:id shows it', async () => {
    // Nothing is derived before a runner has judged the problem.
    expect((await problem()).limits.timeLimitMs).toBeNull();

    // Submitted before either runner is up: each job goes out without a limit, and each runner must ask for one.
    const ids = await Promise.all(Array.from({ length: 4 }, () => submit()));
    const started = await Promise.all(
      ['runner-a', 'runner-b'].map((runnerId) =>
        startRunnerProcess({ runnerId, apiUrl: api.url(), runnerToken: RUNNER_TOKEN, queuePrefix: prefix, cacheRoot }),
      ),
    );
    runners.push(...started);
    const verdicts = await Promise.all(ids.map(async (id) => (await judged(id)).verdict));
    expect(verdicts).toEqual(['AC', 'AC', 'AC', 'AC']);

    const [stored] = await query<{ ms: number; by: string }>(
      'SELECT derived_time_limit_ms AS ms, time_limit_derived_by AS by FROM problem_versions WHERE package_hash = $1',
      [packageHash],
    );
    expect(stored.ms).toBeGreaterThan(0);
    expect(['runner-a', 'runner-b']).toContain(stored.by);

    // Each runner that judged judged with the stored limit, whoever measured it.
    const judgedBy = await query<{ judged_by: string }>(
      'SELECT DISTINCT judged_by FROM submissions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(new Set(judgedBy.map((r) => r.judged_by))).toEqual(new Set(['runner-a', 'runner-b']));
    for (const runner of runners) {
      expect(limitsUsed(runner).length).toBeGreaterThan(0);
      expect(new Set(limitsUsed(runner))).toEqual(new Set([stored.ms]));
      // No runner keeps a derived limit of its own.
      expect(existsSync(join(cacheRoot, runner.runnerId, 'cache', 'time-limits'))).toBe(false);
    }

    // The API shows it, on the problem and in the list.
    expect((await problem()).limits).toMatchObject({ timeLimitMs: stored.ms, timeLimitDerived: true });
    const list = (await (await api.call('GET', '/api/problems', { token: admin })).json()) as ProblemListItem[];
    expect(list.find((p) => p.id === problemId)?.timeLimitMs).toBe(stored.ms);

    // A submission made now carries the limit in its job: no runner needs to ask.
    const later = await submit();
    expect((await judged(later)).verdict).toBe('AC');
    const queue = new Queue<JudgeJobPayload>(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
    try {
      expect((await queue.getJob(later))?.data.timeLimitMs).toBe(stored.ms);
      expect((await queue.getJob(ids[0]))?.data.timeLimitMs).toBeUndefined();
    } finally {
      await queue.close();
    }
  });

  it("the runners' route: the runner token, known packages only, and the first offer stays", async () => {
    const route = `/api/runner/packages/${packageHash}/time-limit`;
    const call = (method: string, path: string, token: string, json?: unknown) =>
      fetch(`${api.url()}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
    const kept = (await (await call('GET', route, RUNNER_TOKEN)).json()) as { timeLimitMs: number; derivedBy: string };
    expect(kept.timeLimitMs).toBeGreaterThan(0);

    const offer = { timeLimitMs: 9000, slowestAcceptedMs: 1700, runnerId: 'runner-late' };
    const answer = await call('PUT', route, RUNNER_TOKEN, offer);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(kept);

    expect((await call('GET', route, 'not-the-token')).status).toBe(401);
    expect((await call('PUT', route, 'not-the-token', offer)).status).toBe(401);
    expect((await call('PUT', route, RUNNER_TOKEN, { ...offer, timeLimitMs: -1 })).status).toBe(400);
    expect((await call('GET', `/api/runner/packages/${'e'.repeat(64)}/time-limit`, RUNNER_TOKEN)).status).toBe(404);
    expect((await call('PUT', `/api/runner/packages/${'e'.repeat(64)}/time-limit`, RUNNER_TOKEN, offer)).status).toBe(
      404,
    );
    // A user's login is not a runner's token.
    expect((await call('GET', route, admin)).status).toBe(401);
  });
});
