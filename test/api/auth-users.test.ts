import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support';

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi({ REGISTRATION_OPEN: 'true' });
  admin = await api.login('admin', 'admin-password');
});

afterAll(async () => {
  await api?.dispose();
});

describe('health and docs', () => {
  it('GET /api/health answers 200 once the database is ready', async () => {
    const response = await api.call('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: true });
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const response = await api.call('GET', '/api/docs/json');
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/health']),
    );
  });
});

describe('the web UI on the same origin', () => {
  it('serves the built UI at / and for its client-side routes, and JSON errors under /api', async () => {
    for (const path of ['/', '/problems/some-id']) {
      const page = await api.call('GET', path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<div id="root">');
    }
    const missing = await api.call('GET', '/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});

describe('auth', () => {
  it('the first start made an admin with JUDGE_ADMIN_PASSWORD', () => {
    expect(api.adminCredentials).toEqual({ username: 'admin', password: 'admin-password' });
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await api.call('POST', '/api/auth/login', {
      json: { username: 'admin', password: 'not-the-password' },
    });
    const unknown = await api.call('POST', '/api/auth/login', {
      json: { username: 'nobody', password: 'whatever-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // The same but for each request's own id (X-Request-Id), which tells nothing of the account.
    const withoutId = async (r: Response) => ({ ...((await r.json()) as object), requestId: undefined });
    expect(await withoutId(wrong)).toEqual(await withoutId(unknown));
    expect(wrong.headers.get('x-request-id')).not.toBe(unknown.headers.get('x-request-id'));
  });

  it('routes need a valid token', async () => {
    expect((await api.call('GET', '/api/users')).status).toBe(401);
    const bad = await api.call('GET', '/api/users', { token: 'garbage' });
    expect(await bad.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('registration makes a contestant when it is open', async () => {
    const response = await api.call('POST', '/api/auth/register', {
      json: { username: 'newbie', password: 'newbie-password' },
    });
    expect(response.status).toBe(201);
    const token = await api.login('newbie', 'newbie-password');
    expect((await api.call('GET', '/api/users', { token })).status).toBe(403);
  });
});

describe('users', () => {
  it('an admin creates users with roles; a duplicate name is a 409 with a stable code', async () => {
    const created = await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'teacher', password: 'teacher-password', role: 'setter' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toHaveProperty('id');
    const again = await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'teacher', password: 'teacher-password', role: 'setter' },
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'USERNAME_TAKEN' });
  });

  it('input is validated, and the error names the field', async () => {
    const response = await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'ok-name', password: 'long-enough', role: 'king' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { statusCode: number; code: string; message: string };
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(body.message).toContain('role');
  });

  it('lists users, and a disabled user can no longer log in or use a token', async () => {
    await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'bob', password: 'bob-password', role: 'contestant' },
    });
    const bobToken = await api.login('bob', 'bob-password');
    const users = (await (await api.call('GET', '/api/users', { token: admin })).json()) as {
      id: string;
      username: string;
    }[];
    const bob = users.find((u) => u.username === 'bob');
    expect(bob).toBeDefined();
    expect(JSON.stringify(users)).not.toContain('password');
    const patched = await api.call('PATCH', `/api/users/${bob!.id}`, { token: admin, json: { disabled: true } });
    expect(await patched.json()).toMatchObject({ disabled: true });
    // With the right password the answer says the account is disabled; with a wrong one, only that it is wrong.
    const refused = await api.call('POST', '/api/auth/login', { json: { username: 'bob', password: 'bob-password' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    const wrong = await api.call('POST', '/api/auth/login', { json: { username: 'bob', password: 'not-bobs' } });
    expect(await wrong.json()).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    expect((await api.call('GET', '/api/health', { token: bobToken })).status).toBe(200);
    const me = await api.call('GET', '/api/users', { token: bobToken });
    expect(me.status).toBe(401);
  });

  it('only admins manage users', async () => {
    await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'carol', password: 'carol-password', role: 'setter' },
    });
    const setter = await api.login('carol', 'carol-password');
    expect((await api.call('GET', '/api/users', { token: setter })).status).toBe(403);
  });
});
