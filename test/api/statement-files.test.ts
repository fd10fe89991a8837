import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import type { ContestInput, ProblemDetail } from '@judge/contract';
import { createUsers, uploadFolder } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * The files that go with a statement over HTTP: the images it shows and its PDF are served under the problem's
 * route, by exact name, with headers that keep them from running anything, and as hidden as the problem.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');
const MARKDOWN = join(FIXTURES, 'statement-files-problem');
const LATEX = join(FIXTURES, 'statement-latex-problem');

let api: TestApi;
let tokens: Record<string, string>;
let markdownId: string;
let work: string;

/** Uploads a copy of a fixture under another name (a problem's slug is its package's name, and taken once). */
async function uploadAs(folder: string, name: string): Promise<string> {
  await cp(folder, join(work, name), { recursive: true });
  return (await uploadFolder(api, tokens.setter1, join(work, name))).id;
}

async function zipOf(folder: string): Promise<Buffer> {
  const zip = join(work, `${Date.now()}.zip`);
  await promisify(execFile)('python3', ['-m', 'zipfile', '-c', zip, folder]);
  return readFile(zip);
}

const get = (path: string, token: string | undefined = tokens.contestant1, headers: Record<string, string> = {}) =>
  fetch(`${api.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

async function detail(path: string, token = tokens.contestant1): Promise<ProblemDetail> {
  const response = await get(path, token);
  expect(response.status).toBe(200);
  return (await response.json()) as ProblemDetail;
}

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin', 'admin-password');
  ({ tokens } = await createUsers(api, admin, { setter1: 'setter', contestant1: 'contestant' }));
  work = await mkdtemp(join(tmpdir(), 'judge-statement-files-'));
  markdownId = (await uploadFolder(api, tokens.setter1, MARKDOWN)).id;
});

afterAll(async () => {
  await api?.dispose();
  await rm(work, { recursive: true, force: true });
});

describe('a statement with images and a PDF', () => {
  it('the problem lists the files of its statement folder and its PDF, under its version', async () => {
    const problem = await detail(`/api/problems/${markdownId}`);
    const route = `/api/problems/${markdownId}/versions/1`;
    expect(problem.statementFiles).toEqual({
      base: `${route}/statement`,
      names: ['img/diagram.svg', 'notes.txt', 'problem.en.md', 'problem.en.pdf', 'square.png'],
      pdf: `${route}/statement.pdf`,
    });
    expect(problem.statement).toContain('![A 3 by 3 square](square.png)');
  });

  it('serves an image as it is in the package, with its type and nosniff', async () => {
    const response = await get(`/api/problems/${markdownId}/versions/1/statement/square.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe('inline');
    expect(await bytes(response)).toEqual(await readFile(join(MARKDOWN, 'statement', 'square.png')));
  });

  it('a file in a sub-folder is named with its folder, the / encoded', async () => {
    const response = await get(`/api/problems/${markdownId}/versions/1/statement/img%2Fdiagram.svg`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<svg');
  });

  it('an SVG may not run its script: a CSP of its own with no script and a sandbox', async () => {
    const response = await get(`/api/problems/${markdownId}/versions/1/statement/img%2Fdiagram.svg`);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy.split(/;\s*/)).toEqual(expect.arrayContaining(["default-src 'none'", 'sandbox']));
    expect(policy).not.toMatch(/script-src/);
  });

  it('the PDF downloads as <slug>.pdf; other files download with a type from the allow-list', async () => {
    const pdf = await get(`/api/problems/${markdownId}/versions/1/statement.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="statement-files-problem.pdf"');
    expect(await bytes(pdf)).toEqual(await readFile(join(MARKDOWN, 'statement', 'problem.en.pdf')));

    const notes = await get(`/api/problems/${markdownId}/versions/1/statement/notes.txt`);
    expect(notes.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(notes.headers.get('content-disposition')).toBe('attachment; filename="notes.txt"');
    // The statement's own source is a file of the folder like any other, and never served as a page.
    const source = await get(`/api/problems/${markdownId}/versions/1/statement/problem.en.md`);
    expect(source.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers 304 to a browser that has the same bytes (the ETag is their hash)', async () => {
    const path = `/api/problems/${markdownId}/versions/1/statement/square.png`;
    const etag = (await get(path)).headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    // By node:http: fetch() adds `Cache-Control: no-cache` to a request with its own If-None-Match, as the spec says.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      httpGet(
        `${api.url}${path}`,
        { headers: { authorization: `Bearer ${tokens.contestant1}`, 'if-none-match': etag } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      ).on('error', reject),
    );
    expect(status).toBe(304);
  });

  it('only the listed names: `..`, other files of the package and unknown versions are not found', async () => {
    const base = `/api/problems/${markdownId}/versions/1/statement`;
    for (const name of [
      '..%2Fproblem.yaml',
      '..%2F..%2Fproblem.yaml',
      '%2E%2E%2Fdata%2Fsecret%2F1.ans',
      'img%2F..%2F..%2Fdata%2Fsecret%2F1.ans',
      '..%2Fdata%2Fsecret%2F1.ans',
      '%2Fetc%2Fpasswd',
      'img',
      'SQUARE.PNG',
    ]) {
      const response = await get(`${base}/${name}`);
      expect(response.status, name).toBe(404);
    }
    // A client that resolves the `..` itself asks for another route, which does not exist either.
    expect((await get(`${base}/../../../data/secret/1.ans`)).status).toBe(404);
    expect((await get(`/api/problems/${markdownId}/versions/2/statement/square.png`)).status).toBe(404);
    expect((await get(`/api/problems/${markdownId}/versions/one/statement.pdf`)).status).toBe(404);
    expect((await get(`/api/problems/${markdownId}/versions/1/statement/square.png`, '')).status).toBe(401);
  });

  it('a package with a link in its statement folder is refused, and nothing of it is served', async () => {
    const zip = new ZipFile();
    for (const file of [
      'problem.yaml',
      'data/sample/1.in',
      'data/sample/1.ans',
      'data/secret/1.in',
      'data/secret/1.ans',
    ]) {
      zip.addBuffer(await readFile(join(MARKDOWN, file)), `linked/${file}`);
    }
    zip.addBuffer(Buffer.from('../data/secret/1.ans'), 'linked/statement/answer.png', { mode: 0o120777 });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const form = new FormData();
    form.append('package', new Blob([new Uint8Array(Buffer.concat(chunks))]), 'linked.zip');
    const response = await api.call('POST', '/api/problems', { token: tokens.setter1, body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_PACKAGE' });
    const list = (await (await get('/api/problems')).json()) as { slug: string }[];
    expect(list.map((p) => p.slug)).not.toContain('linked');
  });

  it('a LaTeX package: the statement folder is problem_statement/, the PDF DOMjudge’s problem.pdf at the root', async () => {
    const id = await uploadAs(LATEX, 'latex');
    const problem = await detail(`/api/problems/${id}`);
    expect(problem.statementFiles?.names).toEqual(['problem.tex', 'square.png']);
    const pdf = await get(`/api/problems/${id}/versions/1/statement.pdf`);
    expect(pdf.status).toBe(200);
    expect(await bytes(pdf)).toEqual(await readFile(join(LATEX, 'problem.pdf')));
  });

  it('each version keeps its own files', async () => {
    const id = await uploadAs(LATEX, 'versions');
    // Version 2 of the same problem is the Markdown package: version 1's files stay where they were.
    const form = new FormData();
    form.append('package', new Blob([new Uint8Array(await zipOf(MARKDOWN))]), 'versions.zip');
    expect((await api.call('PUT', `/api/problems/${id}`, { token: tokens.setter1, body: form })).status).toBe(200);
    const problem = await detail(`/api/problems/${id}`);
    expect(problem.statementFiles?.base).toBe(`/api/problems/${id}/versions/2/statement`);
    expect((await get(`/api/problems/${id}/versions/1/statement/problem.tex`)).status).toBe(200);
    expect((await get(`/api/problems/${id}/versions/2/statement/problem.tex`)).status).toBe(404);
    expect((await get(`/api/problems/${id}/versions/2/statement/notes.txt`)).status).toBe(200);
  });
});

describe('a contest problem’s statement files', () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

  async function contestWith(problemId: string, startsInMinutes: number): Promise<string> {
    const input: ContestInput = {
      title: 'Squares',
      startsAt: minutes(startsInMinutes),
      endsAt: minutes(startsInMinutes + 120),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [{ problemId, label: 'A' }],
    };
    const response = await api.call('POST', '/api/contests', { token: tokens.setter1, json: input });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const registered = await api.call('POST', `/api/contests/${id}/register`, { token: tokens.contestant1, json: {} });
    expect(registered.status).toBe(200);
    return id;
  }

  it('before the contest, a contestant gets neither the image nor the PDF, by any route', async () => {
    const id = await uploadAs(LATEX, 'hidden');
    const contest = await contestWith(id, 60);
    // Practice: the problem does not exist for them yet. The contest: not started.
    for (const [path, status] of [
      [`/api/problems/${id}/versions/1/statement/square.png`, 404],
      [`/api/problems/${id}/versions/1/statement.pdf`, 404],
      [`/api/contests/${contest}/problems/A/statement/square.png`, 409],
      [`/api/contests/${contest}/problems/A/statement.pdf`, 409],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type') ?? '', path).toMatch(/json/);
    }
    // The setter sees them all along.
    expect((await get(`/api/contests/${contest}/problems/A/statement/square.png`, tokens.setter1)).status).toBe(200);
    expect((await get(`/api/problems/${id}/versions/1/statement/square.png`, tokens.setter1)).status).toBe(200);
  });

  it('during the contest, the contest’s route serves them; practice still hides them', async () => {
    const id = await uploadAs(LATEX, 'running');
    const contest = await contestWith(id, -1);
    const problem = await detail(`/api/contests/${contest}/problems/A`);
    expect(problem.statementFiles).toEqual({
      base: `/api/contests/${contest}/problems/A/statement`,
      names: ['problem.tex', 'square.png'],
      pdf: `/api/contests/${contest}/problems/A/statement.pdf`,
    });
    const image = await get(`${problem.statementFiles?.base}/square.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await get(problem.statementFiles?.pdf ?? '')).status).toBe(200);
    expect((await get(`/api/problems/${id}/versions/1/statement/square.png`)).status).toBe(404);
  });
});

describe('an assignment problem’s statement files', () => {
  const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

  it('a student gets them once the assignment is open, by the assignment’s route; the teacher always', async () => {
    const id = await uploadAs(LATEX, 'course');
    const course = await api.call('POST', '/api/courses', { token: tokens.setter1, json: { title: 'Geometry' } });
    const { id: courseId, joinCode } = (await course.json()) as { id: string; joinCode: string };
    const joined = await api.call('POST', '/api/courses/join', { token: tokens.contestant1, json: { code: joinCode } });
    expect(joined.status).toBe(200);
    const assignment = async (opensInDays: number) => {
      const response = await api.call('POST', `/api/courses/${courseId}/assignments`, {
        token: tokens.setter1,
        json: {
          title: `Squares ${opensInDays}`,
          kind: 'assignment',
          opensAt: days(opensInDays),
          deadline: days(opensInDays + 7),
          problems: [{ problemId: id, label: 'A' }],
        },
      });
      expect(response.status).toBe(201);
      return `/api/courses/${courseId}/assignments/${((await response.json()) as { id: string }).id}/problems/A`;
    };

    const later = await assignment(1);
    const notOpen = await get(`${later}/statement/square.png`);
    expect(notOpen.status).toBe(409);
    expect(await notOpen.json()).toMatchObject({ code: 'NOT_OPEN' });
    expect((await get(`${later}/statement.pdf`)).status).toBe(409);
    expect((await get(`${later}/statement/square.png`, tokens.setter1)).status).toBe(200);

    const open = await assignment(-1);
    const problem = await detail(open);
    expect(problem.statementFiles).toEqual({
      base: `${open}/statement`,
      names: ['problem.tex', 'square.png'],
      pdf: `${open}/statement.pdf`,
    });
    const image = await get(`${open}/statement/square.png`);
    expect(image.status).toBe(200);
    expect(await bytes(image)).toEqual(await readFile(join(LATEX, 'problem_statement', 'square.png')));
    expect((await get(`${open}/statement.pdf`)).headers.get('content-type')).toBe('application/pdf');
  });
});
