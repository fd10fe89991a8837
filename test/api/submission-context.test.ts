import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionView } from '@judge/contract';
import { callJson, createUsers, passwordOf, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * A submission's page keeps its context: where it was made (contest, course and assignment, the problem's label
 * there), and for those who review a class, the submissions before and after it. A runtime error on a sample
 * keeps the program's exit code and stderr.
 */
let api: TestApi;
const tokens: Record<string, string> = {};
let ids: Record<string, string> = {};
let problemId: string;
/** A problem outside the contest (whose problems are hidden from practice while it runs). */
let practiceId: string;
let contestId: string;
let courseId: string;
let assignmentId: string;
const assignmentSubmissions: string[] = [];

const DAY = 24 * 60 * 60_000;
const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WA = 'a, b = map(int, input().split())\nprint(a - b)\n';
const RE = 'import sys\nprint("reading", file=sys.stderr)\nraise SystemExit(3)\n';

const call = <T>(user: string, method: string, path: string, json?: unknown) =>
  callJson<T>(api, tokens[user], method, path, json);
const read = (user: string, id: string) => call<SubmissionView>(user, 'GET', `/api/submissions/${id}`);

beforeAll(async () => {
  api = await startTestApi();
  tokens.admin = await api.login('admin', 'admin-password');
  const users = await createUsers(api, tokens.admin, {
    owner: 'setter',
    teacher: 'setter',
    alice: 'contestant',
    bob: 'contestant',
  });
  ids = users.ids;
  Object.assign(tokens, users.tokens);
  problemId = await uploadExample(api, tokens.admin, 'hello');
  practiceId = await uploadExample(api, tokens.admin, 'sum-pair');

  const contest = await call<{ id: string }>('admin', 'POST', '/api/contests', {
    title: 'Weekly round',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId, label: 'A' }],
  });
  contestId = contest.body.id;

  const course = await call<{ id: string; joinCode: string }>('owner', 'POST', '/api/courses', { title: 'Algorithms' });
  courseId = course.body.id;
  expect((await call('owner', 'POST', `/api/courses/${courseId}/teachers`, { username: 'teacher' })).status).toBe(201);
  // Then no longer a setter: a teacher of this course with no staff powers (what reads everyone's submissions).
  expect((await call('admin', 'PATCH', `/api/users/${ids.teacher}`, { role: 'contestant' })).status).toBe(200);
  tokens.teacher = await api.login('teacher', passwordOf('teacher'));
  for (const student of ['alice', 'bob']) {
    await call(student, 'POST', '/api/courses/join', { code: course.body.joinCode });
  }
  const assignment = await call<{ id: string }>('owner', 'POST', `/api/courses/${courseId}/assignments`, {
    title: 'Homework 1',
    kind: 'assignment',
    opensAt: new Date(Date.now() - DAY).toISOString(),
    deadline: new Date(Date.now() + DAY).toISOString(),
    problems: [{ problemId, label: 'B' }],
  });
  assignmentId = assignment.body.id;
  // Three submissions in this order: alice's WA, bob's AC, alice's AC.
  for (const [user, source] of [
    ['alice', WA],
    ['bob', AC],
    ['alice', AC],
  ]) {
    const made = await call<{ id: string }>(
      user,
      'POST',
      `/api/courses/${courseId}/assignments/${assignmentId}/submissions`,
      {
        problem: 'B',
        language: 'python',
        source,
      },
    );
    expect(made.status).toBe(201);
    assignmentSubmissions.push(made.body.id);
    await untilJudged(api, tokens[user], made.body.id);
  }
});

afterAll(async () => {
  await api?.dispose();
});

describe('a submission in its context', () => {
  it('names the contest and the problem’s label and title there', async () => {
    expect((await call('alice', 'POST', `/api/contests/${contestId}/register`, {})).status).toBe(200);
    const made = await call<{ id: string }>('alice', 'POST', `/api/contests/${contestId}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    const view = await untilJudged<SubmissionView>(api, tokens.alice, made.body.id);
    expect(view).toMatchObject({
      contestId,
      problemTitle: 'Sum of Two Numbers',
      username: 'alice',
      place: { kind: 'contest', contestId, contestTitle: 'Weekly round', problemLabel: 'A' },
    });
    const listed = await call<{ items: SubmissionView[] }>('alice', 'GET', '/api/submissions');
    expect(listed.body.items.find((s) => s.id === made.body.id)?.place).toEqual(view.place);
    // A contestant goes through nobody's submissions.
    expect(view.neighbours).toBeUndefined();
    const staff = (await read('admin', made.body.id)).body;
    expect(staff.neighbours).toEqual({ previous: null, next: null, position: 1, total: 1 });
  });

  it('names the course and the assignment, and gives practice no place', async () => {
    const view = (await read('alice', assignmentSubmissions[0])).body;
    expect(view.place).toEqual({
      kind: 'assignment',
      courseId,
      courseTitle: 'Algorithms',
      assignmentId,
      assignmentTitle: 'Homework 1',
      problemLabel: 'B',
    });
    const practice = await call<{ id: string }>('bob', 'POST', '/api/submissions', {
      problemId: practiceId,
      language: 'python',
      source: AC,
    });
    expect((await read('bob', practice.body.id)).body.place).toBeNull();
  });

  it("takes the course's teacher from one student's submission to the next, and never a student", async () => {
    const [first, second, third] = assignmentSubmissions;
    // The teacher is no setter, yet reads the submissions of the course she teaches, whose they are.
    const middle = await read('teacher', second);
    expect(middle.status).toBe(200);
    expect(middle.body).toMatchObject({ username: 'bob', userId: ids.bob, source: AC });
    expect(middle.body.neighbours).toEqual({ previous: first, next: third, position: 2, total: 3 });
    expect((await read('teacher', first)).body.neighbours).toMatchObject({ previous: null, next: second });
    expect((await read('teacher', third)).body.neighbours).toMatchObject({ previous: second, next: null });

    // A student sees her own submission with no way to the others', and cannot read bob's at all.
    const own = (await read('alice', third)).body;
    expect(own.neighbours).toBeUndefined();
    expect(JSON.stringify(own)).not.toContain(second);
    expect((await read('alice', second)).status).toBe(404);
    // Nor does a teacher read submissions outside the course she teaches.
    const practice = await call<{ id: string }>('alice', 'POST', '/api/submissions', {
      problemId: practiceId,
      language: 'python',
      source: WA,
    });
    expect((await read('teacher', practice.body.id)).status).toBe(404);
  });
});

describe('a runtime error on a sample', () => {
  it("shows the program's exit code and stderr, not a checker's message", async () => {
    const made = await call<{ id: string }>('bob', 'POST', '/api/submissions', {
      problemId: practiceId,
      language: 'python',
      source: RE,
    });
    const view = await untilJudged<SubmissionView>(api, tokens.bob, made.body.id);
    expect(view.verdict).toBe('RE');
    expect(view.tests[0]).toMatchObject({ verdict: 'RE', exitCode: 3, stderr: 'reading\n' });
  });
});
