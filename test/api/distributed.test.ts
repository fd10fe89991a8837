import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '@judge/contract';
import { BullmqJudgeQueue, jobPriority } from '@judge/queue';
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
const HELLO = join(REPO, 'examples', 'problems', 'hello');
const RUNNER_TOKEN = 'distributed-test-runner-token';

/**
 * The distributed deployment: the API with REDIS_URL (no runner inside it) and runners as processes of their own,
 * judging on the real sandbox, with the machine's PostgreSQL and Redis.
 */
const prefix = uniquePrefix('distributed');
let database: TestDatabase;
let dataDir: string;
let cacheRoot: string;
let api: RestartableApi;
let admin: string;
let problemId: string;
const runners: RunnerProcess[] = [];

const sources = {
  ac: 'a, b = map(int, input().split())\nprint(a + b)\n',
  wa: 'a, b = map(int, input().split())\nprint(a - b)\n',
  // Half a second of CPU per test: slow enough to be caught mid-judgement, well under hello's 1 s limit.
  slowAc: [
    '#include <stdio.h>',
    '#include <time.h>',
    'int main(void) {',
    '  clock_t end = clock() + CLOCKS_PER_SEC / 2;',
    '  while (clock() < end) {',
    '  }',
    '  long long a, b;',
    '  if (scanf("%lld %lld", &a, &b) != 2) return 1;',
    '  printf("%lld\\n", a + b);',
    '  return 0;',
    '}',
    '',
  ].join('\n'),
};

interface Submission {
  id: string;
  status: string;
  verdict: string | null;
  tests: { name: string; verdict: string }[];
}

async function runner(runnerId: string): Promise<RunnerProcess> {
  const started = await startRunnerProcess({
    runnerId,
    apiUrl: api.url(),
    runnerToken: RUNNER_TOKEN,
    queuePrefix: prefix,
    cacheRoot,
  });
  runners.push(started);
  return started;
}

async function submit(language: string, source: string): Promise<string> {
  const response = await api.call('POST', '/api/submissions', { token: admin, json: { problemId, language, source } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function read(id: string): Promise<Submission> {
  const response = await api.call('GET', `/api/submissions/${id}`, { token: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as Submission;
}

/** Polls until the submission reaches `status`; the deadline only turns a hang into a failure with a reason. */
async function until(id: string, status: 'running' | 'done', timeoutMs = 60_000): Promise<Submission> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const submission = await read(id);
    if (submission.status === status || submission.status === 'done') return submission;
    if (Date.now() > deadline) {
      const logs = runners.map((r) => `--- ${r.runnerId}\n${r.output()}`).join('\n');
      throw new Error(`submission ${id} is still ${submission.status}, not ${status}\n${logs}`);
    }
    await sleep(50);
  }
}

/** Who judged each submission, straight from the database: the API shows it to nobody. */
async function judgedBy(ids: string[]): Promise<Map<string, string | null>> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; judged_by: string | null }>(
      'SELECT id, judged_by FROM submissions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.judged_by]));
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'judge-distributed-'));
  cacheRoot = await mkdtemp(join(tmpdir(), 'judge-distributed-runners-'));
  // Validator builds are mounted into boxes: box users must be able to reach the runners' caches.
  await chmod(cacheRoot, 0o755);
  api = await startRestartableApi({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL,
    JUDGE_QUEUE_PREFIX: prefix,
    RUNNER_TOKEN,
    JWT_SECRET: 'distributed-test-jwt-secret',
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    SUBMISSIONS_PER_MINUTE: '100',
  });
  admin = await api.login('admin', 'admin-password');
  const zip = join(cacheRoot, 'hello.zip');
  await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, HELLO]);
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(await readFile(zip))]), 'hello.zip');
  const created = await api.call('POST', '/api/problems', { token: admin, body: form });
  expect(created.status).toBe(201);
  problemId = ((await created.json()) as { id: string }).id;
});

// Each test starts the runners it needs: none is left taking jobs meant for the next test.
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.kill()));
});

afterAll(async () => {
  await Promise.all(runners.splice(0).map((r) => r.kill()));
  await api?.stop();
  await dropQueue(prefix);
  await database?.drop();
  for (const dir of [dataDir, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('distributed judging: API on Redis, runner processes', () => {
  it('two runners share a burst of submissions, and each gets its verdict', async () => {
    await Promise.all([runner('runner-a'), runner('runner-b')]);
    const expected = Array.from({ length: 10 }, (_, i) => (i % 3 === 1 ? 'WA' : 'AC'));
    const ids = await Promise.all(expected.map((v) => submit('python', v === 'AC' ? sources.ac : sources.wa)));

    const judged = await Promise.all(ids.map((id) => until(id, 'done')));
    expect(judged.map((s) => s.verdict)).toEqual(expected);
    for (const s of judged.filter((x) => x.verdict === 'AC')) expect(s.tests).toHaveLength(5);

    const by = await judgedBy(ids);
    expect([...by.values()].every((r) => r === 'runner-a' || r === 'runner-b')).toBe(true);
    expect(new Set(by.values())).toEqual(new Set(['runner-a', 'runner-b']));
  });

  it('a runner killed mid-judgement: another runner takes the job again, and the result is stored once', async () => {
    const first = await runner('runner-killed');
    const id = await submit('c', sources.slowAc);
    expect((await until(id, 'running')).status).toBe('running');
    await first.kill();

    await runner('runner-rescuer');
    const done = await until(id, 'done');
    expect(done.verdict).toBe('AC');
    // One full judgement: every test once, not the killed runner's partial one plus the rescuer's.
    expect(done.tests.map((t) => t.name).sort()).toEqual([
      'sample/01',
      'secret/01',
      'secret/02',
      'secret/03',
      'secret/04',
    ]);
    expect(done.tests.every((t) => t.verdict === 'AC')).toBe(true);
    expect((await judgedBy([id])).get(id)).toBe('runner-rescuer');
    const queue = new BullmqJudgeQueue({ redisUrl: REDIS_URL, prefix });
    try {
      expect(await queue.jobState(id)).toMatchObject({ state: 'completed', result: { runnerId: 'runner-rescuer' } });
    } finally {
      await queue.close();
    }
  });

  it('submissions queued while the API restarts are all judged by a runner started after it', async () => {
    // No runner yet: the jobs wait in Redis.
    const expected = ['AC', 'WA', 'AC', 'WA', 'AC'];
    const ids = await Promise.all(expected.map((v) => submit('python', v === 'AC' ? sources.ac : sources.wa)));
    for (const id of ids) expect((await read(id)).status).toBe('queued');

    await api.stop();
    await api.start();
    // The JWT secret is the API's setting, not per start: the token from before the restart still works.
    await runner('runner-after-restart');

    const judged = await Promise.all(ids.map((id) => until(id, 'done')));
    expect(judged.map((s) => s.verdict)).toEqual(expected);
    expect(new Set((await judgedBy(ids)).values())).toEqual(new Set(['runner-after-restart']));
  });

  it('a runner takes a contest submission before practice, and a rejudge after both', async () => {
    const contest = await api.call('POST', '/api/contests', {
      token: admin,
      json: {
        title: 'Priorities',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        scoring: 'icpc',
        freezeMinutes: 0,
        registration: 'open',
        problems: [{ problemId, label: 'A' }],
      },
    });
    expect(contest.status).toBe(201);
    const contestId = ((await contest.json()) as { id: string }).id;
    expect((await api.call('POST', `/api/contests/${contestId}/register`, { token: admin, json: {} })).status).toBe(
      200,
    );

    // No runner yet: the jobs wait in Redis, in an order that is none of their priorities'.
    const practice = await submit('python', sources.ac);
    const rejudged = await submit('python', sources.ac);
    expect((await api.call('POST', `/api/submissions/${rejudged}/rejudge`, { token: admin })).status).toBe(202);
    const inContest = await api.call('POST', `/api/contests/${contestId}/submissions`, {
      token: admin,
      json: { problem: 'A', language: 'python', source: sources.ac },
    });
    expect(inContest.status).toBe(201);
    const contestSubmission = ((await inContest.json()) as { id: string }).id;

    await runner('runner-priorities');
    const ids = [practice, rejudged, contestSubmission];
    for (const id of ids) expect((await until(id, 'done')).verdict).toBe('AC');
    // The order the runner took them in, as BullMQ recorded it.
    const raw = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
    try {
      const taken = await Promise.all(ids.map(async (id) => ({ id, at: (await raw.getJob(id))?.processedOn ?? 0 })));
      expect(taken.sort((a, b) => a.at - b.at).map((t) => t.id)).toEqual([contestSubmission, practice, rejudged]);
    } finally {
      await raw.close();
    }
  });

  it('the sweep enqueues again jobs Redis lost with their priority, a rejudged submission’s a rejudge’s, a run’s a run’s', async () => {
    // No runner: the jobs wait in Redis.
    const practice = await submit('python', sources.ac);
    const rejudged = await submit('python', sources.ac);
    expect((await api.call('POST', `/api/submissions/${rejudged}/rejudge`, { token: admin })).status).toBe(202);
    const made = await api.call('POST', '/api/runs', {
      token: admin,
      json: { language: 'python', source: 'print(1)' },
    });
    expect(made.status).toBe(201);
    const run = ((await made.json()) as { id: string }).id;
    const raw = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
    try {
      const ids = [practice, rejudged, run];
      const priorities = async () => Promise.all(ids.map(async (id) => (await raw.getJob(id))?.priority ?? null));
      // A run sits where RUN_PRIORITY (normal here) places it.
      const expected = [jobPriority('practice'), jobPriority('rejudge'), jobPriority('run', 'normal')];
      expect(await priorities()).toEqual(expected);
      // Redis loses them; the API's sweep at its next start finds the submissions and the run without a job.
      await api.stop();
      for (const id of ids) await raw.remove(id);
      expect(await priorities()).toEqual([null, null, null]);
      await api.start();
      expect(await priorities()).toEqual(expected);
    } finally {
      await raw.close();
    }
  });
});
