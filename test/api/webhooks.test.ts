import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startApi } from '@judge/api';
import type {
  ApiErrorBody,
  RunFinishedData,
  SubmissionJudgedData,
  WebhookDeliveryView,
  WebhookPayload,
  WebhookView,
  WebhookWithSecret,
} from '@judge/contract';
// The receiver's side of the signature scheme (docs/integrations.md), as the API ships it.
import { verifySignature } from '../../apps/api/src/webhooks/webhook-signature';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { apiClient, createTestDatabase, startTestApi, type TestApi } from './support';

/*
 * Webhooks over HTTP: a receiver on loopback (so the API runs with OUTBOUND_ALLOW_PRIVATE=true), a real judge and
 * PostgreSQL, and a back-off of fractions of a second so that retries are seen quickly.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  payload: WebhookPayload;
}

/** Records every request; answers each path's queued statuses first, then 200. */
class Receiver {
  readonly requests: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  private server: Server | null = null;

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.requests.push({ path, headers: req.headers, body, payload: JSON.parse(body) as WebhookPayload });
        const status = this.answers.get(path)?.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver broke');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.answers.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Polls until `check` answers something; the sleep is inside the loop. */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not in time`);
}

const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WA = 'a, b = map(int, input().split())\nprint(a - b)\n';
const DAY = 24 * 3600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const SETTINGS = {
  // The same on the second process of the test that runs two: a session of one is good on the other.
  JWT_SECRET: 'webhooks-test-signing-secret-0123456789',
  OUTBOUND_ALLOW_PRIVATE: 'true',
  SUBMISSIONS_PER_MINUTE: '100',
  WEBHOOK_RETRY_BASE_SECONDS: '0.2',
  WEBHOOK_RETRY_MAX_SECONDS: '0.5',
  // A delivery is given up 4 seconds after its event.
  WEBHOOK_RETRY_HOURS: String(4 / 3600),
  WEBHOOK_POLL_SECONDS: '0.1',
};

let api: TestApi;
const receiver = new Receiver();
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const call = <T = ApiErrorBody>(user: string, method: string, path: string, json?: unknown) =>
  callJson<T>(api, tokens[user], method, path, json);

async function createHook(user: string, json: Record<string, unknown>): Promise<WebhookWithSecret> {
  const { status, body } = await call<WebhookWithSecret>(user, 'POST', '/api/webhooks', json);
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

const log = async (user: string, hookId: string) =>
  (await call<WebhookDeliveryView[]>(user, 'GET', `/api/webhooks/${hookId}/deliveries`)).body;

/** Whether a received request is signed by the secret, with a timestamp of now, and its headers agree. */
function signedBy(request: Received, secret: string): boolean {
  const header = String(request.headers['x-judge-signature']);
  expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(request.headers['x-judge-event']).toBe(request.payload.event);
  expect(request.headers['x-judge-delivery']).toBe(request.payload.id);
  return verifySignature(secret, request.body, header, Math.floor(Date.now() / 1000));
}

beforeAll(async () => {
  await receiver.start();
  api = await startTestApi(SETTINGS);
  tokens.admin = await api.login('admin', 'admin-password');
  const made = await createUsers(api, tokens.admin, {
    teacher: 'teacher',
    setter: 'setter',
    alice: 'contestant',
    bob: 'contestant',
  });
  Object.assign(ids, made.ids);
  Object.assign(tokens, made.tokens);
  ids.hello = await uploadExample(api, tokens.admin, 'hello');
  // Practice on a problem of no running contest (hello is in one, and out of practice meanwhile).
  ids.sumPair = await uploadExample(api, tokens.admin, 'sum-pair');

  const course = await call<{ id: string; joinCode: string }>('teacher', 'POST', '/api/courses', {
    title: 'Hooks 101',
  });
  ids.course = course.body.id;
  expect((await call('alice', 'POST', '/api/courses/join', { code: course.body.joinCode })).status).toBe(200);
  const assignment = await call<{ id: string }>('teacher', 'POST', `/api/courses/${ids.course}/assignments`, {
    title: 'Week 1',
    kind: 'assignment',
    opensAt: iso(-DAY),
    deadline: iso(DAY),
    problems: [{ problemId: ids.hello, label: 'A' }],
  });
  expect(assignment.status, JSON.stringify(assignment.body)).toBe(201);
  ids.assignment = assignment.body.id;

  const contest = await call<{ id: string }>('admin', 'POST', '/api/contests', {
    title: 'Hooked round',
    startsAt: iso(-60_000),
    endsAt: iso(3600_000),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId: ids.hello, label: 'A' }],
  });
  expect(contest.status, JSON.stringify(contest.body)).toBe(201);
  ids.contest = contest.body.id;
  expect((await call('alice', 'POST', `/api/contests/${ids.contest}/register`, {})).status).toBe(200);
});

afterAll(async () => {
  await api?.dispose();
  await receiver.close();
});

describe('who manages webhooks', () => {
  it('a course: its teachers and admins; a student 403, an outsider 404', async () => {
    const json = { courseId: ids.course, url: receiver.url('/perm'), events: ['submission.judged'] };
    expect((await call('alice', 'POST', '/api/webhooks', json)).status).toBe(403);
    expect((await call('bob', 'POST', '/api/webhooks', json)).status).toBe(404);
    expect((await call('bob', 'GET', `/api/webhooks?courseId=${ids.course}`)).status).toBe(404);
    const hook = await createHook('teacher', json);
    expect(hook).toMatchObject({ scope: 'course', courseId: ids.course, enabled: true, url: receiver.url('/perm') });
    expect(hook.secret).toMatch(/^whsec_/);
    // The secret is shown once: never in a list or a read.
    const listed = await call<WebhookView[]>('admin', 'GET', `/api/webhooks?courseId=${ids.course}`);
    expect(listed.body.map((h) => h.id)).toEqual([hook.id]);
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);
    // Someone else's hook does not exist for those who do not manage its course.
    expect((await call('alice', 'GET', `/api/webhooks/${hook.id}`)).status).toBe(404);
    expect((await call('bob', 'GET', `/api/webhooks/${hook.id}/deliveries`)).status).toBe(404);
    expect((await call('bob', 'DELETE', `/api/webhooks/${hook.id}`)).status).toBe(404);
    // run.finished is the site's: runs belong to no course.
    const runs = await call('teacher', 'POST', '/api/webhooks', { ...json, events: ['run.finished'] });
    expect(runs).toMatchObject({ status: 400, body: { code: 'EVENT_NOT_IN_SCOPE' } });
    expect((await call('teacher', 'DELETE', `/api/webhooks/${hook.id}`)).status).toBe(204);
    expect((await call('teacher', 'GET', `/api/webhooks/${hook.id}`)).status).toBe(404);
  });

  it('a contest: its staff (setters, admins); the site: admins only', async () => {
    const json = { contestId: ids.contest, url: receiver.url('/perm'), events: ['submission.judged'] };
    expect((await call('alice', 'POST', '/api/webhooks', json)).status).toBe(403);
    expect((await call('teacher', 'POST', '/api/webhooks', json)).status).toBe(403);
    const hook = await createHook('setter', json);
    expect(hook).toMatchObject({ scope: 'contest', contestId: ids.contest });
    expect((await call('alice', 'GET', `/api/webhooks/${hook.id}`)).status).toBe(404);
    expect((await call('setter', 'DELETE', `/api/webhooks/${hook.id}`)).status).toBe(204);

    const site = { scope: 'site', url: receiver.url('/perm'), events: ['run.finished'] };
    expect((await call('setter', 'POST', '/api/webhooks', site)).status).toBe(403);
    expect((await call('setter', 'GET', '/api/webhooks?scope=site')).status).toBe(403);
    const bad = await call('admin', 'POST', '/api/webhooks', { ...site, courseId: ids.course });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const ftp = await call('admin', 'POST', '/api/webhooks', { ...site, url: 'ftp://example.com/x' });
    expect(ftp).toMatchObject({ status: 422, body: { code: 'URL_REFUSED' } });
  });
});

describe('deliveries', () => {
  it('a course hook gets submission.judged for its course only, signed with its secret', async () => {
    const courseHook = await createHook('teacher', {
      courseId: ids.course,
      url: receiver.url('/course'),
      events: ['submission.judged'],
    });
    const contestHook = await createHook('setter', {
      contestId: ids.contest,
      url: receiver.url('/contest'),
      events: ['submission.judged'],
    });
    ids.courseHook = courseHook.id;
    ids.courseSecret = courseHook.secret;

    // Practice, a contest and the course: each hook hears of its own only.
    const practice = await call<{ id: string }>('alice', 'POST', '/api/submissions', {
      problemId: ids.sumPair,
      language: 'python',
      source: AC,
    });
    const inContest = await call<{ id: string }>('alice', 'POST', `/api/contests/${ids.contest}/submissions`, {
      problem: 'A',
      language: 'python',
      source: WA,
    });
    const inCourse = await call<{ id: string }>(
      'alice',
      'POST',
      `/api/courses/${ids.course}/assignments/${ids.assignment}/submissions`,
      { problem: 'A', language: 'python', source: AC },
    );
    for (const made of [practice, inContest, inCourse]) expect(made.status, JSON.stringify(made.body)).toBe(201);
    for (const made of [practice, inContest, inCourse]) await untilJudged(api, tokens.admin, made.body.id);

    const [delivered] = await until('the course delivery', () => {
      const got = receiver.at('/course');
      return got.length > 0 ? got : undefined;
    });
    expect(delivered.payload.event).toBe('submission.judged');
    const data = delivered.payload.data as SubmissionJudgedData;
    expect(data.submission).toMatchObject({
      id: inCourse.body.id,
      username: 'alice',
      verdict: 'AC',
      courseId: ids.course,
      assignmentId: ids.assignment,
      problemId: ids.hello,
    });
    expect(signedBy(delivered, courseHook.secret)).toBe(true);
    expect(signedBy(delivered, contestHook.secret)).toBe(false);
    const t = Number(/t=(\d+)/.exec(String(delivered.headers['x-judge-signature']))![1]);
    expect(Math.abs(Date.now() / 1000 - t)).toBeLessThan(120);

    const contestDelivery = await until('the contest delivery', () => receiver.at('/contest')[0]);
    expect((contestDelivery.payload.data as SubmissionJudgedData).submission).toMatchObject({
      id: inContest.body.id,
      verdict: 'WA',
      contestId: ids.contest,
    });
    expect(signedBy(contestDelivery, contestHook.secret)).toBe(true);

    // The logs, written when the verdicts were stored, hold one delivery each: the practice one went nowhere.
    const courseLog = await until('the course log', async () => {
      const rows = await log('teacher', courseHook.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(courseLog).toHaveLength(1);
    expect(courseLog[0]).toMatchObject({ id: delivered.payload.id, attempts: 1, httpStatus: 200, lastError: null });
    expect(courseLog[0].durationMs).toBeGreaterThanOrEqual(0);
    expect((await log('setter', contestHook.id)).map((d) => d.payload.id)).toEqual([contestDelivery.payload.id]);
    expect(receiver.at('/course')).toHaveLength(1);
  });

  it('redeliver sends the same payload again under a new delivery id', async () => {
    const [first] = await log('teacher', ids.courseHook);
    const again = await call<{ id: string }>(
      'teacher',
      'POST',
      `/api/webhooks/${ids.courseHook}/deliveries/${first.id}/redeliver`,
    );
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.id);
    const received = await until('the redelivery', () =>
      receiver.at('/course').find((r) => r.payload.id === again.body.id),
    );
    expect(received.payload).toEqual({ ...first.payload, id: again.body.id });
    expect(signedBy(received, ids.courseSecret)).toBe(true);
    const rows = await until('the redelivery logged', async () => {
      const all = await log('teacher', ids.courseHook);
      return all.every((d) => d.status === 'delivered') ? all : undefined;
    });
    expect(rows.map((d) => d.id)).toEqual([again.body.id, first.id]);
    expect((await call('bob', 'POST', `/api/webhooks/${ids.courseHook}/deliveries/${first.id}/redeliver`)).status).toBe(
      404,
    );
  });

  it('a receiver that fails (500, then 200) is tried again and delivered; one that keeps failing is given up', async () => {
    receiver.answer('/flaky', 500);
    const flaky = await createHook('teacher', {
      courseId: ids.course,
      url: receiver.url('/flaky'),
      events: ['submission.judged'],
    });
    const ping = await call<{ id: string }>('teacher', 'POST', `/api/webhooks/${flaky.id}/test`);
    expect(ping.status).toBe(201);
    const [row] = await until('the flaky delivery', async () => {
      const rows = await log('teacher', flaky.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(row).toMatchObject({ id: ping.body.id, event: 'ping', attempts: 2, httpStatus: 200, lastError: null });
    const tries = receiver.at('/flaky');
    expect(tries.map((r) => r.payload.id)).toEqual([ping.body.id, ping.body.id]);
    expect(tries.every((r) => signedBy(r, flaky.secret))).toBe(true);

    receiver.answer('/down', ...Array<number>(1000).fill(503));
    const down = await createHook('teacher', {
      courseId: ids.course,
      url: receiver.url('/down'),
      events: ['submission.judged'],
    });
    const doomed = await call<{ id: string }>('teacher', 'POST', `/api/webhooks/${down.id}/test`);
    // Back-off 0.2 s, 0.4 s, then 0.5 s apart, until 4 s after the event: then failed.
    const [failed] = await until('the failed delivery', async () => {
      const rows = await log('teacher', down.id);
      return rows[0]?.status === 'failed' ? rows : undefined;
    });
    expect(failed.attempts).toBeGreaterThanOrEqual(3);
    expect(failed.id).toBe(doomed.body.id);
    expect(failed.attempts).toBe(receiver.at('/down').filter((r) => r.payload.id === doomed.body.id).length);
    expect(failed).toMatchObject({ httpStatus: 503, nextAttemptAt: null });
    expect(failed.lastError).toContain('HTTP 503');
  });

  it('a disabled hook gets nothing; a rotated secret signs from then on', async () => {
    const hook = await createHook('teacher', {
      courseId: ids.course,
      url: receiver.url('/rotated'),
      events: ['submission.judged'],
    });
    const off = await call<WebhookView>('teacher', 'PATCH', `/api/webhooks/${hook.id}`, { enabled: false });
    expect(off.body.enabled).toBe(false);
    const rotated = await call<WebhookWithSecret>('teacher', 'POST', `/api/webhooks/${hook.id}/secret`);
    expect(rotated.body.secret).not.toBe(hook.secret);
    const made = await call<{ id: string }>(
      'alice',
      'POST',
      `/api/courses/${ids.course}/assignments/${ids.assignment}/submissions`,
      { problem: 'A', language: 'python', source: AC },
    );
    await untilJudged(api, tokens.admin, made.body.id);
    expect(await log('teacher', hook.id)).toEqual([]);

    await call('teacher', 'PATCH', `/api/webhooks/${hook.id}`, { enabled: true });
    await call('teacher', 'POST', `/api/webhooks/${hook.id}/test`);
    const received = await until('the ping', () => receiver.at('/rotated')[0]);
    expect(signedBy(received, rotated.body.secret)).toBe(true);
    expect(signedBy(received, hook.secret)).toBe(false);
  });

  it('a site hook of an admin gets run.finished', async () => {
    const site = await createHook('admin', { scope: 'site', url: receiver.url('/site'), events: ['run.finished'] });
    const run = await call<{ id: string; status: string }>('alice', 'POST', '/api/runs?wait=true', {
      language: 'python',
      source: 'print(input()[::-1])\n',
      stdin: 'hooks\n',
    });
    expect(run.status).toBe(201);
    const received = await until('run.finished', () => receiver.at('/site')[0]);
    expect(received.payload.event).toBe('run.finished');
    expect((received.payload.data as RunFinishedData).run).toMatchObject({
      id: run.body.id,
      userId: ids.alice,
      language: 'python',
      verdict: 'OK',
      exitCode: 0,
    });
    expect(signedBy(received, site.secret)).toBe(true);
    // Only the events it asked for: no submission.judged, though submissions were judged meanwhile.
    expect(receiver.at('/site').every((r) => r.payload.event === 'run.finished')).toBe(true);
  });
});

describe('two API processes on one database', () => {
  it('send each delivery once between them (FOR UPDATE SKIP LOCKED); the log keeps the last 100', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'judge-api-'));
    const config = { ...SETTINGS, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: api.config.DATABASE_URL! };
    const second = await startApi(loadConfig({ ...config, IMPORT_EXAMPLES: 'false' }), { logLevels: ['error'] });
    const secondClient = apiClient(() => second.url);
    try {
      const hook = await createHook('teacher', {
        courseId: ids.course,
        url: receiver.url('/many'),
        events: ['submission.judged'],
      });
      // 110 pings, made through both processes, ten at a time.
      const made: string[] = [];
      for (let batch = 0; batch < 11; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            callJson<{ id: string }>(
              i % 2 ? secondClient : api,
              tokens.teacher,
              'POST',
              `/api/webhooks/${hook.id}/test`,
            ),
          ),
        );
        made.push(...answers.map((a) => a.body.id));
      }
      expect(new Set(made).size).toBe(110);
      await until('all 110 received', () => (receiver.at('/many').length >= 110 ? true : undefined));
      const rows = await until('the log pruned to 100', async () => {
        const all = await log('teacher', hook.id);
        return all.length === 100 && all.every((d) => d.status === 'delivered') ? all : undefined;
      });
      // Each sent exactly once, by one process or the other.
      expect(
        receiver
          .at('/many')
          .map((r) => r.payload.id)
          .sort(),
      ).toEqual([...made].sort());
      expect(rows.every((d) => made.includes(d.id) && d.attempts === 1)).toBe(true);
    } finally {
      await second.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a restart', () => {
  it('loses no delivery: a pending one is sent by the next process', async () => {
    const database = await createTestDatabase();
    const dirs = [await mkdtemp(join(tmpdir(), 'judge-api-')), await mkdtemp(join(tmpdir(), 'judge-api-'))];
    const env = (dataDir: string) =>
      loadConfig({
        ...SETTINGS,
        WEBHOOK_RETRY_HOURS: '1',
        PORT: '0',
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        JUDGE_ADMIN_PASSWORD: 'admin-password',
        IMPORT_EXAMPLES: 'false',
      });
    // A port with no one listening yet: the receiver comes up only after the first process is gone.
    const late = new Receiver();
    await late.start();
    const url = late.url('/late');
    const port = Number(new URL(url).port);
    await late.close();
    let first: Awaited<ReturnType<typeof startApi>> | null = await startApi(env(dirs[0]), { logLevels: ['error'] });
    let second: Awaited<ReturnType<typeof startApi>> | null = null;
    try {
      const client = apiClient(() => first!.url);
      const admin = await client.login('admin', 'admin-password');
      const made = await callJson<WebhookWithSecret>(client, admin, 'POST', '/api/webhooks', {
        scope: 'site',
        url,
        events: ['run.finished'],
      });
      expect(made.status).toBe(201);
      const ping = await callJson<{ id: string }>(client, admin, 'POST', `/api/webhooks/${made.body.id}/test`);
      const refused = await until('a refused attempt', async () => {
        const rows = await callJson<WebhookDeliveryView[]>(
          client,
          admin,
          'GET',
          `/api/webhooks/${made.body.id}/deliveries`,
        );
        return rows.body[0]?.attempts ? rows.body[0] : undefined;
      });
      expect(refused).toMatchObject({ id: ping.body.id, status: 'pending', httpStatus: null });
      expect(refused.lastError).toMatch(/ECONNREFUSED/);
      await first.close();
      first = null;

      await late.start(port);
      second = await startApi(env(dirs[1]), { logLevels: ['error'] });
      const received = await until('the delivery after the restart', () => late.at('/late')[0]);
      expect(received.payload.id).toBe(ping.body.id);
      expect(signedBy(received, made.body.secret)).toBe(true);
    } finally {
      await first?.close();
      await second?.close();
      await late.close();
      await database.drop();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('under the default OUTBOUND_ALLOW_PRIVATE=false', () => {
  let strict: TestApi;

  beforeAll(async () => {
    strict = await startTestApi();
  });

  afterAll(async () => {
    await strict?.dispose();
  });

  it('a loopback or private URL is refused when the hook is made (422)', async () => {
    const admin = await strict.login('admin', 'admin-password');
    for (const url of [receiver.url('/site'), 'http://localhost:9/x', 'http://10.0.0.1/x', 'http://[::1]:8080/']) {
      const { status, body } = await callJson<ApiErrorBody>(strict, admin, 'POST', '/api/webhooks', {
        scope: 'site',
        url,
        events: ['run.finished'],
      });
      expect({ url, status, code: body.code }).toEqual({ url, status: 422, code: 'URL_REFUSED' });
    }
    const listed = await callJson<WebhookView[]>(strict, admin, 'GET', '/api/webhooks?scope=site');
    expect(listed.body).toEqual([]);
  });
});
