import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  GradeGrid,
  ScoreAdjustmentView,
  SubmissionCommentView,
  SubmissionView,
} from '@judge/contract';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

const DAY = 24 * 60 * 60_000;

let api: TestApi;
const tokens: Record<string, string> = {};
let base: string;
let submissionId: string;
let judgedScore: number | null;

// Prints a - b: wrong on every test, 0 points from the judge.
const WA = 'a, b = map(int, input().split())\nprint(a - b)\n';

const call = <T = ApiErrorBody>(user: string, method: string, path: string, json?: unknown) =>
  callJson<T>(api, tokens[user], method, path, json);

beforeAll(async () => {
  api = await startTestApi();
  tokens.admin = await api.login('admin', 'admin-password');
  // A teacher (not a setter: no problem management, no other submissions) reviews; a setter outside the course may not.
  const users = { teacher: 'teacher', outsider: 'setter', alice: 'contestant', bob: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  const problemId = await uploadExample(api, tokens.admin, 'hello');

  const course = await call<{ id: string; joinCode: string }>('teacher', 'POST', '/api/courses', { title: 'Review' });
  for (const student of ['alice', 'bob']) {
    await call(student, 'POST', '/api/courses/join', { code: course.body.joinCode });
  }
  const assignment = await call<{ id: string }>('teacher', 'POST', `/api/courses/${course.body.id}/assignments`, {
    title: 'Homework',
    kind: 'assignment',
    opensAt: new Date(Date.now() - DAY).toISOString(),
    deadline: new Date(Date.now() + DAY).toISOString(),
    problems: [{ problemId, label: 'A' }],
  });
  base = `/api/courses/${course.body.id}/assignments/${assignment.body.id}`;
  const submitted = await call<{ id: string }>('alice', 'POST', `${base}/submissions`, {
    problem: 'A',
    language: 'python',
    source: WA,
  });
  submissionId = submitted.body.id;
  const result = await untilJudged<SubmissionView>(api, tokens.teacher, submissionId);
  expect(result.verdict).toBe('WA');
  judgedScore = result.score;
});

afterAll(async () => {
  await api?.dispose();
});

describe('teacher review over HTTP', () => {
  it('line comments are read by the author and the teacher, never by another student', async () => {
    const comments = `/api/submissions/${submissionId}/comments`;
    const onLine = await call<SubmissionCommentView>('teacher', 'POST', comments, {
      line: 2,
      body: 'This subtracts.',
    });
    expect(onLine.status).toBe(201);
    expect(onLine.body).toMatchObject({ line: 2, body: 'This subtracts.', author: { username: 'teacher' } });
    expect((await call('teacher', 'POST', comments, { body: 'Read the statement again.' })).status).toBe(201);
    const pastEnd = await call('teacher', 'POST', comments, { line: 40, body: 'nowhere' });
    expect(pastEnd.status).toBe(400);

    const seen = await call<SubmissionCommentView[]>('alice', 'GET', comments);
    expect(seen.body.map((c) => [c.line, c.body])).toEqual([
      [2, 'This subtracts.'],
      [null, 'Read the statement again.'],
    ]);
    expect((await call('bob', 'GET', comments)).status).toBe(404);
    expect((await call('bob', 'POST', comments, { body: 'copy me' })).status).toBe(404);
    // The author reads comments but does not review herself.
    expect((await call('alice', 'POST', comments, { body: 'I agree' })).status).toBe(403);

    expect((await call('alice', 'DELETE', `${comments}/${onLine.body.id}`)).status).toBe(403);
    expect((await call('teacher', 'DELETE', `${comments}/${onLine.body.id}`)).status).toBe(204);
    expect((await call<SubmissionCommentView[]>('alice', 'GET', comments)).body).toHaveLength(1);
  });

  it('a manual score stands beside the judge score, the latest counts, and the grid uses it', async () => {
    const path = `/api/submissions/${submissionId}/adjustment`;
    // A setter who does not teach the course may read the submission but not grade it.
    expect((await call('outsider', 'POST', path, { points: 100, reason: 'why not' })).status).toBe(403);
    expect((await call('alice', 'POST', path, { points: 100, reason: 'mine' })).status).toBe(403);
    expect((await call('teacher', 'POST', path, { points: 120, reason: 'too much' })).status).toBe(400);

    const first = await call<ScoreAdjustmentView>('teacher', 'POST', path, { points: 70, reason: 'Right idea' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ points: 70, reason: 'Right idea', by: { username: 'teacher' } });

    const mine = (await call<SubmissionView>('alice', 'GET', `/api/submissions/${submissionId}`)).body;
    expect(mine).toMatchObject({ verdict: 'WA', score: judgedScore, adjustment: { points: 70, reason: 'Right idea' } });

    let grid = (await call<GradeGrid>('teacher', 'GET', `${base}/grades`)).body;
    let alice = grid.rows.find((r) => r.username === 'alice');
    expect(alice?.cells.A).toMatchObject({ points: 70, autoPoints: 0, adjusted: true, submissionId });
    expect(alice?.total).toBe(70);
    expect(grid.rows.find((r) => r.username === 'bob')?.cells.A).toBeNull();

    await call('teacher', 'POST', path, { points: 50, reason: 'Second look' });
    const again = (await call<SubmissionView>('alice', 'GET', `/api/submissions/${submissionId}`)).body;
    expect(again.score).toBe(judgedScore);
    expect(again.adjustment).toMatchObject({ points: 50, reason: 'Second look' });
    grid = (await call<GradeGrid>('teacher', 'GET', `${base}/grades`)).body;
    alice = grid.rows.find((r) => r.username === 'alice');
    expect(alice?.cells.A?.points).toBe(50);
    const listed = (await call<{ items: SubmissionView[] }>('alice', 'GET', `${base}/submissions`)).body.items;
    expect(listed[0].adjustment?.points).toBe(50);
  });
});
