import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  AssignmentInput,
  AssignmentView,
  AuditEntryView,
  AuditPage,
  ContestInput,
  ContestView,
  CourseView,
  CreatedApiToken,
  LockdownRefusalDetails,
  MeView,
} from '@judge/contract';
import { callJson, createUsers, passwordOf, uploadExample } from './fixtures';
import { startTestApi, type ApiClient, type TestApi } from './support';

/*
 * Lock-down of exams and contests over HTTP. The API trusts the proxy on loopback (TRUST_PROXY), so each client
 * below is a browser at the address it names in X-Forwarded-For: the lab's, or someone's home.
 */

const LAB = '10.1.2.3';
const LAB_V6 = '2001:db8:1::7';
const HOME = '203.0.113.9';
const MINUTE = 60_000;

let api: TestApi;
const ids: Record<string, string> = {};
/** Sessions made before any lock existed, from loopback. */
const sessions: Record<string, string> = {};
let problemId: string;
let examId: string;
let courseId: string;
let lockedContestId: string;

const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();

/** The API as a client at `address` behind the proxy sees it. */
function from(address: string): ApiClient {
  const call: ApiClient['call'] = (method, path, options = {}) =>
    fetch(`${api.url}${path}`, {
      method,
      headers: {
        'x-forwarded-for': address,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
  return {
    call,
    login: async (username, password) => {
      const response = await call('POST', '/api/auth/login', { json: { username, password } });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
  };
}

/** A log-in at `address`: its status and body. */
const loginAt = (address: string, username: string) =>
  callJson<{ accessToken: string } & ApiErrorBody>(from(address), undefined, 'POST', '/api/auth/login', {
    username,
    password: passwordOf(username),
  });

const callAt = <T = ApiErrorBody>(address: string, token: string, method: string, path: string, json?: unknown) =>
  callJson<T>(from(address), token, method, path, json);

async function audit(query: string): Promise<AuditEntryView[]> {
  const { status, body } = await callJson<AuditPage>(api, sessions.admin, 'GET', `/api/admin/audit?${query}`);
  expect(status).toBe(200);
  return body.items;
}

function examInput(overrides: Partial<AssignmentInput> = {}): AssignmentInput {
  return {
    title: 'Midterm',
    kind: 'exam',
    opensAt: at(-60),
    deadline: at(120),
    durationMinutes: 90,
    problems: [{ problemId, label: 'A' }],
    ...overrides,
  };
}

function contestInput(overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: 'Regional final',
    startsAt: at(-30),
    endsAt: at(120),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId, label: 'A' }],
    ...overrides,
  };
}

/** A course of the teacher's with these students in it; its id. */
async function courseWith(title: string, students: string[]): Promise<string> {
  const made = await callJson<{ id: string }>(api, sessions.teacher, 'POST', '/api/courses', { title });
  expect(made.status).toBe(201);
  const course = await callJson<CourseView>(api, sessions.teacher, 'GET', `/api/courses/${made.body.id}`);
  for (const student of students) {
    const joined = await callJson(api, sessions[student], 'POST', '/api/courses/join', { code: course.body.joinCode });
    expect(joined.status).toBe(200);
  }
  return made.body.id;
}

async function createExam(course: string, input: AssignmentInput): Promise<string> {
  const { status, body } = await callJson<{ id: string }>(
    api,
    sessions.teacher,
    'POST',
    `/api/courses/${course}/assignments`,
    input,
  );
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

/** A contest whose participants are the invited users (invited users take part from the start). */
async function createContest(input: ContestInput, participants: string[]): Promise<string> {
  const { status, body } = await callJson<{ id: string }>(api, sessions.setter, 'POST', '/api/contests', {
    ...input,
    registration: 'invite',
    invited: participants,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

beforeAll(async () => {
  // Two failed logins lock a name out: a lock-down refusal must not count as one.
  api = await startTestApi({ TRUST_PROXY: 'loopback', LOGIN_FAILURES_PER_NAME: '2' });
  sessions.admin = await api.login('admin', 'admin-password');
  const users = await createUsers(api, sessions.admin, {
    teacher: 'teacher',
    setter: 'setter',
    alice: 'contestant',
    bob: 'contestant',
    carol: 'contestant',
    dave: 'contestant',
    erin: 'contestant',
    frank: 'contestant',
  });
  Object.assign(ids, users.ids);
  Object.assign(sessions, users.tokens);
  problemId = await uploadExample(api, sessions.admin, 'hello');

  // alice and bob sit a midterm that only the lab's networks may reach.
  courseId = await courseWith('Algorithms', ['alice', 'bob']);
  examId = await createExam(courseId, examInput({ allowedNetworks: ['10.1.7.7/16', '2001:db8:1::/48'] }));
  // frank's exams are locked too, but one has not opened and the other is over.
  const frankCourse = await courseWith('Databases', ['frank']);
  await createExam(frankCourse, examInput({ title: 'Final', opensAt: at(60), allowedNetworks: [LAB] }));
  await createExam(
    frankCourse,
    examInput({ title: 'Quiz', opensAt: at(-120), deadline: at(-1), allowedNetworks: [LAB], oneSession: true }),
  );
  // erin's exam is one session per account, from anywhere.
  const erinCourse = await courseWith('Compilers', ['erin']);
  await createExam(erinCourse, examInput({ title: 'Oral', oneSession: true }));
  // carol takes part in a running contest locked to the lab, with one session; dave in one not started and one over.
  lockedContestId = await createContest(contestInput({ allowedNetworks: ['10.1.0.0/16'], oneSession: true }), [
    'carol',
  ]);
  await createContest(contestInput({ title: 'Next round', startsAt: at(60), allowedNetworks: [LAB] }), ['dave']);
  await createContest(
    contestInput({ title: 'Last round', startsAt: at(-120), endsAt: at(-1), allowedNetworks: [LAB], oneSession: true }),
    ['dave'],
  );
}, 120_000);

afterAll(async () => {
  await api?.dispose();
});

describe('settings', () => {
  it('keeps the allowed networks in normal form, and shows them with the one-session switch', async () => {
    const exam = await callJson<AssignmentView>(
      api,
      sessions.teacher,
      'GET',
      `/api/courses/${courseId}/assignments/${examId}`,
    );
    expect(exam.body.allowedNetworks).toEqual(['10.1.0.0/16', '2001:db8:1::/48']);
    expect(exam.body.oneSession).toBe(false);
    const contest = await callJson<ContestView>(api, sessions.setter, 'GET', `/api/contests/${lockedContestId}`);
    expect(contest.body).toMatchObject({ allowedNetworks: ['10.1.0.0/16'], oneSession: true });
  });

  it('refuses what is not a network, and a lock on an assignment that is not an exam', async () => {
    const contest = await callJson<ApiErrorBody>(
      api,
      sessions.setter,
      'POST',
      '/api/contests',
      contestInput({ allowedNetworks: ['the lab'] }),
    );
    expect(contest.status).toBe(400);
    expect(contest.body.message).toContain('not a network');
    const homework = await callJson<ApiErrorBody>(
      api,
      sessions.teacher,
      'POST',
      `/api/courses/${courseId}/assignments`,
      examInput({ kind: 'assignment', durationMinutes: null, allowedNetworks: [LAB] }),
    );
    expect(homework.status).toBe(400);
    expect(homework.body.message).toContain('only exams');
  });
});

describe('an exam with allowed networks', () => {
  it("refuses a student's log-in from outside, says which exam and why, and records it in the audit log", async () => {
    const { status, body } = await loginAt(HOME, 'alice');
    expect(status).toBe(403);
    expect(body.code).toBe('LOCKDOWN_ADDRESS');
    expect(body.message).toContain('"Midterm"');
    expect(body.message).toContain(`this address (${HOME}) is not allowed`);
    expect(body.details).toMatchObject({ kind: 'exam', id: examId, courseId, title: 'Midterm', address: HOME });

    const [entry] = (await audit(`action=lockdown.refused&targetId=${examId}`)).filter(
      (e) => e.details.refused === 'login',
    );
    expect(entry).toMatchObject({
      actorId: ids.alice,
      actorUsername: 'alice',
      address: HOME,
      targetType: 'assignment',
      targetId: examId,
      details: { kind: 'exam', title: 'Midterm', courseId, refused: 'login' },
    });

    // Refused again and again with the right password: no failed guess, so the login throttle leaves her be.
    for (let i = 0; i < 3; i++) expect((await loginAt(HOME, 'alice')).body.code).toBe('LOCKDOWN_ADDRESS');
    expect((await audit(`action=lockdown.refused&targetId=${examId}&actor=alice`)).length).toBe(4);
    expect((await loginAt(LAB, 'alice')).status).toBe(200);
  });

  it('lets the student log in from inside, over IPv4 and IPv6, and sit the exam', async () => {
    const lab = await loginAt(LAB, 'bob');
    expect(lab.status).toBe(200);
    const v6 = await loginAt(LAB_V6, 'bob');
    expect(v6.status).toBe(200);
    const base = `/api/courses/${courseId}/assignments/${examId}`;
    expect((await callAt(LAB_V6, lab.body.accessToken, 'POST', `${base}/start`)).status).toBe(200);
    const problem = await callAt<{ title: string }>(LAB, v6.body.accessToken, 'GET', `${base}/problems/A`);
    expect(problem.status).toBe(200);
  });

  it("refuses the exam's requests from outside, even with a session made inside, and records them", async () => {
    const token = (await loginAt(LAB, 'alice')).body.accessToken;
    const base = `/api/courses/${courseId}/assignments/${examId}`;
    expect((await callAt(LAB, token, 'POST', `${base}/start`)).status).toBe(200);
    const refusals = [
      await callAt(HOME, token, 'GET', `${base}/problems/A`),
      await callAt(HOME, token, 'POST', `${base}/submissions`, { problem: 'A', language: 'python', source: 'x' }),
      await callAt(HOME, token, 'GET', `${base}/submissions`),
      await callAt(HOME, token, 'POST', '/api/runs', { language: 'python', source: 'print(1)', stdin: '' }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(refusal.body.code).toBe('LOCKDOWN_ADDRESS');
      expect(refusal.body.message).toContain('"Midterm"');
    }
    // The same session still works from the lab.
    expect((await callAt(LAB, token, 'GET', `${base}/problems/A`)).status).toBe(200);

    // Recorded once a minute per student, address and exam: a page that polls does not flood the log.
    const requests = (await audit(`action=lockdown.refused&targetId=${examId}&actor=alice`)).filter(
      (e) => e.details.refused === 'request',
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      actorUsername: 'alice',
      address: HOME,
      details: { request: `GET ${base}/problems/A` },
    });
  });

  it("refuses a student's API token from outside as it refuses a session", async () => {
    const made = await callJson<CreatedApiToken>(api, sessions.bob, 'POST', '/api/tokens', {
      name: 'script',
      scopes: ['read'],
    });
    // bob's session from before the exam, from loopback: outside the lab as well.
    expect(made.status).toBe(403);
    const inside = await callAt<CreatedApiToken>(
      LAB,
      (await loginAt(LAB, 'bob')).body.accessToken,
      'POST',
      '/api/tokens',
      {
        name: 'script',
        scopes: ['read'],
      },
    );
    expect(inside.status).toBe(201);
    const home = await callAt(HOME, inside.body.token, 'GET', '/api/auth/me');
    expect(home.status).toBe(403);
    expect(home.body.code).toBe('LOCKDOWN_ADDRESS');
    const lab = await callAt<MeView>(LAB, inside.body.token, 'GET', '/api/auth/me');
    expect(lab.body.username).toBe('bob');
  });

  it("never refuses the course's teacher or an admin", async () => {
    for (const user of ['teacher', 'admin']) {
      const password = user === 'admin' ? 'admin-password' : passwordOf(user);
      const login = await callJson<{ accessToken: string }>(from(HOME), undefined, 'POST', '/api/auth/login', {
        username: user,
        password,
      });
      expect(login.status, user).toBe(200);
      const problem = await callAt(
        HOME,
        login.body.accessToken,
        'GET',
        `/api/courses/${courseId}/assignments/${examId}/problems/A`,
      );
      expect(problem.status, user).toBe(200);
    }
  });

  it('locks nobody outside the course, and nothing before an exam opens or after it closes', async () => {
    expect((await loginAt(HOME, 'dave')).status).toBe(200);
    const frank = await loginAt(HOME, 'frank');
    expect(frank.status).toBe(200);
    expect((await callAt(HOME, frank.body.accessToken, 'GET', '/api/auth/me')).status).toBe(200);
  });
});

describe('one session per account', () => {
  it("ends a student's earlier sessions at a new log-in, says so, and records it", async () => {
    const first = (await loginAt(HOME, 'erin')).body.accessToken;
    const second = (await loginAt(LAB, 'erin')).body.accessToken;
    const ended = await callAt(HOME, first, 'GET', '/api/auth/me');
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('SESSION_REPLACED');
    expect(ended.body.message).toContain('newer log-in');
    // The session made before the exam is over too; the newest one goes on.
    expect((await callJson(api, sessions.erin, 'GET', '/api/auth/me')).body).toMatchObject({
      code: 'SESSION_REPLACED',
    });
    expect((await callAt<MeView>(LAB, second, 'GET', '/api/auth/me')).body.username).toBe('erin');

    const replaced = (await audit('action=lockdown.session-replaced')).filter((e) => e.actorId === ids.erin);
    expect(replaced).toHaveLength(2);
    expect(replaced[0]).toMatchObject({ address: LAB, targetType: 'assignment', details: { title: 'Oral' } });
  });

  it("refuses a student's API tokens while it lasts: a token is a second way in", async () => {
    const token = await callJson<CreatedApiToken>(
      api,
      (await loginAt(LAB, 'erin')).body.accessToken,
      'POST',
      '/api/tokens',
      {
        name: 'script',
        scopes: ['read'],
      },
    );
    expect(token.status).toBe(201);
    const refused = await callAt(LAB, token.body.token, 'GET', '/api/auth/me');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('LOCKDOWN_TOKEN');
  });
});

describe('a contest with allowed networks and one session', () => {
  it("refuses a participant's log-in from outside and records it, naming the contest", async () => {
    const { status, body } = await loginAt(HOME, 'carol');
    expect(status).toBe(403);
    expect(body.code).toBe('LOCKDOWN_ADDRESS');
    expect(body.message).toContain('the contest "Regional final"');
    expect(body.details as unknown as LockdownRefusalDetails).toMatchObject({ kind: 'contest', id: lockedContestId });
    const entries = await audit(`action=lockdown.refused&targetType=contest&targetId=${lockedContestId}`);
    expect(entries[0]).toMatchObject({ actorUsername: 'carol', address: HOME, details: { refused: 'login' } });
  });

  it("serves a participant in the lab, refuses the contest's requests from outside, and keeps one session", async () => {
    const first = (await loginAt(LAB, 'carol')).body.accessToken;
    const base = `/api/contests/${lockedContestId}`;
    expect((await callAt(LAB, first, 'GET', `${base}/problems/A`)).status).toBe(200);
    for (const [method, path] of [
      ['GET', `${base}/problems/A`],
      ['GET', `${base}/submissions`],
      ['GET', `${base}/clarifications`],
    ]) {
      const refused = await callAt(HOME, first, method, path);
      expect(refused.status, path).toBe(403);
      expect(refused.body.code).toBe('LOCKDOWN_ADDRESS');
    }
    const second = (await loginAt('10.1.99.1', 'carol')).body.accessToken;
    expect((await callAt(LAB, first, 'GET', `${base}/problems/A`)).body.code).toBe('SESSION_REPLACED');
    expect((await callAt('10.1.99.1', second, 'GET', `${base}/problems/A`)).status).toBe(200);
  });

  it('leaves staff alone, and applies to no contest before its start or after its end', async () => {
    expect((await loginAt(HOME, 'setter')).status).toBe(200);
    const dave = await loginAt(HOME, 'dave');
    expect(dave.status).toBe(200);
    expect((await callAt(HOME, dave.body.accessToken, 'GET', '/api/contests')).status).toBe(200);
  });
});
