import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, ApiTokenView, CreatedApiToken, MeView, SubmissionView } from '@judge/contract';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * API tokens over HTTP: made and revoked through a session, used as `Authorization: Bearer` and `X-Auth-Token`,
 * reaching only the routes of their scopes, never listed with their secret, and dead with a disabled account.
 */
let api: TestApi;
let admin: string;
let sessions: Record<string, string>;
let ids: Record<string, string>;
let problemId: string;

const helloSource = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** Calls with an API token in the given header. */
function withToken(
  token: string,
  method: string,
  path: string,
  options: { header?: 'bearer' | 'x-auth-token'; json?: unknown } = {},
): Promise<Response> {
  const headers: Record<string, string> =
    options.header === 'x-auth-token' ? { 'x-auth-token': token } : { authorization: `Bearer ${token}` };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${api.url}${path}`, {
    method,
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
  });
}

async function makeToken(session: string, name: string, scopes: string[]): Promise<CreatedApiToken> {
  const { status, body } = await callJson<CreatedApiToken>(api, session, 'POST', '/api/tokens', { name, scopes });
  expect(status).toBe(201);
  return body;
}

const submission = () => ({ problemId, language: 'python', source: helloSource });

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin', 'admin-password');
  ({ ids, tokens: sessions } = await createUsers(api, admin, {
    alice: 'contestant',
    bob: 'contestant',
    dora: 'contestant',
  }));
  problemId = await uploadExample(api, admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

describe('making a token', () => {
  it('answers the secret once, prefixed jt_; the list shows its name and scopes, never the secret', async () => {
    const made = await makeToken(sessions.alice, 'grading script', ['submissions', 'read']);
    expect(made.token).toMatch(/^jt_[A-Za-z0-9_-]{43}$/);

    const response = await api.call('GET', '/api/tokens', { token: sessions.alice });
    const text = await response.text();
    expect(text).not.toContain(made.token);
    expect(text).not.toContain(made.token.slice(3));
    const list = JSON.parse(text) as ApiTokenView[];
    expect(list).toEqual([
      {
        id: made.id,
        name: 'grading script',
        scopes: ['submissions', 'read'],
        createdAt: expect.any(String) as string,
        lastUsedAt: null,
      },
    ]);
    // Another user does not see it.
    expect((await callJson<ApiTokenView[]>(api, sessions.bob, 'GET', '/api/tokens')).body).toEqual([]);
  });

  it('refuses an unknown scope, no scope and no name', async () => {
    for (const json of [
      { name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: [] },
      { name: ' ', scopes: ['read'] },
    ]) {
      const { status, body } = await callJson<ApiErrorBody>(api, sessions.alice, 'POST', '/api/tokens', json);
      expect(status).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('using a token', () => {
  it('works as Authorization: Bearer and as X-Auth-Token, as its user, and notes when it was last used', async () => {
    const { id, token } = await makeToken(sessions.alice, 'both headers', ['submissions', 'read']);
    const submitted: string[] = [];
    for (const header of ['bearer', 'x-auth-token'] as const) {
      const me = await withToken(token, 'GET', '/api/auth/me', { header });
      expect(me.status).toBe(200);
      expect(((await me.json()) as MeView).username).toBe('alice');

      const response = await withToken(token, 'POST', '/api/submissions', { header, json: submission() });
      expect(response.status).toBe(201);
      const { id: submissionId } = (await response.json()) as { id: string };
      submitted.push(submissionId);
      const read = await withToken(token, 'GET', `/api/submissions/${submissionId}`, { header });
      expect(read.status).toBe(200);
      expect(((await read.json()) as SubmissionView).id).toBe(submissionId);
      expect((await withToken(token, 'GET', `/api/problems/${problemId}`, { header })).status).toBe(200);
    }
    const listed = (await callJson<ApiTokenView[]>(api, sessions.alice, 'GET', '/api/tokens')).body;
    expect(listed.find((t) => t.id === id)?.lastUsedAt).toEqual(expect.any(String));
    // Judged before the API stops (the in-process judge would store into a closed database).
    for (const submissionId of submitted) await untilJudged(api, sessions.alice, submissionId);
  });

  it('is refused with INSUFFICIENT_SCOPE on a route of another scope', async () => {
    const { token } = await makeToken(sessions.alice, 'read only', ['read']);
    const response = await withToken(token, 'POST', '/api/submissions', { json: submission() });
    expect(response.status).toBe(403);
    expect((await response.json()) as ApiErrorBody).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      message: 'this API token lacks the scope "submissions"',
      details: { scope: 'submissions' },
    });

    const runsOnly = await makeToken(sessions.alice, 'runs only', ['runs']);
    const reading = await withToken(runsOnly.token, 'GET', '/api/submissions', { header: 'x-auth-token' });
    expect(reading.status).toBe(403);
    expect(((await reading.json()) as ApiErrorBody).code).toBe('INSUFFICIENT_SCOPE');
  });

  it('with the runs scope makes and reads runs; without it, is refused there', async () => {
    const runs = await makeToken(sessions.alice, 'runner', ['runs']);
    const made = await withToken(runs.token, 'POST', '/api/runs?wait=true', {
      header: 'x-auth-token',
      json: { language: 'python', source: 'print(input()[::-1])\n', stdin: 'abc\n' },
    });
    expect(made.status).toBe(201);
    const run = (await made.json()) as { id: string; stdout?: string };
    expect(run.stdout).toBe('cba\n');
    expect((await withToken(runs.token, 'GET', `/api/runs/${run.id}`)).status).toBe(200);

    const reader = await makeToken(sessions.alice, 'reader', ['read']);
    const refused = await withToken(reader.token, 'POST', '/api/runs', {
      json: { language: 'python', source: 'print(1)' },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ApiErrorBody).code).toBe('INSUFFICIENT_SCOPE');
  });

  it('cannot manage tokens or reach routes that declare no scope: those take a session', async () => {
    const { token } = await makeToken(sessions.alice, 'all scopes', ['runs', 'submissions', 'read']);
    for (const [method, path] of [
      ['GET', '/api/tokens'],
      ['POST', '/api/tokens'],
      ['GET', '/api/courses'],
    ] as const) {
      const json = method === 'POST' ? { name: 'more', scopes: ['read'] } : undefined;
      const response = await withToken(token, method, path, { json });
      expect(response.status).toBe(403);
      expect(((await response.json()) as ApiErrorBody).code).toBe('SESSION_REQUIRED');
    }
  });

  it('an unknown token is refused with 401', async () => {
    for (const header of ['bearer', 'x-auth-token'] as const) {
      const response = await withToken('jt_not-a-token', 'GET', '/api/auth/me', { header });
      expect(response.status).toBe(401);
    }
  });
});

describe('revoking', () => {
  it('stops a token at once; another user cannot revoke it (404)', async () => {
    const { id, token } = await makeToken(sessions.alice, 'short-lived', ['read']);
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await api.call('DELETE', `/api/tokens/${id}`, { token: sessions.bob })).status).toBe(404);
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(200);

    expect((await api.call('DELETE', `/api/tokens/${id}`, { token: sessions.alice })).status).toBe(204);
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(401);
    const listed = (await callJson<ApiTokenView[]>(api, sessions.alice, 'GET', '/api/tokens')).body;
    expect(listed.map((t) => t.id)).not.toContain(id);
  });

  it('an admin lists everyone’s tokens with their owners and revokes any; others may not list all', async () => {
    const { id, token } = await makeToken(sessions.bob, 'bob’s bot', ['runs']);
    const forbidden = await callJson<ApiErrorBody>(api, sessions.bob, 'GET', '/api/tokens?all=true');
    expect(forbidden.status).toBe(403);

    const all = await api.call('GET', '/api/tokens?all=true', { token: admin });
    const text = await all.text();
    expect(text).not.toContain(token);
    const list = JSON.parse(text) as ApiTokenView[];
    expect(list.find((t) => t.id === id)).toMatchObject({
      name: 'bob’s bot',
      scopes: ['runs'],
      owner: { id: ids.bob, username: 'bob' },
    });
    expect(list.some((t) => t.owner?.username === 'alice')).toBe(true);

    expect((await api.call('DELETE', `/api/tokens/${id}`, { token: admin })).status).toBe(204);
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await callJson<ApiTokenView[]>(api, sessions.bob, 'GET', '/api/tokens')).body).toEqual([]);
  });
});

describe('a disabled user', () => {
  it('has their tokens refused, and working again once enabled', async () => {
    const { token } = await makeToken(sessions.dora, 'dora’s script', ['read']);
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(200);
    const disable = await callJson(api, admin, 'PATCH', `/api/users/${ids.dora}`, { disabled: true });
    expect(disable.status).toBe(200);
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await withToken(token, 'GET', '/api/auth/me', { header: 'x-auth-token' })).status).toBe(401);
    await callJson(api, admin, 'PATCH', `/api/users/${ids.dora}`, { disabled: false });
    expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(200);
  });
});
