import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, untilJudged } from './fixtures';
import { startTestApi, type TestApi } from './support';
import { POLYGON_FIXTURES, polygonPackage, zipAtRoot } from '../support/polygon-fixtures';

/** The platform takes the zip Polygon builds as it takes an ICPC package, and judges submissions on it. */
let api: TestApi;
let setter: string;
let contestant: string;
let work: string;

interface Submission {
  status: string;
  verdict: string | null;
  score: number | null;
  tests: { name: string; verdict: string; feedback?: string }[];
}

function upload(data: Buffer, fileName: string) {
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(data)]), fileName);
  // Public at once, so that contestants see it (a draft by default).
  form.append('visibility', 'public');
  return api.call('POST', '/api/problems', { token: setter, body: form });
}

async function uploadFixture(name: string): Promise<string> {
  const response = await upload(await zipAtRoot(await polygonPackage(name, work)), `${name}-5$linux.zip`);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function judged(problemId: string, language: string, file: string): Promise<Submission> {
  const source = await readFile(join(POLYGON_FIXTURES, file), 'utf8');
  const response = await api.call('POST', '/api/submissions', {
    token: contestant,
    json: { problemId, language, source },
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return untilJudged<Submission>(api, contestant, id);
}

beforeAll(async () => {
  api = await startTestApi();
  work = await mkdtemp(join(tmpdir(), 'judge-polygon-api-'));
  const admin = await api.login('admin', 'admin-password');
  ({ setter, contestant } = (await createUsers(api, admin, { setter: 'setter', contestant: 'contestant' })).tokens);
});

afterAll(async () => {
  await api?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('Polygon packages over HTTP', () => {
  it('a setter uploads the zip Polygon builds; the problem has its name, limits, statement and samples', async () => {
    const response = await upload(await zipAtRoot(await polygonPackage('sum', work)), 'sum-of-two-3$linux.zip');
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; slug: string; title: string };
    // The short name in problem.xml names the problem, not the zip.
    expect(created).toMatchObject({ slug: 'sum-of-two', title: 'Sum of Two' });
    const problem = (await (await api.call('GET', `/api/problems/${created.id}`, { token: contestant })).json()) as {
      type: string;
      statement: string;
      limits: { timeLimitMs: number; memoryMb: number };
      samples: { name: string; input: string; answer: string }[];
      testCount: number;
    };
    expect(problem).toMatchObject({ type: 'pass-fail', limits: { timeLimitMs: 1000, memoryMb: 64 }, testCount: 5 });
    expect(problem.statement).toMatch(/^```latex\n\\begin\{problem\}\{Sum of Two\}/);
    expect(problem.samples).toEqual([
      { name: '01', input: '1 2\n', answer: '3\n' },
      { name: '02', input: '-5 5\n', answer: '0\n' },
    ]);

    // Judged with the package's testlib checker.
    expect(await judged(created.id, 'python', 'sum/solutions/sum.py')).toMatchObject({ verdict: 'AC' });
    const wrong = await judged(created.id, 'c', 'sum/solutions/difference.c');
    expect(wrong.verdict).toBe('WA');
    expect(wrong.tests[0].verdict).toBe('WA');

    // Its tests are changed in Polygon, not in the platform's editor, which writes the ICPC format.
    const edit = await api.call('POST', `/api/problems/${created.id}/tests`, {
      token: setter,
      json: { input: '2 2\n', answer: '4\n' },
    });
    expect(edit.status).toBe(400);
    expect(await edit.json()).toMatchObject({ code: 'POLYGON_PACKAGE' });
  });

  it('a scored Polygon problem gives the points of its groups', async () => {
    const id = await uploadFixture('scored');
    expect(await judged(id, 'cpp', 'scored/solutions/sum.cpp')).toMatchObject({ verdict: 'AC', score: 100 });
    // Group 1 fails, so group 2 (which depends on it) scores nothing: only group 3's 20 points.
    expect(await judged(id, 'python', 'scored/solutions/no-single.py')).toMatchObject({ verdict: 'WA', score: 20 });
  });

  it('an interactive Polygon problem is judged with its interactor and checker', async () => {
    const id = await uploadFixture('guess');
    expect(await judged(id, 'cpp', 'guess/solutions/bisect.cpp')).toMatchObject({ verdict: 'AC' });
    const linear = await judged(id, 'python', 'guess/solutions/linear.py');
    expect(linear.verdict).toBe('WA');
    expect(linear.tests[0].feedback).toBe('wrong answer 7 guesses, at most 4 allowed');
  });

  it('a package of generator scripts is refused, saying to build a full package', async () => {
    const response = await upload(await zipAtRoot(await polygonPackage('generator-only', work)), 'generated.zip');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('INVALID_PACKAGE');
    expect(body.message).toContain('build a full package in Polygon');
  });
});
