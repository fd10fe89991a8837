import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditPage, ContestInput, CreatedApiToken, SubmissionView } from '@judge/contract';
import { callJson, createUsers, uploadExample, untilJudged } from './fixtures';
import { startTestApi, type ApiClient, type TestApi } from './support';

/*
 * The audit log over HTTP: staff actions done through the API appear in GET /api/admin/audit with who did them,
 * from which address (X-Forwarded-For through TRUST_PROXY, as behind a proxy), what they were done to and what
 * changed; the filters narrow it, the CSV holds the same rows, and only admins read it. No secret is ever in it.
 */

/** Where the admin's requests come from, as the proxy (this host) names it. */
const ADMIN_ADDRESS = '198.51.100.10';
const SECRET_PASSWORD = 'correct-horse-battery-staple';

let api: TestApi;
/** The API as a client at ADMIN_ADDRESS behind the proxy sees it. */
let fromAdminAddress: ApiClient;
const tokens: Record<string, string> = {};
let ids: Record<string, string> = {};
let problemId: string;
let submissionId: string;
let contestId: string;
let endedContestId: string;
let apiToken: CreatedApiToken;
let webhook: { id: string; secret: string };

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
/** Fixed once: a change of the contest's title changes nothing else. */
const contestWindow = { startsAt: minutes(-1), endsAt: minutes(120) };

const asAdmin = <T>(method: string, path: string, json?: unknown) =>
  callJson<T>(fromAdminAddress, tokens.admin, method, path, json);

async function audit(query = ''): Promise<AuditEntryView[]> {
  const { status, body } = await asAdmin<AuditPage>('GET', `/api/admin/audit${query ? `?${query}` : ''}`);
  expect(status).toBe(200);
  return body.items;
}

function contestInput(overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: 'Audited round',
    ...contestWindow,
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId, label: 'A' }],
    ...overrides,
  };
}

beforeAll(async () => {
  api = await startTestApi({ TRUST_PROXY: 'loopback', LOGIN_FAILURES_PER_NAME: '3' });
  fromAdminAddress = {
    call: (method, path, options = {}) =>
      fetch(`${api.url}${path}`, {
        method,
        headers: {
          'x-forwarded-for': ADMIN_ADDRESS,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
      }),
    login: (username, password) => api.login(username, password),
  };
  tokens.admin = await api.login('admin', 'admin-password');
  const users = await createUsers(fromAdminAddress, tokens.admin, {
    setter: 'setter',
    teacher: 'teacher',
    alice: 'contestant',
    bob: 'contestant',
  });
  ids = users.ids;
  Object.assign(tokens, users.tokens);

  // The actions under audit, each by the admin from ADMIN_ADDRESS.
  problemId = await uploadExample(fromAdminAddress, tokens.admin, 'hello');
  const submitted = await callJson<{ id: string }>(api, tokens.alice, 'POST', '/api/submissions', {
    problemId,
    language: 'python',
    source: 'a, b = map(int, input().split())\nprint(a - b)\n',
  });
  submissionId = submitted.body.id;
  expect((await untilJudged<SubmissionView>(api, tokens.alice, submissionId)).verdict).toBe('WA');
  expect((await asAdmin('POST', `/api/submissions/${submissionId}/rejudge`)).status).toBe(202);
  await untilJudged<SubmissionView>(api, tokens.alice, submissionId);
  expect(
    (await asAdmin('POST', `/api/submissions/${submissionId}/adjustment`, { points: 40, reason: 'Partly' })).status,
  ).toBe(201);

  const created = await asAdmin<{ id: string }>('POST', '/api/contests', contestInput());
  contestId = created.body.id;
  expect(
    (await asAdmin('PUT', `/api/contests/${contestId}`, contestInput({ title: 'Audited final', freezeMinutes: 30 })))
      .status,
  ).toBe(200);

  const ended = await asAdmin<{ id: string }>(
    'POST',
    '/api/contests',
    contestInput({ title: 'Ended round', startsAt: minutes(-90), endsAt: minutes(-1), freezeMinutes: 30 }),
  );
  endedContestId = ended.body.id;
  expect((await asAdmin('POST', `/api/contests/${endedContestId}/unfreeze`)).status).toBe(200);

  expect((await asAdmin('PATCH', `/api/users/${ids.bob}`, { role: 'setter' })).status).toBe(200);
  expect((await asAdmin('PATCH', `/api/users/${ids.bob}`, { disabled: true, password: SECRET_PASSWORD })).status).toBe(
    200,
  );

  apiToken = (
    await callJson<CreatedApiToken>(api, tokens.alice, 'POST', '/api/tokens', { name: 'ci', scopes: ['read'] })
  ).body;
  expect((await asAdmin('DELETE', `/api/tokens/${apiToken.id}`)).status).toBe(204);

  const hook = await asAdmin<{ id: string; secret: string }>('POST', '/api/webhooks', {
    scope: 'site',
    url: 'https://hooks.example.com/services/T0/B0/receiver-secret-path',
    events: ['submission.judged'],
    enabled: true,
  });
  expect(hook.status).toBe(201);
  webhook = hook.body;
  expect((await asAdmin('PATCH', `/api/webhooks/${webhook.id}`, { enabled: false })).status).toBe(200);

  // Alice's name fails three times from another address; the fourth attempt trips the throttle.
  for (let i = 0; i < 5; i++) {
    await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.66' },
      body: JSON.stringify({ username: 'alice', password: `guess-${i}` }),
    });
  }
});

afterAll(async () => {
  await api?.dispose();
});

/** The one entry of an action (on a target), failing when there is not exactly one. */
async function only(action: string, targetId?: string): Promise<AuditEntryView> {
  const rows = (await audit(`action=${action}`)).filter((e) => targetId === undefined || e.targetId === targetId);
  expect(rows, action).toHaveLength(1);
  return rows[0];
}

const byAdmin = { actorUsername: 'admin', actorRole: 'admin', address: ADMIN_ADDRESS };

describe('the audit log records staff actions', () => {
  it('a problem upload, with its title and version', async () => {
    const entry = await only('problem.create');
    expect(entry).toMatchObject({ ...byAdmin, targetType: 'problem', targetId: problemId });
    expect(entry.actorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.details).toMatchObject({
      source: 'package',
      fileName: 'hello.zip',
      title: 'Sum of Two Numbers',
      visibility: 'public',
      version: 1,
    });
  });

  it('a rejudge, with the verdict it replaced', async () => {
    const entry = await only('submission.rejudge');
    expect(entry).toMatchObject({ ...byAdmin, targetType: 'submission', targetId: submissionId });
    expect(entry.details).toMatchObject({ problemId, userId: ids.alice, before: { verdict: 'WA', attempt: 1 } });
  });

  it('a manual score, from and to', async () => {
    const entry = await only('score.adjust');
    expect(entry).toMatchObject({ ...byAdmin, targetType: 'submission', targetId: submissionId });
    // Before: the judged score (there was no manual one yet).
    expect(entry.details).toMatchObject({ points: { after: 40 }, reason: 'Partly' });
    expect(entry.details.points).toHaveProperty('before');
  });

  it('a contest created and changed: only the changed fields, before and after', async () => {
    expect(await only('contest.create', contestId)).toMatchObject({
      ...byAdmin,
      targetType: 'contest',
      targetId: contestId,
    });
    const update = await only('contest.update');
    expect(update).toMatchObject({ ...byAdmin, targetType: 'contest', targetId: contestId });
    expect(update.details).toEqual({
      title: { before: 'Audited round', after: 'Audited final' },
      freezeMinutes: { before: 0, after: 30 },
    });
  });

  it('an unfreeze', async () => {
    const entry = await only('contest.unfreeze');
    expect(entry).toMatchObject({ ...byAdmin, targetType: 'contest', targetId: endedContestId });
    expect(entry.details).toEqual({ unfrozen: { before: false, after: true }, freezeMinutes: 30 });
  });

  it('a role change, a disabled user and a password set, each its own row', async () => {
    expect((await only('user.role', ids.bob)).details).toEqual({
      username: 'bob',
      role: { before: 'contestant', after: 'setter' },
    });
    const disabled = await only('user.disable', ids.bob);
    expect(disabled).toMatchObject({ ...byAdmin, targetType: 'user' });
    expect(disabled.details).toEqual({ username: 'bob', disabled: { before: false, after: true } });
    expect((await only('user.password', ids.bob)).details).toEqual({ username: 'bob', set: true });
    // Accounts the admin made, too.
    expect((await audit('action=user.create')).map((e) => e.details.username)).toEqual(
      expect.arrayContaining(['setter', 'teacher', 'alice', 'bob']) as unknown,
    );
  });

  it("an admin revoking another's API token", async () => {
    const entry = await only('token.revoke', apiToken.id);
    expect(entry).toMatchObject({ ...byAdmin, targetType: 'token' });
    expect(entry.details).toMatchObject({ name: 'ci', owner: 'alice', ownerId: ids.alice });
  });

  it('a webhook made and turned off, with its host but not its path or secret', async () => {
    const created = await only('webhook.create', webhook.id);
    expect(created).toMatchObject({ ...byAdmin, targetType: 'webhook' });
    expect(created.details).toMatchObject({ url: 'https://hooks.example.com', events: ['submission.judged'] });
    expect((await only('webhook.update', webhook.id)).details).toEqual({ enabled: { before: true, after: false } });
  });

  it('a login throttle when it trips, once, with the address it came from and no actor', async () => {
    const entry = await only('auth.login-throttled');
    expect(entry).toMatchObject({
      actorId: null,
      actorUsername: null,
      address: '203.0.113.66',
      targetType: 'user',
      targetId: ids.alice,
    });
    expect(entry.details).toMatchObject({ username: 'alice', limits: ['login-name'] });
  });
});

describe('reading the audit log', () => {
  it('is newest first, and filters by actor, action, target and time', async () => {
    const all = await audit();
    const times = all.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all[0].action).toBe('auth.login-throttled');

    const bobs = await audit(`targetType=user&targetId=${ids.bob}`);
    expect(bobs.map((e) => e.action).sort()).toEqual(['user.create', 'user.disable', 'user.password', 'user.role']);
    expect((await audit('actor=admin&action=contest.update')).map((e) => e.targetId)).toEqual([contestId]);
    expect(await audit('actor=alice')).toEqual([]);
    expect((await audit(`actor=${all.find((e) => e.actorId)!.actorId}`)).length).toBe(all.length - 1);

    const update = await only('contest.update');
    const after = await audit(`from=${encodeURIComponent(update.at)}`);
    expect(after.map((e) => e.action)).toContain('contest.update');
    expect(after.map((e) => e.action)).not.toContain('problem.create');
    const before = await audit(`to=${encodeURIComponent(update.at)}`);
    expect(before.map((e) => e.action)).toContain('problem.create');
    expect(before.map((e) => e.action)).not.toContain('contest.update');

    expect((await asAdmin('GET', '/api/admin/audit?action=not.an.action')).status).toBe(400);
  });

  it('exports the filtered rows as CSV', async () => {
    const response = await fromAdminAddress.call('GET', `/api/admin/audit.csv?targetId=${ids.bob}`, {
      token: tokens.admin,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('audit-log.csv');
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('at,actor,actor_id,role,address,action,target_type,target_id,details');
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).every((line) => line.includes(ADMIN_ADDRESS) && line.includes(ids.bob))).toBe(true);
    expect(lines.find((line) => line.includes(',user.role,'))).toContain('""after"":""setter""');
    // The same rows through ?format=csv.
    const same = await fromAdminAddress.call('GET', `/api/admin/audit?format=csv&targetId=${ids.bob}`, {
      token: tokens.admin,
    });
    expect((await same.text()).trim().split('\n')).toEqual(lines);
  });

  it('is for admins only', async () => {
    for (const user of ['setter', 'teacher', 'alice']) {
      expect((await callJson(api, tokens[user], 'GET', '/api/admin/audit')).status).toBe(403);
      expect((await callJson(api, tokens[user], 'GET', '/api/admin/audit.csv')).status).toBe(403);
    }
    expect((await callJson(api, undefined, 'GET', '/api/admin/audit')).status).toBe(401);
  });

  it('holds no password or token anywhere', async () => {
    const response = await fromAdminAddress.call('GET', '/api/admin/audit.csv', { token: tokens.admin });
    const text = await response.text();
    for (const secret of [
      SECRET_PASSWORD,
      'admin-password',
      'alice-password',
      'guess-',
      apiToken.token,
      webhook.secret,
      'receiver-secret-path',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/password_?hash|passwordHash|tokenHash|\$argon2/i);
  });
});
