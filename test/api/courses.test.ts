import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssignmentInput,
  ApiErrorBody,
  AssignmentView,
  CourseMemberView,
  CourseSummary,
  CourseView,
  ExtensionView,
  GradeCell,
  GradeGrid,
  ProblemDetail,
  StudentWindow,
  SubmissionPage,
  SubmissionView,
} from '@judge/contract';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

type Created = { id: string };

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

let api: TestApi;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let hello: string;
let sumPair: string;

const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** Calls the API as a user; answers with the status and the parsed body. */
const call = <T = ApiErrorBody>(user: string, method: string, path: string, json?: unknown) =>
  callJson<T>(api, tokens[user], method, path, json);

const judged = (id: string) => untilJudged<SubmissionView>(api, tokens.admin, id);

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function assignmentInput(overrides: Partial<AssignmentInput> = {}): AssignmentInput {
  return {
    title: 'Week 1',
    kind: 'assignment',
    opensAt: iso(-10 * DAY),
    deadline: iso(DAY),
    problems: [
      { problemId: hello, label: 'A' },
      { problemId: sumPair, label: 'B' },
    ],
    ...overrides,
  };
}

async function createAssignment(overrides: Partial<AssignmentInput> = {}): Promise<string> {
  const { status, body } = await call<Created>(
    'teacher',
    'POST',
    `/api/courses/${ids.course}/assignments`,
    assignmentInput(overrides),
  );
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  tokens.admin = await api.login('admin', 'admin-password');
  const made = await createUsers(api, tokens.admin, {
    teacher: 'setter',
    coteacher: 'setter',
    alice: 'contestant',
    bob: 'contestant',
    carol: 'contestant',
  });
  Object.assign(ids, made.ids);
  Object.assign(tokens, made.tokens);
  hello = await uploadExample(api, tokens.admin, 'hello');
  sumPair = await uploadExample(api, tokens.admin, 'sum-pair');
});

afterAll(async () => {
  await api?.dispose();
});

describe('courses over HTTP (real PostgreSQL and judging)', () => {
  it('a teacher creates a course, students join with its code, and outsiders cannot see it', async () => {
    expect((await call('alice', 'POST', '/api/courses', { title: 'Mine' })).status).toBe(403);
    const created = await call<Created & { joinCode: string }>('teacher', 'POST', '/api/courses', {
      title: 'Algorithms 101',
      description: 'Intro',
    });
    expect(created.status).toBe(201);
    ids.course = created.body.id;
    const code = created.body.joinCode;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);

    const wrong = await call('alice', 'POST', '/api/courses/join', { code: 'NOPE1234' });
    expect(wrong.status).toBe(404);
    expect((await call('alice', 'POST', '/api/courses/join', { code })).body).toEqual({ id: ids.course });
    expect((await call('bob', 'POST', '/api/courses/join', { code: code.toLowerCase() })).status).toBe(200);

    const mine = await call<CourseSummary[]>('alice', 'GET', '/api/courses');
    expect(mine.body).toEqual([{ id: ids.course, title: 'Algorithms 101', role: 'student', students: 2 }]);
    const asStudent = await call<CourseView>('alice', 'GET', `/api/courses/${ids.course}`);
    expect(asStudent.body).toMatchObject({ title: 'Algorithms 101', description: 'Intro', role: 'student' });
    expect(asStudent.body.joinCode).toBeUndefined();
    expect((await call<CourseView>('teacher', 'GET', `/api/courses/${ids.course}`)).body.joinCode).toBe(code);

    expect((await call('carol', 'GET', `/api/courses/${ids.course}`)).status).toBe(404);
    expect((await call('carol', 'GET', '/api/courses')).body).toEqual([]);
    expect((await call('alice', 'GET', `/api/courses/${ids.course}/members`)).status).toBe(403);

    const notSetter = await call('teacher', 'POST', `/api/courses/${ids.course}/teachers`, { username: 'carol' });
    expect(notSetter.body.code).toBe('NOT_A_SETTER');
    expect(
      (await call('teacher', 'POST', `/api/courses/${ids.course}/teachers`, { username: 'coteacher' })).status,
    ).toBe(201);
    const members = await call<CourseMemberView[]>('coteacher', 'GET', `/api/courses/${ids.course}/members`);
    expect(members.body.map((m) => `${m.username}:${m.role}`).sort()).toEqual([
      'alice:student',
      'bob:student',
      'coteacher:teacher',
      'teacher:teacher',
    ]);
  });

  it('a late accepted submission loses points per started day; an extension lets one student be on time', async () => {
    // 36 hours late is two started days: 100 - 2 × 20% = 60 points.
    const aid = await createAssignment({
      deadline: iso(-36 * HOUR),
      latePenalty: { type: 'per-day', percent: 20 },
    });
    ids.homework = aid;
    const base = `/api/courses/${ids.course}/assignments/${aid}`;
    const extended = await call<ExtensionView>('teacher', 'PUT', `${base}/extensions/${ids.bob}`, {
      deadline: iso(DAY),
    });
    expect(extended.body).toMatchObject({ userId: ids.bob, username: 'bob' });

    for (const path of [base, `${base}/grades`, `${base}/submissions`, `${base}/problems/A`]) {
      expect((await call('carol', 'GET', path)).status, path).toBe(404);
    }
    expect((await call('alice', 'GET', `${base}/grades`)).status).toBe(403);

    const aliceView = await call<AssignmentView>('alice', 'GET', base);
    expect(aliceView.body.window?.state).toBe('late');
    expect(aliceView.body.problems.map((p) => p.label)).toEqual(['A', 'B']);
    expect(aliceView.body.extensions).toBeUndefined();
    const bobView = await call<AssignmentView>('bob', 'GET', base);
    expect(bobView.body.window?.state).toBe('open');
    expect(bobView.body.window?.deadline).toBe(extended.body.deadline);
    expect((await call<AssignmentView>('teacher', 'GET', base)).body.extensions).toHaveLength(1);

    const late = await call<Created>('alice', 'POST', `${base}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    expect(late.status).toBe(201);
    const onTime = await call<Created>('bob', 'POST', `${base}/submissions`, {
      problem: hello,
      language: 'python',
      source: AC,
    });
    expect(onTime.status).toBe(201);
    expect((await judged(late.body.id)).verdict).toBe('AC');
    expect((await judged(onTime.body.id)).verdict).toBe('AC');

    const grid = (await call<GradeGrid>('teacher', 'GET', `${base}/grades`)).body;
    expect(grid.problems).toEqual([
      { label: 'A', title: 'Sum of Two Numbers' },
      { label: 'B', title: 'Sum Pair' },
    ]);
    const rows = Object.fromEntries(grid.rows.map((r) => [r.username, r]));
    expect(Object.keys(rows).sort()).toEqual(['alice', 'bob']);
    expect(rows.alice.cells.A).toMatchObject({ points: 60, autoPoints: 100, late: true, submissionId: late.body.id });
    expect(rows.alice.cells.B).toBeNull();
    expect(rows.alice.total).toBe(60);
    expect(rows.bob.cells.A).toMatchObject({ points: 100, late: false, submissionId: onTime.body.id });
    expect(rows.bob.total).toBe(100);

    // Students see their own best points on the assignment.
    const after = await call<AssignmentView>('alice', 'GET', base);
    expect(after.body.problems[0].points).toBe(60);

    const csv = await api.call('GET', `${base}/grades.csv`, { token: tokens.teacher });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('filename="week-1-grades.csv"');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('username,A,B,A time,B time,total');
    expect(lines[1]).toBe(`alice,60,,${rows.alice.cells.A?.submittedAt},,60`);
    expect(lines[2]).toBe(`bob,100,,${rows.bob.cells.A?.submittedAt},,100`);

    // Students list only their own submissions; teachers everyone's, or one student's.
    const aliceList = (await call<SubmissionPage>('alice', 'GET', `${base}/submissions`)).body.items;
    expect(aliceList.map((s) => s.id)).toEqual([late.body.id]);
    expect((await call<SubmissionPage>('teacher', 'GET', `${base}/submissions`)).body.items).toHaveLength(2);
    const bobsOnly = (await call<SubmissionPage>('teacher', 'GET', `${base}/submissions?userId=${ids.bob}`)).body.items;
    expect(bobsOnly.map((s) => [s.id, s.username])).toEqual([[onTime.body.id, 'bob']]);

    // ...and cannot read another student's submission anywhere.
    expect((await call('bob', 'GET', `/api/submissions/${late.body.id}`)).status).toBe(404);
    expect((await call<SubmissionView>('alice', 'GET', `/api/submissions/${late.body.id}`)).body.source).toBe(AC);
  });

  it('refuses submissions before an assignment opens and after it closes, saying when', async () => {
    const closedDeadline = iso(-2 * DAY);
    const closed = await createAssignment({ title: 'Past', opensAt: iso(-5 * DAY), deadline: closedDeadline });
    const refused = await call('alice', 'POST', `/api/courses/${ids.course}/assignments/${closed}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('WINDOW_CLOSED');
    expect(refused.body.message).toContain(closedDeadline);

    const lateUntil = iso(-DAY);
    const lateOver = await createAssignment({
      title: 'Late over',
      opensAt: iso(-5 * DAY),
      deadline: closedDeadline,
      latePenalty: { type: 'factor', factor: 0.5 },
      lateUntil,
    });
    const tooLate = await call('alice', 'POST', `/api/courses/${ids.course}/assignments/${lateOver}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    expect(tooLate.body).toMatchObject({ statusCode: 409, code: 'WINDOW_CLOSED' });
    expect(tooLate.body.message).toContain(lateUntil);

    const opensAt = iso(DAY);
    const future = await createAssignment({ title: 'Future', opensAt, deadline: iso(2 * DAY) });
    const early = await call('alice', 'POST', `/api/courses/${ids.course}/assignments/${future}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    expect(early.body).toMatchObject({ statusCode: 409, code: 'NOT_OPEN' });
    expect(early.body.message).toContain(opensAt);
    const view = await call<AssignmentView>('alice', 'GET', `/api/courses/${ids.course}/assignments/${future}`);
    expect(view.body).toMatchObject({ problems: [], window: { state: 'not-open' } });
  });

  it('validates an assignment across its fields', async () => {
    const path = `/api/courses/${ids.course}/assignments`;
    const noDuration = await call('teacher', 'POST', path, assignmentInput({ kind: 'exam' }));
    expect(noDuration.status).toBe(400);
    expect(noDuration.body.message).toMatch(/^durationMinutes: /);
    const lateWithout = await call('teacher', 'POST', path, assignmentInput({ lateUntil: iso(2 * DAY) }));
    expect(lateWithout.status).toBe(400);
    expect(lateWithout.body.message).toMatch(/^lateUntil: /);
    const backwards = await call('teacher', 'POST', path, assignmentInput({ deadline: iso(-11 * DAY) }));
    expect(backwards.status).toBe(400);
    expect((await call('alice', 'POST', path, assignmentInput())).status).toBe(403);
  });

  it('a teacher edits an assignment: its settings and problems are replaced', async () => {
    const aid = await createAssignment({ title: 'Draft' });
    const path = `/api/courses/${ids.course}/assignments/${aid}`;
    const input = assignmentInput({
      title: 'Week 2',
      latePenalty: { type: 'factor', factor: 0.5 },
      lateUntil: iso(3 * DAY),
      problems: [{ problemId: sumPair, label: 'P1' }],
    });
    expect((await call('alice', 'PUT', path, input)).status).toBe(403);
    const updated = await call<AssignmentView>('teacher', 'PUT', path, input);
    expect(updated.status).toBe(200);
    const seen = (await call<AssignmentView>('alice', 'GET', path)).body;
    expect(seen).toMatchObject({
      title: 'Week 2',
      latePenalty: { type: 'factor', factor: 0.5 },
      problems: [{ label: 'P1', problemId: sumPair, title: 'Sum Pair', type: 'pass-fail', points: null }],
    });
    expect(seen.lateUntil).toBe(input.lateUntil);
    const course = (await call<CourseView>('alice', 'GET', `/api/courses/${ids.course}`)).body;
    expect(course.assignments.map((a) => a.title)).toContain('Week 2');
  });

  it('an exam shows its problems after the student starts, and refuses work after their time', async () => {
    const exam = await createAssignment({
      title: 'Midterm',
      kind: 'exam',
      opensAt: iso(-HOUR),
      deadline: iso(2 * HOUR),
      durationMinutes: 30,
    });
    const base = `/api/courses/${ids.course}/assignments/${exam}`;
    const before = await call<AssignmentView>('alice', 'GET', base);
    expect(before.body).toMatchObject({ kind: 'exam', problems: [], window: { state: 'not-started' } });
    expect((await call('alice', 'GET', `${base}/problems/A`)).body.code).toBe('EXAM_NOT_STARTED');
    const early = await call('alice', 'POST', `${base}/submissions`, { problem: 'A', language: 'python', source: AC });
    expect(early.body).toMatchObject({ statusCode: 409, code: 'EXAM_NOT_STARTED' });
    expect((await call('teacher', 'GET', `${base}/problems/A`)).status).toBe(200);
    expect((await call('carol', 'POST', `${base}/start`)).status).toBe(404);

    const started = await call<StudentWindow>('alice', 'POST', `${base}/start`);
    expect(started.status).toBe(200);
    expect(started.body.state).toBe('open');
    const startedAt = new Date(started.body.startedAt!).getTime();
    expect(new Date(started.body.deadline).getTime()).toBe(startedAt + 30 * 60_000);
    expect((await call<StudentWindow>('alice', 'POST', `${base}/start`)).body.startedAt).toBe(started.body.startedAt);

    const problem = await call<ProblemDetail>('alice', 'GET', `${base}/problems/A`);
    expect(problem.body).toMatchObject({ id: hello, title: 'Sum of Two Numbers' });
    expect((await call<AssignmentView>('alice', 'GET', base)).body.problems).toHaveLength(2);
    const submitted = await call<Created>('alice', 'POST', `${base}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    expect(submitted.status).toBe(201);
    expect((await judged(submitted.body.id)).verdict).toBe('AC');

    // Bob started 50 minutes ago: his 30 minutes ended 20 minutes ago.
    const bobStart = new Date(Date.now() - 50 * 60_000);
    const db = new Client({ connectionString: api.config.DATABASE_URL });
    await db.connect();
    try {
      await db.query('INSERT INTO exam_starts (assignment_id, user_id, started_at) VALUES ($1, $2, $3)', [
        exam,
        ids.bob,
        bobStart,
      ]);
    } finally {
      await db.end();
    }
    const bobView = await call<AssignmentView>('bob', 'GET', base);
    expect(bobView.body.window?.state).toBe('closed');
    const refused = await call('bob', 'POST', `${base}/submissions`, { problem: 'A', language: 'python', source: AC });
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'WINDOW_CLOSED' });
    expect(refused.body.message).toContain(new Date(bobStart.getTime() + 30 * 60_000).toISOString());

    const grid = (await call<GradeGrid>('teacher', 'GET', `${base}/grades`)).body;
    const cells: Record<string, Record<string, GradeCell | null>> = Object.fromEntries(
      grid.rows.map((r) => [r.username, r.cells]),
    );
    expect(cells.alice.A).toMatchObject({ points: 100, late: false });
    expect(cells.bob.A).toBeNull();
  });

  it('an exam cannot be started before it opens', async () => {
    const exam = await createAssignment({
      title: 'Final',
      kind: 'exam',
      opensAt: iso(DAY),
      deadline: iso(DAY + 3 * HOUR),
      durationMinutes: 60,
    });
    const start = await call('alice', 'POST', `/api/courses/${ids.course}/assignments/${exam}/start`);
    expect(start.body).toMatchObject({ statusCode: 409, code: 'NOT_OPEN' });
  });

  it('a teacher removes a student, who then no longer sees the course', async () => {
    const members = `/api/courses/${ids.course}/members`;
    expect(
      (
        await call('carol', 'POST', '/api/courses/join', {
          code: (await call<CourseView>('teacher', 'GET', `/api/courses/${ids.course}`)).body.joinCode,
        })
      ).status,
    ).toBe(200);
    expect((await call('alice', 'DELETE', `${members}/${ids.carol}`)).status).toBe(403);
    expect((await call('teacher', 'DELETE', `${members}/${ids.carol}`)).status).toBe(204);
    expect((await call('carol', 'GET', `/api/courses/${ids.course}`)).status).toBe(404);
  });
});
