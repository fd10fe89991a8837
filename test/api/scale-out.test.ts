import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreboardView, SubmissionEvent } from '@judge/contract';
import { dropQueue, uniquePrefix, within } from '../queue/support';
import { openEventStream } from './event-stream';
import { createRunningContest, createUsers, passwordOf, untilJudged, uploadExample } from './fixtures';
import { createTestDatabase, type TestDatabase } from './support';
import {
  REDIS_URL,
  startApiProcess,
  startRunnerProcess,
  type ApiProcess,
  type RunnerProcess,
} from './support-processes';

/**
 * Several API processes behind a load balancer (docs/scaling.md): two APIs and two runners on loopback, one
 * PostgreSQL and one Redis. What a user does on one API is seen on the other; one API dying loses nothing.
 */
const RUNNER_TOKEN = 'scale-out-test-runner-token';
const prefix = uniquePrefix('scale-out');
let database: TestDatabase;
const dataDirs: string[] = [];
let cacheRoot: string;
let a: ApiProcess;
let b: ApiProcess;
const apis: ApiProcess[] = [];
const runners: RunnerProcess[] = [];
let admin: string;
let problemId: string;

interface Submission {
  id: string;
  status: string;
  verdict: string | null;
  tests: { name: string; verdict: string }[];
}

/** A third of a second of CPU before it answers: slow enough for a stream opened after the post to see tests. */
const slowAc = [
  '#include <stdio.h>',
  '#include <time.h>',
  'int main(void) {',
  '  clock_t end = clock() + CLOCKS_PER_SEC / 3;',
  '  while (clock() < end) {',
  '  }',
  '  long long x, y;',
  '  if (scanf("%lld %lld", &x, &y) != 2) return 1;',
  '  printf("%lld\\n", x + y);',
  '  return 0;',
  '}',
  '',
].join('\n');
const pythonAc = 'a, b = map(int, input().split())\nprint(a + b)\n';
/** Far above what an event takes to come (milliseconds): a missing one fails with a reason, not the test's timeout. */
const EVENT_WAIT_MS = 30_000;

async function submit(api: ApiProcess, token: string, language: string, source: string): Promise<string> {
  const response = await api.call('POST', '/api/submissions', { token, json: { problemId, language, source } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Contests read and boards computed for scoreboards, summed over both APIs (their /metrics). */
async function computedSoFar(): Promise<{ reads: number; boards: number }> {
  const counter = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  let reads = 0;
  let boards = 0;
  for (const api of [a, b]) {
    const text = await (await api.call('GET', '/metrics')).text();
    reads += counter(text, 'judge_scoreboard_reads_total');
    boards += counter(text, 'judge_scoreboards_computed_total');
  }
  return { reads, boards };
}

beforeAll(async () => {
  database = await createTestDatabase();
  cacheRoot = await mkdtemp(join(tmpdir(), 'judge-scale-out-runners-'));
  await chmod(cacheRoot, 0o755);
  // Nothing shared but PostgreSQL and Redis: a data folder each, as on machines of their own (packages are kept
  // in PostgreSQL, FILE_STORE's default with DATABASE_URL).
  const env = async () => ({
    DATA_DIR: dataDirs[dataDirs.push(await mkdtemp(join(tmpdir(), 'judge-scale-out-'))) - 1],
    DATABASE_URL: database.url,
    REDIS_URL,
    JUDGE_QUEUE_PREFIX: prefix,
    RUNNER_TOKEN,
    JWT_SECRET: 'scale-out-test-jwt-secret',
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    SUBMISSIONS_PER_MINUTE: '100',
    // Unfinished work of a dead API is someone else's within seconds.
    RECOVERY_SWEEP_SECONDS: '2',
    LOGIN_FAILURES_PER_NAME: '4',
  });
  // Both at once on the new database: they take turns migrating it.
  const envA = await env();
  const envB = await env();
  const started = await Promise.allSettled([startApiProcess(envA), startApiProcess(envB)]);
  for (const s of started) if (s.status === 'fulfilled') apis.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  [a, b] = apis;
  admin = await a.login('admin', 'admin-password');
  problemId = await uploadExample(a, admin, 'hello');
  // Both runners fetch packages through B, the API the package was not uploaded to.
  for (const runnerId of ['scale-out-runner-1', 'scale-out-runner-2']) {
    runners.push(
      await startRunnerProcess({ runnerId, apiUrl: b.url, runnerToken: RUNNER_TOKEN, queuePrefix: prefix, cacheRoot }),
    );
  }
}, 240_000);

afterAll(async () => {
  for (const runner of runners) await runner.kill();
  for (const api of apis) await api.kill();
  await dropQueue(prefix);
  await database?.drop();
  for (const dir of [...dataDirs, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two API processes and two runners', () => {
  it('a submission posted to A streams every event once, in order, to a client of B', async () => {
    const id = await submit(a, admin, 'c', slowAc);
    const stream = await openEventStream(`${b.url}/api/submissions/${id}/events?access_token=${admin}`);
    const events: SubmissionEvent[] = [];
    const seenWhileRunning: string[][] = [];
    try {
      for (;;) {
        const { data } = await within(stream.next<SubmissionEvent>(), EVENT_WAIT_MS, 'the next event on B');
        events.push(data);
        if (data.type === 'done') break;
        // What someone opening the submission on A sees meanwhile: each test once.
        const current = (await (await a.call('GET', `/api/submissions/${id}`, { token: admin })).json()) as Submission;
        seenWhileRunning.push(current.tests.map((t) => t.name));
      }
    } finally {
      await stream.close();
    }
    const tests = events.filter((e) => e.type === 'test');
    expect(tests.length).toBeGreaterThan(0);
    const indexes = tests.map((e) => e.index);
    // From the first the stream saw, one after another, none twice; then one result, the last event.
    expect(indexes).toEqual(indexes.map((_, i) => indexes[0] + i));
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('the stream did not end with the result');
    expect(done.submission).toMatchObject({ id, status: 'done', verdict: 'AC' });
    expect(indexes.at(-1)).toBe(tests[0].total - 1);
    for (const names of seenWhileRunning) expect(new Set(names).size).toBe(names.length);
  });

  it('a scoreboard open on B changes when A accepts a submission', async () => {
    const { tokens } = await createUsers(a, admin, { carol: 'contestant' });
    const contestId = await createRunningContest(a, admin, [problemId]);
    const board = await openEventStream(`${b.url}/api/contests/${contestId}/scoreboard/events?access_token=${admin}`);
    try {
      const carol = (view: ScoreboardView) => view.rows.find((r) => r.username === 'carol');
      const nextBoard = async () => (await within(board.next<ScoreboardView>(), EVENT_WAIT_MS, 'a board on B')).data;
      expect(carol(await nextBoard())).toBeUndefined();
      // A change that is no submission's, told only by the process that made it.
      const registered = await a.call('POST', `/api/contests/${contestId}/register`, { token: tokens.carol, json: {} });
      expect(registered.status).toBe(200);
      expect(carol(await nextBoard())).toMatchObject({ solved: 0 });
      const response = await a.call('POST', `/api/contests/${contestId}/submissions`, {
        token: tokens.carol,
        json: { problem: 'A', language: 'python', source: pythonAc },
      });
      expect(response.status).toBe(201);
      // Boards come with each change (the submission made, then judged) until it shows the problem solved.
      for (;;) if (carol(await nextBoard())?.solved === 1) break;
    } finally {
      await board.close();
    }
  });

  it('computes a scoreboard once per change for the whole deployment, and keeps it in Redis', async () => {
    const { tokens } = await createUsers(a, admin, { erin: 'contestant', fred: 'contestant' });
    const contestId = await createRunningContest(a, admin, [problemId]);
    const register = async (user: string) =>
      expect(
        (await a.call('POST', `/api/contests/${contestId}/register`, { token: tokens[user], json: {} })).status,
      ).toBe(200);
    await register('erin');
    // Three viewers on each process: staff, a participant, a visitor.
    const urls = [a, b].flatMap((api) =>
      [`access_token=${admin}`, `access_token=${tokens.erin}`, ''].map(
        (query) => `${api.url}/api/contests/${contestId}/scoreboard/events?${query}`,
      ),
    );
    const boards = await Promise.all(urls.map((url) => openEventStream(url)));
    const names = async (stream: (typeof boards)[number]) =>
      (await within(stream.next<ScoreboardView>(), EVENT_WAIT_MS, 'a board')).data.rows.map((r) => r.username);
    try {
      for (const stream of boards) expect(await names(stream)).toEqual(['erin']);
      const before = await computedSoFar();
      await register('fred');
      for (const stream of boards) expect((await names(stream)).sort()).toEqual(['erin', 'fred']);
      // A board fetched on either process now is the one kept: nothing more is read or computed.
      const fetched = (await (await b.call('GET', `/api/contests/${contestId}/scoreboard`)).json()) as ScoreboardView;
      expect(fetched.rows.map((r) => r.username).sort()).toEqual(['erin', 'fred']);
      const after = await computedSoFar();
      expect({ reads: after.reads - before.reads, boards: after.boards - before.boards }).toEqual({
        reads: 1,
        boards: 1,
      });
      const redis = new Redis(REDIS_URL);
      try {
        const kept = await redis.hmget(`${prefix}:board:${contestId}`, 'changes', 'version');
        expect(Number(kept[1])).toBeGreaterThanOrEqual(Number(kept[0]));
        expect(Number(kept[0])).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
    } finally {
      for (const stream of boards) await stream.close();
    }
  });

  it('counts failed logins across processes, in Redis', async () => {
    await createUsers(a, admin, { dave: 'contestant' });
    for (let i = 0; i < 4; i++) {
      const api = i % 2 ? b : a;
      const response = await api.call('POST', '/api/auth/login', { json: { username: 'dave', password: 'wrong' } });
      expect(response.status).toBe(401);
    }
    // The fifth, on either process, is refused even with the right password.
    const refused = await b.call('POST', '/api/auth/login', {
      json: { username: 'dave', password: passwordOf('dave') },
    });
    expect(refused.status).toBe(429);
    const redis = new Redis(REDIS_URL);
    try {
      expect((await redis.keys(`${prefix}:throttle:*`)).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('counts a user’s submissions per minute across processes, in Redis', async () => {
    const { ids, tokens } = await createUsers(a, admin, { gina: 'contestant' });
    // A problem of no contest: the one above is in running contests now, which hide it from practice.
    const practice = await uploadExample(a, admin, 'sum-pair');
    const limited = await a.call('PATCH', `/api/users/${ids.gina}`, {
      token: admin,
      json: { submissionsPerMinute: 3 },
    });
    expect(limited.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const api = i % 2 ? b : a;
      const response = await api.call('POST', '/api/submissions', {
        token: tokens.gina,
        json: { problemId: practice, language: 'python', source: pythonAc },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.zcard(`${prefix}:rate:submissions:${ids.gina}`)).toBe(3);
    } finally {
      redis.disconnect();
    }
  });

  it('A killed in the middle of a burst loses nothing, and the streams of B carry on', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await submit(i % 2 ? b : a, admin, 'python', pythonAc));
    const watched = ids[ids.length - 1];
    const stream = await openEventStream(`${b.url}/api/submissions/${watched}/events?access_token=${admin}`);
    await a.kill();
    try {
      for (;;) {
        const { data } = await within(stream.next<SubmissionEvent>(), EVENT_WAIT_MS, 'the next event on B');
        if (data.type === 'done') break;
      }
    } finally {
      await stream.close();
    }
    for (const id of ids) expect(await untilJudged<Submission>(b, admin, id)).toMatchObject({ verdict: 'AC' });
    // Nothing judged twice into one submission's tests either.
    for (const id of ids) {
      const { tests } = (await (await b.call('GET', `/api/submissions/${id}`, { token: admin })).json()) as Submission;
      expect(new Set(tests.map((t) => t.name)).size).toBe(tests.length);
    }
  });
});
