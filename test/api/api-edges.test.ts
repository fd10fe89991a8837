import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, createUsers, passwordOf, untilJudged, uploadExample } from './fixtures';
import { loadConfig, startApi } from '@judge/api';
import { startTestApi, type TestApi } from './support';

/*
 * The API's rough edges (issue 12): bodies that may be empty, problemId on every submission route, the submission
 * rate limit under parallel posts, login and registration throttles, the access token in the query, and the
 * security headers.
 */

let api: TestApi;
const tokens: Record<string, string> = {};
let hello: string;
/** A problem no contest holds: open to practice submissions. */
let practice: string;

const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

const call = <T = { code: string; message: string }>(
  user: string | undefined,
  method: string,
  path: string,
  json?: unknown,
) => callJson<T>(api, user ? tokens[user] : undefined, method, path, json);

beforeAll(async () => {
  api = await startTestApi({
    SUBMISSIONS_PER_MINUTE: '20',
    REGISTRATION_OPEN: 'true',
    LOGIN_FAILURES_PER_NAME: '3',
    LOGIN_FAILURES_PER_ADDRESS: '8',
    REGISTRATIONS_PER_ADDRESS: '3',
    // The tests speak for several clients through X-Forwarded-For, as a proxy on this host would.
    TRUST_PROXY: 'loopback',
  });
  tokens.admin = await api.login('admin', 'admin-password');
  const made = await createUsers(api, tokens.admin, {
    teacher: 'setter',
    alice: 'contestant',
    bob: 'contestant',
    erin: 'contestant',
    carol: 'contestant',
    dave: 'contestant',
  });
  Object.assign(tokens, made.tokens);
  hello = await uploadExample(api, tokens.admin, 'hello');
  practice = await uploadExample(api, tokens.admin, 'sum-pair');
});

afterAll(async () => {
  await api?.dispose();
});

async function createContest(): Promise<string> {
  const { status, body } = await call<{ id: string }>('admin', 'POST', '/api/contests', {
    title: 'Edges',
    startsAt: minutes(-1),
    endsAt: minutes(120),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId: hello, label: 'A' }],
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

describe('bodies whose fields are all optional', () => {
  it('POST /api/contests/:id/register takes a request with no body at all', async () => {
    const contest = await createContest();
    const response = await api.call('POST', `/api/contests/${contest}/register`, { token: tokens.bob });
    expect(response.status, await response.clone().text()).toBe(200);
    const view = await call<{ registered: boolean }>('bob', 'GET', `/api/contests/${contest}`);
    expect(view.body.registered).toBe(true);
  });

  it('a route with required fields still names the missing field when no body is sent', async () => {
    const response = await api.call('POST', '/api/courses/join', { token: tokens.bob });
    expect(response.status).toBe(400);
    const error = (await response.json()) as { code: string; message: string };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^code: /);
  });
});

describe('problemId on the contest and course submission routes', () => {
  it('a contest submission names its problem by problemId, as POST /api/submissions does', async () => {
    const contest = await createContest();
    expect((await call('carol', 'POST', `/api/contests/${contest}/register`, {})).status).toBe(200);
    const { status, body } = await call<{ id: string }>('carol', 'POST', `/api/contests/${contest}/submissions`, {
      problemId: hello,
      language: 'python',
      source: AC,
    });
    expect(status, JSON.stringify(body)).toBe(201);
    const judged = await untilJudged<{ status: string; verdict: string; contestId: string; problemId: string }>(
      api,
      tokens.carol,
      body.id,
    );
    expect(judged).toMatchObject({ verdict: 'AC', contestId: contest, problemId: hello });
    const neither = await call('carol', 'POST', `/api/contests/${contest}/submissions`, {
      language: 'python',
      source: AC,
    });
    expect(neither.status).toBe(400);
    expect(neither.body.code).toBe('VALIDATION_FAILED');
    expect(neither.body.message).toContain('problemId');
  });

  it('an assignment submission names its problem by problemId', async () => {
    const course = await call<{ id: string; joinCode: string }>('teacher', 'POST', '/api/courses', { title: 'Edges' });
    expect(course.status, JSON.stringify(course.body)).toBe(201);
    expect((await call('carol', 'POST', '/api/courses/join', { code: course.body.joinCode })).status).toBe(200);
    const assignment = await call<{ id: string }>('teacher', 'POST', `/api/courses/${course.body.id}/assignments`, {
      title: 'Week 1',
      kind: 'assignment',
      opensAt: minutes(-60),
      deadline: minutes(24 * 60),
      problems: [{ problemId: hello, label: 'A' }],
    });
    expect(assignment.status, JSON.stringify(assignment.body)).toBe(201);
    const { status, body } = await call<{ id: string }>(
      'carol',
      'POST',
      `/api/courses/${course.body.id}/assignments/${assignment.body.id}/submissions`,
      { problemId: hello, language: 'python', source: AC },
    );
    expect(status, JSON.stringify(body)).toBe(201);
    const judged = await untilJudged<{ status: string; verdict: string; assignmentId: string }>(
      api,
      tokens.carol,
      body.id,
    );
    expect(judged).toMatchObject({ verdict: 'AC', assignmentId: assignment.body.id });
  });
});

describe('the access token in the query', () => {
  it('is refused on a route that is not an event stream', async () => {
    for (const path of ['/api/auth/me', '/api/submissions']) {
      const response = await fetch(`${api.url}${path}?access_token=${tokens.carol}`);
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    }
    // On a public route it identifies nobody: the caller is anonymous.
    const contest = await createContest();
    expect((await call('carol', 'POST', `/api/contests/${contest}/register`)).status).toBe(200);
    const withQuery = await fetch(`${api.url}/api/contests/${contest}?access_token=${tokens.carol}`);
    expect(((await withQuery.json()) as { registered?: boolean }).registered).toBeFalsy();
    expect((await call<{ registered: boolean }>('carol', 'GET', `/api/contests/${contest}`)).body.registered).toBe(
      true,
    );
  });

  it('is taken on an event stream, which browsers open without headers', async () => {
    const { body } = await call<{ id: string }>('carol', 'POST', '/api/submissions', {
      problemId: practice,
      language: 'python',
      source: AC,
    });
    const controller = new AbortController();
    const path = `/api/submissions/${body.id}/events`;
    const stream = await fetch(`${api.url}${path}?access_token=${tokens.carol}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
    expect((await fetch(`${api.url}${path}`)).status).toBe(401);
  });
});

describe('security headers', () => {
  it('the API and the web UI answer with a CSP that forbids framing, nosniff, a referrer policy and no X-Powered-By', async () => {
    for (const path of ['/api/health', '/api/no-such-route', '/', '/problems/some-id']) {
      const response = await api.call('GET', path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('login and registration throttles', () => {
  /** A call from a client at `address`, which the proxy (this host) names in X-Forwarded-For. */
  const from = (address: string, path: string, body: unknown) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
  const login = (address: string, username: string, password: string) =>
    from(address, '/api/auth/login', { username, password });

  async function expectThrottled(response: Response, windowSeconds: number): Promise<void> {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(await response.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
  }

  it('stops guessing at a name after its failures, from any address, even with the right password', async () => {
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect((await login(address, 'alice', 'wrong-password')).status).toBe(401);
    }
    await expectThrottled(await login('203.0.113.4', 'alice', passwordOf('alice')), 15 * 60);
    // Other names, from the same addresses, log in.
    expect((await login('203.0.113.1', 'bob', passwordOf('bob'))).status).toBe(200);
  });

  it('stops an address after its failures over many names; other addresses log in', async () => {
    for (let i = 0; i < 8; i++) expect((await login('198.51.100.7', `ghost${i}`, 'some-password')).status).toBe(401);
    await expectThrottled(await login('198.51.100.7', 'erin', passwordOf('erin')), 15 * 60);
    expect((await login('198.51.100.8', 'erin', passwordOf('erin'))).status).toBe(200);
  });

  it('limits registrations per address and per name', async () => {
    for (const name of ['reg1', 'reg2', 'reg3']) {
      const response = await from('192.0.2.10', '/api/auth/register', { username: name, password: 'a-password' });
      expect(response.status).toBe(201);
    }
    const fourth = { username: 'reg4', password: 'a-password' };
    await expectThrottled(await from('192.0.2.10', '/api/auth/register', fourth), 3600);
    expect((await from('192.0.2.11', '/api/auth/register', fourth)).status).toBe(201);
    // Asking again and again whether a name is taken: 409 five times, then 429.
    for (let i = 0; i < 5; i++) {
      const taken = await from(`192.0.2.${20 + i}`, '/api/auth/register', { username: 'bob', password: 'a-password' });
      expect(taken.status).toBe(409);
    }
    await expectThrottled(
      await from('192.0.2.30', '/api/auth/register', { username: 'bob', password: 'a-password' }),
      3600,
    );
  });
});

// Last in the file: the accepted submissions keep the in-process runner busy for a while.
describe('the submission rate limit', () => {
  it('holds under 40 parallel posts to two API instances on one database: exactly 20 of 20 a minute accepted', async () => {
    // A second instance on the same database (and data folder), as behind a load balancer.
    const second = await startApi(
      loadConfig({
        PORT: '0',
        DATA_DIR: api.config.DATA_DIR,
        DATABASE_URL: api.config.DATABASE_URL,
        JWT_SECRET: api.config.JWT_SECRET,
        JUDGE_ADMIN_PASSWORD: 'admin-password',
        IMPORT_EXAMPLES: 'false',
        SUBMISSIONS_PER_MINUTE: '20',
      }),
      { logLevels: ['error'] },
    );
    try {
      const instances = [api.url, second.url];
      const responses = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const response = await fetch(`${instances[i % 2]}/api/submissions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dave}` },
            body: JSON.stringify({ problemId: practice, language: 'python', source: AC }),
          });
          return { status: response.status, body: (await response.json()) as { code?: string } };
        }),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
      for (const refused of responses.filter((r) => r.status === 429)) expect(refused.body.code).toBe('RATE_LIMITED');
      const stored = await call<{ items: unknown[] }>('dave', 'GET', '/api/submissions');
      expect(stored.body.items).toHaveLength(20);
    } finally {
      await second.close();
    }
  });
});
