import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support';

const execFileAsync = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'apps', 'cli', 'dist', 'main.js');

let api: TestApi;
let teacher: string;
let student: string;
let work: string;

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function judged(token: string, problemId: string, source: string): Promise<{ verdict: string }> {
  const { id } = await json<{ id: string }>(
    await api.call('POST', '/api/submissions', { token, json: { problemId, language: 'python', source } }),
  );
  for (let i = 0; i < 300; i++) {
    const s = await json<{ status: string; verdict: string }>(
      await api.call('GET', `/api/submissions/${id}`, { token }),
    );
    if (s.status === 'done') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not judged');
}

beforeAll(async () => {
  api = await startTestApi();
  work = await mkdtemp(join(tmpdir(), 'judge-authoring-'));
  const admin = await api.login('admin', 'admin-password');
  await api.call('POST', '/api/users', {
    token: admin,
    json: { username: 'teacher', password: 'teacher-password', role: 'setter' },
  });
  await api.call('POST', '/api/users', {
    token: admin,
    json: { username: 'student', password: 'student-password', role: 'contestant' },
  });
  teacher = await api.login('teacher', 'teacher-password');
  student = await api.login('student', 'student-password');
});

afterAll(async () => {
  await api?.dispose();
  await rm(work, { recursive: true, force: true });
});

const sum = 'a, b = map(int, input().split())\nprint(a + b)\n';

describe('problems written without a zip, as a teacher would', () => {
  let id = '';

  it('creates a problem from JSON; it takes no submission before it has tests', async () => {
    const response = await api.call('POST', '/api/problems', {
      token: teacher,
      json: {
        title: 'Add Two',
        // Public at once, so that students see it (a draft by default).
        visibility: 'public',
        statement: '# Add Two\n\nPrint a + b.',
        timeLimitMs: 1000,
        memoryMb: 256,
        checker: { type: 'default' },
      },
    });
    expect(response.status).toBe(201);
    const problem = await json<{ id: string; version: number; slug: string }>(response);
    expect(problem).toMatchObject({ version: 1, slug: 'add-two' });
    id = problem.id;
    const early = await api.call('POST', '/api/submissions', {
      token: student,
      json: { problemId: id, language: 'python', source: sum },
    });
    expect(await json(early)).toMatchObject({ code: 'NO_TESTS' });
  });

  it('adds tests as JSON text and as files; each change is a new version', async () => {
    const sample = await json<{ version: number; testId: string }>(
      await api.call('POST', `/api/problems/${id}/tests`, {
        token: teacher,
        json: { input: '1 2\n', answer: '3\n', sample: true },
      }),
    );
    expect(sample).toMatchObject({ version: 2, testId: 'sample:01' });
    const form = new FormData();
    form.append('input', new Blob(['40 2\n']), 'a.in');
    form.append('answer', new Blob(['42\n']), 'a.ans');
    form.append('group', 'big');
    const secret = await json<{ version: number; testId: string }>(
      await api.call('POST', `/api/problems/${id}/tests`, { token: teacher, body: form }),
    );
    expect(secret).toMatchObject({ version: 3, testId: 'secret:big:01' });
    const detail = await json<{ samples: { input: string }[]; testCount: number }>(
      await api.call('GET', `/api/problems/${id}`, { token: student }),
    );
    expect(detail.testCount).toBe(2);
    expect(detail.samples).toEqual([{ name: 'sample/01', input: '1 2\n', answer: '3\n' }]);
  });

  it('judges submissions against the authored tests', async () => {
    expect((await judged(student, id, sum)).verdict).toBe('AC');
    expect((await judged(student, id, 'print(0)\n')).verdict).toBe('WA');
  });

  it('replaces and deletes single tests', async () => {
    const replaced = await api.call('PUT', `/api/problems/${id}/tests/secret:big:01`, {
      token: teacher,
      json: { input: '5 5\n', answer: '10\n' },
    });
    expect(await json(replaced)).toMatchObject({ version: 4 });
    const added = await json<{ testId: string }>(
      await api.call('POST', `/api/problems/${id}/tests`, { token: teacher, json: { input: '0 0\n', answer: '0\n' } }),
    );
    const deleted = await api.call('DELETE', `/api/problems/${id}/tests/${added.testId}`, { token: teacher });
    expect(await json(deleted)).toMatchObject({ version: 6 });
    expect((await api.call('DELETE', `/api/problems/${id}/tests/secret:nope`, { token: teacher })).status).toBe(404);
    expect(
      (await api.call('POST', `/api/problems/${id}/tests`, { token: student, json: { input: '1', answer: '1' } }))
        .status,
    ).toBe(403);
  });

  it('exports the problem as a package zip that `judge run` accepts', async () => {
    const response = await api.call('GET', `/api/problems/${id}/package`, { token: teacher });
    expect(response.status).toBe(200);
    const zip = join(work, 'add-two.zip');
    await writeFile(zip, Buffer.from(await response.arrayBuffer()));
    const solution = join(work, 'sum.py');
    await writeFile(solution, sum);
    const { stdout } = await execFileAsync('node', [CLI, 'run', zip, solution, '--json'], {
      env: { ...process.env, JUDGE_CACHE_DIR: join(work, 'cache') },
    });
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'AC' });
    expect((await api.call('GET', `/api/problems/${id}/package`, { token: student })).status).toBe(403);
  });

  it('a float checker accepts answers within the tolerance', async () => {
    const problem = await json<{ id: string }>(
      await api.call('POST', '/api/problems', {
        token: teacher,
        json: {
          title: 'Third',
          visibility: 'public',
          statement: 'Print 1/3.',
          timeLimitMs: 1000,
          memoryMb: 256,
          checker: { type: 'float' },
        },
      }),
    );
    await api.call('POST', `/api/problems/${problem.id}/tests`, {
      token: teacher,
      json: { input: '\n', answer: '0.333333333\n' },
    });
    expect((await judged(student, problem.id, 'print(1/3)\n')).verdict).toBe('AC');
    expect((await judged(student, problem.id, 'print(0.33)\n')).verdict).toBe('WA');
  });

  it('a custom checker needs its source', async () => {
    const response = await api.call('POST', '/api/problems', {
      token: teacher,
      json: { title: 'Any', statement: 'x', timeLimitMs: 1000, memoryMb: 256, checker: { type: 'custom' } },
    });
    expect(response.status).toBe(400);
  });
});
