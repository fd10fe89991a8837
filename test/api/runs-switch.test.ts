import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, AssignmentInput, AssignmentView, ContestInput, ContestView } from '@judge/contract';
import { callJson, createUsers, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * A contest or an assignment with `runsEnabled: false` refuses POST /api/runs to its participants or students while
 * it runs or is open (403 RUNS_DISABLED), whatever the run is for; before, after, and to everyone else runs go on.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

let api: TestApi;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let hello: string;

const call = <T = ApiErrorBody>(user: string, method: string, path: string, json?: unknown) =>
  callJson<T>(api, tokens[user], method, path, json);

/** A run as from the playground: no problem, no contest, just a program; waited for, so that none is left behind. */
const run = (user: string) =>
  call<ApiErrorBody & { status?: string; verdict?: string; stdout?: string }>(user, 'POST', '/api/runs?wait=true', {
    language: 'python',
    source: 'print(1)\n',
  });

async function expectAllowed(user: string): Promise<void> {
  const { status, body } = await run(user);
  expect(status, JSON.stringify(body)).toBe(201);
  expect(body).toMatchObject({ status: 'done', verdict: 'OK', stdout: '1\n' });
}

async function expectRefused(user: string, naming: string): Promise<void> {
  const { status, body } = await run(user);
  expect(status).toBe(403);
  expect(body.code).toBe('RUNS_DISABLED');
  expect(body.message).toContain(naming);
}

function contestInput(overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: 'Closed-book round',
    startsAt: at(-MINUTE),
    endsAt: at(2 * HOUR),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    runsEnabled: false,
    problems: [{ problemId: hello, label: 'A' }],
    ...overrides,
  };
}

async function createContest(overrides: Partial<ContestInput> = {}): Promise<string> {
  const { status, body } = await call<{ id: string }>('admin', 'POST', '/api/contests', contestInput(overrides));
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

async function register(contestId: string, user: string): Promise<void> {
  expect((await call(user, 'POST', `/api/contests/${contestId}/register`, {})).status).toBe(200);
}

function assignmentInput(overrides: Partial<AssignmentInput> = {}): AssignmentInput {
  return {
    title: 'Midterm',
    kind: 'exam',
    opensAt: at(-MINUTE),
    deadline: at(2 * HOUR),
    durationMinutes: 60,
    runsEnabled: false,
    problems: [{ problemId: hello, label: 'A' }],
    ...overrides,
  };
}

beforeAll(async () => {
  api = await startTestApi({ RUNS_PER_MINUTE: '1000', RUNS_IN_FLIGHT: '1000' });
  tokens.admin = await api.login('admin', 'admin-password');
  const made = await createUsers(api, tokens.admin, {
    setter: 'setter',
    teacher: 'teacher',
    alice: 'contestant',
    bob: 'contestant',
    carol: 'contestant',
    dave: 'contestant',
  });
  Object.assign(ids, made.ids);
  Object.assign(tokens, made.tokens);
  hello = await uploadExample(api, tokens.admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

describe('the runs switch of a contest', () => {
  it('is true unless set, and round-trips through create and update', async () => {
    const id = await createContest({
      title: 'Defaults',
      runsEnabled: undefined,
      startsAt: at(HOUR),
      endsAt: at(3 * HOUR),
    });
    expect((await call<ContestView>('admin', 'GET', `/api/contests/${id}`)).body.runsEnabled).toBe(true);
    const put = await call(
      'admin',
      'PUT',
      `/api/contests/${id}`,
      contestInput({ title: 'Defaults', runsEnabled: false }),
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const viewed = await call<ContestView>('alice', 'GET', `/api/contests/${id}`);
    expect(viewed.body.runsEnabled).toBe(false);
    // Made running with runs off, it was never entered by alice: her runs go on.
    await expectAllowed('alice');
  });

  it('refuses a participant while it runs, not before it starts nor after it ends', async () => {
    const input = { title: 'Round 7', startsAt: at(HOUR), endsAt: at(3 * HOUR) };
    const id = await createContest(input);
    await register(id, 'bob');
    await expectAllowed('bob');

    // It starts: every run of bob's is refused, the playground's too, and the message names the contest.
    const started = await call('admin', 'PUT', `/api/contests/${id}`, contestInput({ title: 'Round 7' }));
    expect(started.status).toBe(200);
    await expectRefused('bob', 'contest "Round 7"');

    // It ends: runs again.
    const ended = await call(
      'admin',
      'PUT',
      `/api/contests/${id}`,
      contestInput({ title: 'Round 7', startsAt: at(-3 * HOUR), endsAt: at(-MINUTE) }),
    );
    expect(ended.status).toBe(200);
    await expectAllowed('bob');
  });

  it('leaves non-participants and staff alone, and a running contest with runs on', async () => {
    const off = await createContest({ title: 'Invite only', registration: 'invite', invited: ['carol', 'setter'] });
    await expectRefused('carol', 'Invite only');
    await expectAllowed('setter');
    await expectAllowed('admin');
    await expectAllowed('dave');

    const on = await createContest({ title: 'Runs on', runsEnabled: true });
    await register(on, 'dave');
    await expectAllowed('dave');

    // Switched on again mid-contest: carol runs at once.
    const put = await call(
      'admin',
      'PUT',
      `/api/contests/${off}`,
      contestInput({ title: 'Invite only', registration: 'invite', invited: ['carol', 'setter'], runsEnabled: true }),
    );
    expect(put.status).toBe(200);
    await expectAllowed('carol');
  });
});

describe('the runs switch of an assignment', () => {
  let course: string;

  beforeAll(async () => {
    const created = await call<{ id: string; joinCode: string }>('teacher', 'POST', '/api/courses', { title: 'CS 1' });
    expect(created.status).toBe(201);
    course = created.body.id;
    for (const student of ['alice', 'dave']) {
      expect((await call(student, 'POST', '/api/courses/join', { code: created.body.joinCode })).status).toBe(200);
    }
  });

  it('is true unless set, and round-trips through create and update', async () => {
    const created = await call<{ id: string }>(
      'teacher',
      'POST',
      `/api/courses/${course}/assignments`,
      assignmentInput({
        title: 'Homework',
        kind: 'assignment',
        durationMinutes: null,
        opensAt: at(HOUR),
        runsEnabled: undefined,
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const path = `/api/courses/${course}/assignments/${created.body.id}`;
    expect((await call<AssignmentView>('alice', 'GET', path)).body.runsEnabled).toBe(true);
    const put = await call<AssignmentView>(
      'teacher',
      'PUT',
      path,
      assignmentInput({ title: 'Homework', kind: 'assignment', durationMinutes: null, opensAt: at(HOUR) }),
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.runsEnabled).toBe(false);
    expect((await call<AssignmentView>('alice', 'GET', path)).body.runsEnabled).toBe(false);
    // Not open yet: runs go on.
    await expectAllowed('alice');
  });

  it("refuses the course's students while it is open, not its teacher, staff or other users", async () => {
    const created = await call<{ id: string }>(
      'teacher',
      'POST',
      `/api/courses/${course}/assignments`,
      assignmentInput(),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await expectRefused('alice', 'assignment "Midterm"');
    await expectRefused('dave', 'Midterm');
    await expectAllowed('teacher');
    await expectAllowed('admin');
    await expectAllowed('bob');

    // Closed for everyone, then reopened for alice alone by an extension.
    const path = `/api/courses/${course}/assignments/${created.body.id}`;
    const closed = await call(
      'teacher',
      'PUT',
      path,
      assignmentInput({ opensAt: at(-3 * HOUR), deadline: at(-MINUTE) }),
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await expectAllowed('alice');
    const extended = await call('teacher', 'PUT', `${path}/extensions/${ids.alice}`, { deadline: at(HOUR) });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    await expectRefused('alice', 'Midterm');
    await expectAllowed('dave');
  });
});
