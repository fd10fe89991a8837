import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  JudgeJobPayload,
  JudgeJobResult,
  SecurityEvent,
  SecurityEventsReport,
  SubmissionView,
  UserView,
} from '@judge/contract';
import { MIGRATIONS } from '@judge/migrations';
import { BullmqWorkerHost } from '@judge/queue';
import { dropQueue, REDIS_URL, uniquePrefix } from '../queue/support';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * Security events from the queue to the admin: a runner's result carrying events is stored with the submission,
 * shown to staff and never to its author, counted per user in GET /api/security-events; and what an admin does
 * about a user (block, a rate limit of their own).
 *
 * The runner here is a stand-in on the real queue (BullMQ on the suite's Redis): it judges nothing and answers
 * the events a submission's source lists, so the events reach the API by the path a real runner's take, whatever
 * the engines report today.
 */
const prefix = uniquePrefix('security-events');
let api: TestApi;
let runner: BullmqWorkerHost;
let admin: string;
let tokens: Record<string, string>;
let ids: Record<string, string>;
let problemId: string;

/** A source whose runs "did" these events: the stand-in runner reads them back from it. */
const probing = (events: SecurityEvent[]) => `# ${JSON.stringify(events)}\nprint(1)\n`;

function standInJudgement(payload: JudgeJobPayload): Promise<JudgeJobResult> {
  const first = payload.source.split('\n')[0];
  const securityEvents = first.startsWith('# [') ? (JSON.parse(first.slice(2)) as SecurityEvent[]) : [];
  return Promise.resolve({
    submissionId: payload.submissionId,
    runnerId: 'stand-in',
    result: {
      verdict: securityEvents.length ? 'RE' : 'AC',
      score: securityEvents.length ? 0 : 1,
      maxScore: 1,
      compileOutput: '',
      tests: [],
      groups: [],
      ...(securityEvents.length ? { securityEvents } : {}),
    },
  });
}

async function submit(user: string, source: string): Promise<Response> {
  return api.call('POST', '/api/submissions', { token: tokens[user], json: { problemId, language: 'python', source } });
}

/** Submits and waits until the stand-in's result is stored. */
async function judged(user: string, source: string): Promise<string> {
  const response = await submit(user, source);
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await untilJudged(api, tokens[user], id);
  return id;
}

const forkBomb: SecurityEvent = { kind: 'fork-bomb', test: 'secret/01', detail: 'killed at 64 processes', count: 1 };
const keyctl: SecurityEvent = { kind: 'syscall-denied', test: 'secret/01', detail: 'keyctl', count: 12 };
const flood: SecurityEvent = { kind: 'output-flood', test: 'sample/1', detail: 'output over 8 MiB', count: 1 };

beforeAll(async () => {
  api = await startTestApi({ REDIS_URL, JUDGE_QUEUE_PREFIX: prefix, SUBMISSIONS_PER_MINUTE: '5' });
  runner = new BullmqWorkerHost({ redisUrl: REDIS_URL, prefix, concurrency: 4 });
  await runner.start(standInJudgement);
  admin = await api.login('admin', 'admin-password');
  ({ ids, tokens } = await createUsers(api, admin, {
    mallory: 'contestant',
    oscar: 'contestant',
    carol: 'setter',
    dave: 'contestant',
    erin: 'contestant',
  }));
  problemId = await uploadExample(api, admin, 'hello');
});

afterAll(async () => {
  await runner?.close();
  await api?.dispose();
  await dropQueue(prefix);
});

describe('security events of a submission', () => {
  let probe: string;

  beforeAll(async () => {
    probe = await judged('mallory', probing([forkBomb, keyctl]));
  });

  it('are shown to staff with the submission, and not to its author', async () => {
    for (const staff of [admin, tokens.carol]) {
      const { body } = await callJson<SubmissionView>(api, staff, 'GET', `/api/submissions/${probe}`);
      expect(body.securityEvents).toEqual([forkBomb, keyctl]);
    }
    const own = await callJson<SubmissionView>(api, tokens.mallory, 'GET', `/api/submissions/${probe}`);
    expect(own.status).toBe(200);
    expect(own.body.verdict).toBe('RE');
    expect(own.body).not.toHaveProperty('securityEvents');
    const list = await callJson<{ items: SubmissionView[] }>(api, tokens.mallory, 'GET', '/api/submissions');
    expect(list.body.items.find((s) => s.id === probe)).not.toHaveProperty('securityEvents');
  });

  it('a submission without events shows staff an empty list', async () => {
    const clean = await judged('oscar', 'print(1)\n');
    const { body } = await callJson<SubmissionView>(api, admin, 'GET', `/api/submissions/${clean}`);
    expect(body.verdict).toBe('AC');
    expect(body.securityEvents).toEqual([]);
  });
});

describe('GET /api/security-events', () => {
  let malloryFirst: string;
  let mallorySecond: string;
  let oscarLatest: string;

  beforeAll(async () => {
    // mallory: 2 events above, then 3 more in another submission (5 over 2); oscar: 1 event, judged last.
    malloryFirst = (await callJson<{ items: SubmissionView[] }>(api, tokens.mallory, 'GET', '/api/submissions')).body
      .items[0].id;
    mallorySecond = await judged('mallory', probing([forkBomb, keyctl, flood]));
    oscarLatest = await judged('oscar', probing([flood]));
  });

  it('lists users by their number of events, with their submissions', async () => {
    const { status, body } = await callJson<SecurityEventsReport>(api, admin, 'GET', '/api/security-events');
    expect(status).toBe(200);
    expect(body.sort).toBe('count');
    expect(body.users.map((u) => [u.username, u.events, u.submissions])).toEqual([
      ['mallory', 5, 2],
      ['oscar', 1, 1],
    ]);
    expect(body.users[0]).toMatchObject({ userId: ids.mallory, blocked: false, submissionsPerMinute: null });
    expect(body.submissions.map((s) => [s.submissionId, s.events])).toEqual([
      [mallorySecond, 3],
      [malloryFirst, 2],
      [oscarLatest, 1],
    ]);
    expect(body.submissions[0]).toMatchObject({
      username: 'mallory',
      problemId,
      problemTitle: 'Sum of Two Numbers',
      verdict: 'RE',
      kinds: ['fork-bomb', 'output-flood', 'syscall-denied'],
    });
  });

  it('sorts by the most recent event on request', async () => {
    const { body } = await callJson<SecurityEventsReport>(api, admin, 'GET', '/api/security-events?sort=recent');
    expect(body.users.map((u) => u.username)).toEqual(['oscar', 'mallory']);
    expect(body.submissions.map((s) => s.submissionId)).toEqual([oscarLatest, mallorySecond, malloryFirst]);
    const bad = await callJson<{ code: string }>(api, admin, 'GET', '/api/security-events?sort=loudest');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('is for admins only', async () => {
    for (const token of [tokens.carol, tokens.mallory]) {
      expect((await api.call('GET', '/api/security-events', { token })).status).toBe(403);
    }
  });
});

describe('what an admin does about a user', () => {
  it("a blocked user's submissions are refused with USER_BLOCKED until unblocked", async () => {
    // A problem of its own: a running contest's problems are hidden from practice.
    const contestProblem = await uploadExample(api, admin, 'sum-pair');
    const now = Date.now();
    const contest = await callJson<{ id: string }>(api, admin, 'POST', '/api/contests', {
      title: 'Round',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [{ problemId: contestProblem, label: 'A' }],
    });
    expect(contest.status).toBe(201);
    expect(
      (await api.call('POST', `/api/contests/${contest.body.id}/register`, { token: tokens.mallory, json: {} })).status,
    ).toBe(200);
    const block = await callJson<UserView>(api, admin, 'PATCH', `/api/users/${ids.mallory}`, { blocked: true });
    expect(block.status).toBe(200);
    expect(block.body).toMatchObject({ blocked: true, disabled: false });
    const refused = await submit('mallory', 'print(1)\n');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'USER_BLOCKED' });
    // Every way of submitting: a contest's too.
    const inContest = await callJson<{ code: string }>(
      api,
      tokens.mallory,
      'POST',
      `/api/contests/${contest.body.id}/submissions`,
      {
        problem: 'A',
        language: 'python',
        source: 'print(1)\n',
      },
    );
    expect(inContest.status).toBe(403);
    expect(inContest.body.code).toBe('USER_BLOCKED');
    // Blocked is not locked out: they still log in and read their submissions.
    expect((await api.call('GET', '/api/submissions', { token: tokens.mallory })).status).toBe(200);
    const users = await callJson<UserView[]>(api, admin, 'GET', '/api/users');
    expect(users.body.find((u) => u.id === ids.mallory)).toMatchObject({ blocked: true });
    const report = await callJson<SecurityEventsReport>(api, admin, 'GET', '/api/security-events');
    expect(report.body.users.find((u) => u.userId === ids.mallory)).toMatchObject({ blocked: true });

    await callJson(api, admin, 'PATCH', `/api/users/${ids.mallory}`, { blocked: false });
    expect((await submit('mallory', 'print(1)\n')).status).toBe(201);
  });

  it('a rate-limited user gets 429 sooner than others, and the default again once cleared', async () => {
    const limit = await callJson<UserView>(api, admin, 'PATCH', `/api/users/${ids.dave}`, { submissionsPerMinute: 2 });
    expect(limit.body).toMatchObject({ submissionsPerMinute: 2 });
    const dave = [];
    const erin = [];
    for (let i = 0; i < 3; i++) {
      dave.push((await submit('dave', 'print(1)\n')).status);
      erin.push((await submit('erin', 'print(1)\n')).status);
    }
    // The judge's limit is 5 a minute: erin makes 3; dave, limited to 2, gets 429 on his third.
    expect(erin).toEqual([201, 201, 201]);
    expect(dave).toEqual([201, 201, 429]);
    const limited = await submit('dave', 'print(1)\n');
    const body = (await limited.json()) as { code: string; message: string };
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.message).toContain('at most 2');

    await callJson(api, admin, 'PATCH', `/api/users/${ids.dave}`, { submissionsPerMinute: null });
    expect((await submit('dave', 'print(1)\n')).status).toBe(201);
  });

  it('only an admin sets them, and a limit must be a positive whole number', async () => {
    const setter = await api.call('PATCH', `/api/users/${ids.erin}`, { token: tokens.carol, json: { blocked: true } });
    expect(setter.status).toBe(403);
    const zero = await callJson<{ code: string }>(api, admin, 'PATCH', `/api/users/${ids.erin}`, {
      submissionsPerMinute: 0,
    });
    expect(zero.status).toBe(400);
    expect(zero.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('migration 1764800200000', () => {
  it('goes down and up again', async () => {
    const columns = async () =>
      (
        await api.database.dataSource.query<{ column_name: string }[]>(
          `SELECT column_name FROM information_schema.columns
            WHERE table_name IN ('users', 'submissions') AND column_name IN
              ('security_events', 'security_event_count', 'blocked', 'submissions_per_minute')
            ORDER BY column_name`,
        )
      ).map((c) => c.column_name);
    const all = ['blocked', 'security_event_count', 'security_events', 'submissions_per_minute'];
    expect(await columns()).toEqual(all);
    // Down and up of this migration itself: later migrations of other features may follow it in MIGRATIONS.
    const Migration = MIGRATIONS.find((m) => m.name === 'SecurityEvents1764800200000')!;
    const runner = api.database.dataSource.createQueryRunner();
    try {
      await new Migration().down(runner);
      expect(await columns()).toEqual([]);
      await new Migration().up(runner);
    } finally {
      await runner.release();
    }
    expect(await columns()).toEqual(all);
  });
});
