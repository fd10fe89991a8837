import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionEvent, SubmissionView } from '@judge/contract';
import { MIGRATIONS } from '@judge/migrations';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { createTestDatabase, startTestApi, type TestApi } from './support';

/*
 * Feedback levels (docs/security-model.md): the attack of issue 12 reads a secret input back from the memory
 * figure of its test. The program below allocates `a % 97` MiB on each test (68 MiB on hello's secret/01, whose
 * a is 2000000000), answers every test right but secret/03, and so fails on the fourth test of the run.
 */
const LEAK = [
  'a, b = map(int, input().split())',
  'block = b"x" * ((abs(a) % 97) << 20)',
  'print(a + b + (1 if a == 4000000000000000000 else 0))',
  '',
].join('\n');
const LEAKED_MIB = 2000000000 % 97;

let api: TestApi;
let tokens: Record<string, string>;
let problemId: string;

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

async function contest(feedback: string | undefined): Promise<string> {
  const created = await callJson<{ id: string }>(api, tokens.admin, 'POST', '/api/contests', {
    title: `Round at ${feedback ?? 'the default'}`,
    startsAt: minutes(-1),
    endsAt: minutes(120),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId, label: 'A' }],
    ...(feedback ? { feedback } : {}),
  });
  expect(created.status).toBe(201);
  const registered = await callJson(api, tokens.alice, 'POST', `/api/contests/${created.body.id}/register`, {});
  expect(registered.status).toBe(200);
  return created.body.id;
}

async function submitTo(contestId: string): Promise<string> {
  const response = await callJson<{ id: string }>(api, tokens.alice, 'POST', `/api/contests/${contestId}/submissions`, {
    problem: 'A',
    language: 'python',
    source: LEAK,
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** The events of a submission's stream as a caller reads them, until it ends. */
async function streamed(token: string, id: string): Promise<SubmissionEvent[]> {
  const response = await fetch(`${api.url}/api/submissions/${id}/events?access_token=${token}`);
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as SubmissionEvent);
}

const secretTests = (s: SubmissionView) => s.tests.filter((t) => t.name.startsWith('secret/'));

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '30' });
  const admin = await api.login('admin', 'admin-password');
  tokens = { admin, ...(await createUsers(api, admin, { alice: 'contestant' })).tokens };
  problemId = await uploadExample(api, admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

describe('feedback levels', () => {
  it('shows a contestant at first-failure the verdict, the failed test and the time, and staff everything', async () => {
    // The problem says verdict-only; the contest's own level overrides it.
    const set = await callJson(api, tokens.admin, 'PUT', `/api/problems/${problemId}/feedback`, {
      feedback: 'verdict-only',
    });
    expect(set).toEqual({ status: 200, body: { feedback: 'verdict-only' } });
    const contestId = await contest('first-failure');
    const view = await callJson<{ feedback: string }>(api, tokens.alice, 'GET', `/api/contests/${contestId}`);
    expect(view.body.feedback).toBe('first-failure');

    const id = await submitTo(contestId);
    const [aliceEvents, adminEvents] = await Promise.all([streamed(tokens.alice, id), streamed(tokens.admin, id)]);
    const mine = await untilJudged<SubmissionView>(api, tokens.alice, id);
    expect(mine).toMatchObject({
      verdict: 'WA',
      feedback: 'first-failure',
      firstFailure: { position: 4, name: 'secret/03', verdict: 'WA' },
      memoryKb: null,
    });
    expect(mine.timeMs).toEqual(expect.any(Number));
    // The sample stays whole; no secret test, no figure of one.
    expect(mine.tests.map((t) => t.name)).toEqual(['sample/01']);
    expect(mine.tests[0]).toMatchObject({ input: '3 4\n', output: '7\n' });

    // Staff see every test, and the figure the attack reads: 68 MiB on secret/01.
    const staff = await untilJudged<SubmissionView>(api, tokens.admin, id);
    expect(staff.feedback).toBe('full');
    expect(secretTests(staff).map((t) => t.name)).toEqual(['secret/01', 'secret/02', 'secret/03']);
    const leaked = staff.tests.find((t) => t.name === 'secret/01')!.memoryKb;
    expect(leaked).toBeGreaterThanOrEqual(LEAKED_MIB * 1024);
    expect(JSON.stringify(mine)).not.toContain(`"memoryKb":${leaked}`);

    // The contest's list answers the same.
    const list = await callJson<{ items: SubmissionView[] }>(
      api,
      tokens.alice,
      'GET',
      `/api/contests/${contestId}/submissions`,
    );
    expect(list.body.items[0]).toMatchObject({ id, feedback: 'first-failure', memoryKb: null });
    expect(secretTests(list.body.items[0])).toEqual([]);
    const staffList = await callJson<{ items: SubmissionView[] }>(
      api,
      tokens.admin,
      'GET',
      `/api/contests/${contestId}/submissions`,
    );
    expect(secretTests(staffList.body.items[0])).toHaveLength(3);

    // The stream: no secret test for the contestant, every one for staff (unless it opened after the verdict).
    for (const event of aliceEvents) {
      if (event.type === 'test') expect(event.test.name).toBe('sample/01');
    }
    const aliceDone = aliceEvents.at(-1);
    expect(aliceDone).toMatchObject({ type: 'done', submission: { feedback: 'first-failure', memoryKb: null } });
    expect(JSON.stringify(aliceEvents)).not.toContain('secret/01');
    const adminDone = adminEvents.at(-1) as Extract<SubmissionEvent, { type: 'done' }>;
    expect(adminDone.submission.feedback).toBe('full');
    expect(secretTests(adminDone.submission)).toHaveLength(3);
  });

  it('shows the verdict only where the problem says so and the contest sets no level', async () => {
    const contestId = await contest(undefined);
    const view = await callJson<{ feedback: string | null }>(api, tokens.alice, 'GET', `/api/contests/${contestId}`);
    expect(view.body.feedback).toBeNull();
    const id = await submitTo(contestId);
    const events = await streamed(tokens.alice, id);
    expect(events.filter((e) => e.type === 'test')).toEqual([]);
    const mine = await untilJudged<SubmissionView>(api, tokens.alice, id);
    expect(mine).toMatchObject({
      verdict: 'WA',
      feedback: 'verdict-only',
      timeMs: null,
      memoryKb: null,
      tests: [],
      groups: [],
    });
    expect(mine.firstFailure).toBeUndefined();
    const everywhere = await callJson<{ items: SubmissionView[] }>(api, tokens.alice, 'GET', '/api/submissions');
    const listed = everywhere.body.items.find((s) => s.id === id);
    expect(listed).toMatchObject({ feedback: 'verdict-only', tests: [], memoryKb: null, timeMs: null });
    const staff = await untilJudged<SubmissionView>(api, tokens.admin, id);
    expect(staff.feedback).toBe('full');
    expect(staff.memoryKb).toBeGreaterThanOrEqual(LEAKED_MIB * 1024);
    expect(secretTests(staff)).toHaveLength(3);
  });

  it("lets an assignment's own level override the problem's", async () => {
    const course = await callJson<{ id: string; joinCode: string }>(api, tokens.admin, 'POST', '/api/courses', {
      title: 'Algorithms',
    });
    expect(course.status).toBe(201);
    expect(
      (await callJson(api, tokens.alice, 'POST', '/api/courses/join', { code: course.body.joinCode })).status,
    ).toBe(200);
    const base = `/api/courses/${course.body.id}/assignments`;
    const assignment = await callJson<{ id: string }>(api, tokens.admin, 'POST', base, {
      title: 'Week 1',
      kind: 'assignment',
      opensAt: minutes(-60),
      deadline: minutes(60),
      feedback: 'full',
      problems: [{ problemId, label: 'A' }],
    });
    expect(assignment.status).toBe(201);
    const view = await callJson<{ feedback: string }>(api, tokens.alice, 'GET', `${base}/${assignment.body.id}`);
    expect(view.body.feedback).toBe('full');
    const submitted = await callJson<{ id: string }>(
      api,
      tokens.alice,
      'POST',
      `${base}/${assignment.body.id}/submissions`,
      {
        problem: 'A',
        language: 'python',
        source: LEAK,
      },
    );
    expect(submitted.status).toBe(201);
    const mine = await untilJudged<SubmissionView>(api, tokens.alice, submitted.body.id);
    expect(mine.feedback).toBe('full');
    expect(secretTests(mine)).toHaveLength(3);
    const list = await callJson<{ items: SubmissionView[] }>(
      api,
      tokens.alice,
      'GET',
      `${base}/${assignment.body.id}/submissions`,
    );
    expect(list.body.items[0]).toMatchObject({ id: submitted.body.id, feedback: 'full' });
  });

  it("refuses an unknown level, and only setters set a problem's", async () => {
    const unknown = await callJson(api, tokens.admin, 'PUT', `/api/problems/${problemId}/feedback`, {
      feedback: 'everything',
    });
    expect(unknown.status).toBe(400);
    const byContestant = await callJson(api, tokens.alice, 'PUT', `/api/problems/${problemId}/feedback`, {
      feedback: 'full',
    });
    expect(byContestant.status).toBe(403);
    const problem = await callJson<{ feedback: string }>(api, tokens.admin, 'GET', `/api/problems/${problemId}`);
    expect(problem.body.feedback).toBe('verdict-only');
  });

  it('has a migration whose down removes the three columns and whose up adds them back', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS });
    const columns = async () =>
      (
        await dataSource.query<{ table_name: string }[]>(
          `SELECT table_name FROM information_schema.columns WHERE column_name = 'feedback' ORDER BY table_name`,
        )
      ).map((r) => r.table_name);
    try {
      await dataSource.initialize();
      await dataSource.runMigrations();
      expect(await columns()).toEqual(['assignments', 'contests', 'problems']);
      // Down and up of this migration itself: later migrations of other features may follow it in MIGRATIONS.
      const Migration = MIGRATIONS.find((m) => m.name === 'FeedbackLevels1764800100000')!;
      const runner = dataSource.createQueryRunner();
      await new Migration().down(runner);
      expect(await columns()).toEqual([]);
      await new Migration().up(runner);
      await runner.release();
      expect(await columns()).toEqual(['assignments', 'contests', 'problems']);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
