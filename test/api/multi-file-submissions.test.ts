import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionFile, SubmissionView } from '@judge/contract';
import { callJson, createUsers, EXAMPLES, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/** Submissions of several files over HTTP: `files` beside `source`, stored, judged, shown, or refused whole. */
let api: TestApi;
let admin: string;
let alice: string;
let problemId: string;

const cpp: SubmissionFile[] = [
  {
    name: 'main.cpp',
    content:
      '#include <iostream>\n#include "add.h"\nint main() { long long a, b; std::cin >> a >> b; std::cout << add(a, b) << "\\n"; }\n',
  },
  { name: 'add.cpp', content: '#include "add.h"\nlong long add(long long a, long long b) { return a + b; }' },
  { name: 'add.h', content: 'long long add(long long a, long long b);\n' },
];

const python: SubmissionFile[] = [
  { name: 'adder.py', content: 'def add(a, b):\n    return a + b\n' },
  { name: 'solve.py', content: 'from adder import add\nprint(add(*map(int, input().split())))\n' },
];

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  admin = await api.login('admin', 'admin-password');
  ({ alice } = (await createUsers(api, admin, { alice: 'contestant' })).tokens);
  problemId = await uploadExample(api, admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

async function post(body: Record<string, unknown>, path = '/api/submissions') {
  return callJson<{ id: string; code?: string; message?: string }>(api, alice, 'POST', path, body);
}

async function count(): Promise<number> {
  const page = await callJson<{ items: unknown[] }>(api, admin, 'GET', `/api/submissions?problemId=${problemId}`);
  return page.body.items.length;
}

describe('POST /api/submissions with files', () => {
  it('judges C++ sources compiled together, and shows every file with their joined text', async () => {
    const { status, body } = await post({ problemId, language: 'cpp', files: cpp });
    expect(status).toBe(201);
    const judged = await untilJudged<SubmissionView>(api, alice, body.id);
    expect(judged.verdict).toBe('AC');
    expect(judged.files).toEqual(cpp);
    // The joined text: each file in turn, add.cpp given the newline it lacked.
    expect(judged.source).toBe(`${cpp[0].content}${cpp[1].content}\n${cpp[2].content}`);
    expect(judged.entryPoint).toBeNull();
  });

  it('starts the program at the entry point the submission names', async () => {
    const { status, body } = await post({ problemId, language: 'python', files: python, entryPoint: 'solve.py' });
    expect(status).toBe(201);
    const judged = await untilJudged<SubmissionView>(api, alice, body.id);
    expect(judged).toMatchObject({ verdict: 'AC', entryPoint: 'solve.py' });
  });

  it('shows a single source as one file named as judged', async () => {
    const source = 'a, b = map(int, input().split())\nprint(a + b)\n';
    const { body } = await post({ problemId, language: 'python', source });
    const judged = await untilJudged<SubmissionView>(api, alice, body.id);
    expect(judged.files).toEqual([{ name: 'main.py', content: source }]);
  });

  it('refuses bad names, too many files and too many bytes, naming the file, and stores nothing', async () => {
    const before = await count();
    const refusals: [Record<string, unknown>, number, string, RegExp][] = [
      [
        { files: [...python, { name: '../escape.py', content: '' }] },
        400,
        'FILES_INVALID',
        /"\.\.\/escape\.py": "\.\." is not allowed/,
      ],
      [{ files: [{ name: '/etc/cron.py', content: '' }] }, 400, 'FILES_INVALID', /"\/etc\/cron\.py": an absolute path/],
      [
        { language: 'cpp', files: [...cpp, { name: 'lib/x.cpp', content: '' }] },
        400,
        'FILES_INVALID',
        /"lib\/x\.cpp": folders are not allowed/,
      ],
      [
        { files: [...python, { name: 'adder.py', content: '' }] },
        400,
        'FILES_INVALID',
        /adder\.py: two files have this name/,
      ],
      [
        { files: Array.from({ length: 101 }, (_, i) => ({ name: `m${i}.py`, content: '' })) },
        400,
        'FILES_INVALID',
        /101 files: a submission has at most 100/,
      ],
      [
        { files: [python[1], { name: 'big.py', content: `#${'x'.repeat(256 * 1024)}` }] },
        413,
        'SOURCE_TOO_LARGE',
        /the files add up to over 262144 bytes/,
      ],
      [{ files: python, entryPoint: 'main.py' }, 400, 'FILES_INVALID', /entryPoint: main\.py is not one of the files/],
      [{ files: python, source: 'print(3)' }, 400, 'VALIDATION_FAILED', /either source or files/],
      [{ source: 'print(3)', entryPoint: 'main.py' }, 400, 'VALIDATION_FAILED', /an entry point goes with files/],
    ];
    for (const [body, status, code, message] of refusals) {
      const { status: got, body: answer } = await post({ problemId, language: 'python', ...body });
      expect({ got, code: answer.code }, JSON.stringify(body).slice(0, 80)).toEqual({ got: status, code });
      expect(answer.message).toMatch(message);
    }
    expect(await count()).toBe(before);
  });
});

describe("a contest's submission route", () => {
  it('takes files too', async () => {
    const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
    const contest = await callJson<{ id: string }>(api, admin, 'POST', '/api/contests', {
      title: 'Files round',
      startsAt: minutes(-1),
      endsAt: minutes(60),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [{ problemId, label: 'A' }],
    });
    expect(contest.status).toBe(201);
    expect((await callJson(api, alice, 'POST', `/api/contests/${contest.body.id}/register`, {})).status).toBe(200);
    const { status, body } = await post(
      { problem: 'A', language: 'python', files: python, entryPoint: 'solve.py' },
      `/api/contests/${contest.body.id}/submissions`,
    );
    expect(status).toBe(201);
    const judged = await untilJudged<SubmissionView>(api, alice, body.id);
    expect(judged).toMatchObject({ verdict: 'AC', contestId: contest.body.id, files: python });
  });
});

describe('a submit-answer problem', () => {
  it('takes its answers as files named after their tests', async () => {
    const factorHunt = await uploadExample(api, admin, 'factor-hunt');
    const folder = join(EXAMPLES, 'factor-hunt', 'submissions', 'accepted', 'all-factors');
    const names = (await readdir(folder, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
      .sort();
    expect(names).toContain('secret/01.out');
    const files = await Promise.all(
      names.map(async (name) => ({ name, content: await readFile(join(folder, name), 'utf8') })),
    );
    const { status, body } = await post({ problemId: factorHunt, language: 'answers', files });
    expect(status).toBe(201);
    const judged = await untilJudged<SubmissionView>(api, alice, body.id);
    expect(judged.verdict).toBe('AC');
    expect(judged.tests).toHaveLength(5);
  });
});
