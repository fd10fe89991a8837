import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, createUsers, untilJudged, uploadExample, uploadFolder } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * Submit-answer problems over HTTP: the problem offers only the pseudo-language `answers`, and an answer is judged by
 * the package's validator like a program's output. One text answers a one-test problem.
 */

let api: TestApi;
let admin: string;
let alice: string;
let work: string;
let single: string;
let factorHunt: string;

interface Submission {
  status: string;
  verdict: string | null;
  compileOutput: string | null;
  tests: { name: string; verdict: string }[];
}

async function submit(problemId: string, language: string, source: string) {
  return callJson<{ id: string; code?: string; message?: string }>(api, alice, 'POST', '/api/submissions', {
    problemId,
    language,
    source,
  });
}

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '30' });
  admin = await api.login('admin', 'admin-password');
  ({ alice } = (await createUsers(api, admin, { alice: 'contestant' })).tokens);
  work = await mkdtemp(join(tmpdir(), 'judge-submit-answer-'));
  const files: Record<string, string> = {
    'problem.yaml': 'problem_format_version: 2023-07\nname: The Answer\ntype: submit-answer\n',
    'data/secret/only.in': 'What is six times seven?\n',
    'data/secret/only.ans': '42\n',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(work, 'the-answer', name)), { recursive: true });
    await writeFile(join(work, 'the-answer', name), text);
  }
  single = (await uploadFolder(api, admin, join(work, 'the-answer'))).id;
  factorHunt = await uploadExample(api, admin, 'factor-hunt');
});

afterAll(async () => {
  await api?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('submit-answer problems over HTTP', () => {
  it('offer only the answers pseudo-language', async () => {
    const { body } = await callJson<{ languages: string[] }>(api, alice, 'GET', `/api/problems/${single}`);
    expect(body.languages).toEqual(['answers']);
  });

  it('judge one text as the answer of a one-test problem', async () => {
    const right = await submit(single, 'answers', '42\n');
    expect(right.status).toBe(201);
    const accepted = await untilJudged<Submission>(api, alice, right.body.id);
    expect(accepted).toMatchObject({ verdict: 'AC', tests: [{ name: 'secret/only', verdict: 'AC' }] });
    const wrong = await untilJudged<Submission>(api, alice, (await submit(single, 'answers', '41\n')).body.id);
    expect(wrong.verdict).toBe('WA');
  });

  it('refuse a program for a submit-answer problem and answers for any other', async () => {
    const program = await submit(single, 'python', 'print(42)\n');
    expect(program).toMatchObject({ status: 400, body: { code: 'ANSWERS_EXPECTED' } });
    const hello = await uploadExample(api, admin, 'hello');
    const answers = await submit(hello, 'answers', '3\n');
    expect(answers).toMatchObject({ status: 400, body: { code: 'ANSWERS_EXPECTED' } });
  });

  it('a single text for a problem of several tests is a compile error that says how to submit', async () => {
    const id = (await submit(factorHunt, 'answers', '7\n')).body.id;
    const result = await untilJudged<Submission>(api, alice, id);
    expect(result.verdict).toBe('CE');
    expect(result.compileOutput).toContain('this problem has 5 tests; submit a folder with one answer file per test');
  });
});
