import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemListItem } from '@judge/contract';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * Draft problems: out of practice for everyone but staff until published, whether or not a contest holds them;
 * still there for a contest's participants through the contest.
 */

let api: TestApi;
let tokens: Record<string, string> = {};
const sum = 'a, b = map(int, input().split())\nprint(a + b)\n';
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

const listed = async (user: string) =>
  (await callJson<ProblemListItem[]>(api, tokens[user], 'GET', '/api/problems')).body.map((p) => p.id);
const status = async (user: string, method: string, path: string, json?: unknown) =>
  (await api.call(method, path, { token: tokens[user], json })).status;
const practise = (user: string, problemId: string) =>
  status(user, 'POST', '/api/submissions', { problemId, language: 'python', source: sum });

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  const admin = await api.login('admin', 'admin-password');
  ({ tokens } = await createUsers(api, admin, { sam: 'setter', ann: 'contestant', ben: 'contestant' }));
  tokens.admin = admin;
});

afterAll(async () => {
  await api?.dispose();
});

describe('draft problems', () => {
  it('start as drafts: absent from practice for contestants, there for staff', async () => {
    const id = await uploadExample(api, tokens.sam, 'hello', 'draft');
    const authored = await callJson<ProblemListItem>(api, tokens.sam, 'POST', '/api/problems', {
      title: 'Written',
      statement: 'Print a + b.',
      timeLimitMs: 1000,
      memoryMb: 256,
      checker: { type: 'default' },
    });
    expect(authored.status).toBe(201);
    // New problems are drafts when nothing else is asked, uploaded or written.
    expect(authored.body.visibility).toBe('draft');

    for (const problem of [id, authored.body.id]) {
      expect(await listed('ann')).not.toContain(problem);
      expect(await status('ann', 'GET', `/api/problems/${problem}`)).toBe(404);
      expect(await status('ann', 'GET', `/api/problems/${problem}/versions/1/statement.pdf`)).toBe(404);
      expect(await practise('ann', problem)).toBe(404);
    }
    const staffList = (await callJson<ProblemListItem[]>(api, tokens.admin, 'GET', '/api/problems')).body;
    expect(staffList.find((p) => p.id === id)?.visibility).toBe('draft');
    for (const user of ['sam', 'admin']) {
      expect(await listed(user)).toContain(id);
      expect(await status(user, 'GET', `/api/problems/${id}`)).toBe(200);
    }
  });

  it('are published and taken back by staff only; published, practice has them', async () => {
    const id = await uploadExample(api, tokens.sam, 'sum-pair', 'draft');
    const setTo = (user: string, visibility: string) =>
      callJson<ProblemListItem>(api, tokens[user], 'PUT', `/api/problems/${id}/visibility`, { visibility });

    expect((await setTo('ann', 'public')).status).toBe(403);
    expect((await setTo('sam', 'secret')).status).toBe(400);
    const published = await setTo('sam', 'public');
    expect(published).toMatchObject({ status: 200, body: { id, visibility: 'public' } });
    expect(await listed('ann')).toContain(id);
    expect(await status('ann', 'GET', `/api/problems/${id}`)).toBe(200);

    expect((await setTo('admin', 'draft')).body.visibility).toBe('draft');
    expect(await listed('ann')).not.toContain(id);
    expect(await status('ann', 'GET', `/api/problems/${id}`)).toBe(404);
  });

  it("are there for a contest's participants through the contest, and still out of practice", async () => {
    const id = await uploadExample(api, tokens.sam, 'circle', 'draft');
    const contest = await callJson<{ id: string }>(api, tokens.sam, 'POST', '/api/contests', {
      title: 'With a draft',
      startsAt: minutes(-1),
      endsAt: minutes(60),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [{ problemId: id, label: 'A' }],
    });
    expect(contest.status).toBe(201);
    const base = `/api/contests/${contest.body.id}`;
    expect(await status('ann', 'POST', `${base}/register`, {})).toBe(200);

    const problem = await callJson<{ id: string; title: string }>(api, tokens.ann, 'GET', `${base}/problems/A`);
    expect(problem).toMatchObject({ status: 200, body: { id } });
    const source = 'import math\nr = float(input())\nprint(f"{math.pi * r * r:.6f}")\n';
    const submitted = await callJson<{ id: string }>(api, tokens.ann, 'POST', `${base}/submissions`, {
      problem: 'A',
      language: 'python',
      source,
    });
    expect(submitted.status).toBe(201);
    expect((await untilJudged<{ status: string; verdict: string }>(api, tokens.ann, submitted.body.id)).status).toBe(
      'done',
    );
    // Not a participant: nothing through the contest's problem; nor, for anyone, in practice.
    expect(await status('ben', 'GET', `${base}/problems/A`)).toBe(403);
    expect(await status('ann', 'GET', `/api/problems/${id}`)).toBe(404);
    expect(await listed('ann')).not.toContain(id);
  });

  it("are there for a course's students through a homework, and kept out of practice", async () => {
    const id = await uploadExample(api, tokens.sam, 'subtasks', 'draft');
    const course = await callJson<{ id: string; joinCode: string }>(api, tokens.sam, 'POST', '/api/courses', {
      title: 'Homework course',
    });
    expect(course.status).toBe(201);
    expect(await status('ann', 'POST', '/api/courses/join', { code: course.body.joinCode })).toBe(200);
    const homework = await callJson<{ id: string }>(
      api,
      tokens.sam,
      'POST',
      `/api/courses/${course.body.id}/assignments`,
      {
        title: 'Week 1',
        kind: 'assignment',
        opensAt: minutes(-60),
        deadline: minutes(60),
        problems: [{ problemId: id, label: 'A' }],
      },
    );
    expect(homework.status).toBe(201);
    const base = `/api/courses/${course.body.id}/assignments/${homework.body.id}`;
    expect(await status('ann', 'GET', `${base}/problems/A`)).toBe(200);
    expect(await status('ann', 'GET', `/api/problems/${id}`)).toBe(404);
    expect(await listed('ann')).not.toContain(id);
  });
});
