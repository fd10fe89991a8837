import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageView } from '@judge/contract';
import { startTestApi, type TestApi } from './support';

const execFileAsync = promisify(execFile);
const EXAMPLES = join(__dirname, '..', '..', 'examples', 'problems');

let api: TestApi;
let admin: string;
let setter: string;
let contestant: string;
let work: string;

/** A problem package as a setter uploads it: a zip of the package folder. */
async function zipOf(problem: string): Promise<Buffer> {
  const zip = join(work, `${problem}-${Date.now()}.zip`);
  await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, join(EXAMPLES, problem)]);
  return readFile(zip);
}

function upload(data: Buffer, fileName: string, token: string, method = 'POST', path = '/api/problems') {
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(data)]), fileName);
  // Public at once, so that contestants see it (a draft by default).
  form.append('visibility', 'public');
  return api.call(method, path, { token, body: form });
}

beforeAll(async () => {
  api = await startTestApi();
  work = await mkdtemp(join(tmpdir(), 'judge-problems-'));
  admin = await api.login('admin', 'admin-password');
  for (const [username, role] of [
    ['setter1', 'setter'],
    ['contestant1', 'contestant'],
  ]) {
    await api.call('POST', '/api/users', { token: admin, json: { username, password: `${username}-password`, role } });
  }
  setter = await api.login('setter1', 'setter1-password');
  contestant = await api.login('contestant1', 'contestant1-password');
});

afterAll(async () => {
  await api?.dispose();
  await rm(work, { recursive: true, force: true });
});

describe('problem packages over HTTP', () => {
  let id = '';
  let zip: Buffer;

  it('a setter uploads a package zip and gets the problem', async () => {
    zip = await zipOf('hello');
    const response = await upload(zip, 'hello.zip', setter);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; slug: string; version: number; title: string };
    expect(body).toMatchObject({ slug: 'hello', version: 1, title: 'Sum of Two Numbers' });
    id = body.id;
  });

  it('the same name again is a conflict; a new version goes through PUT', async () => {
    expect((await upload(zip, 'hello.zip', setter)).status).toBe(409);
    const response = await upload(zip, 'hello.zip', setter, 'PUT', `/api/problems/${id}`);
    expect(await response.json()).toMatchObject({ id, version: 2 });
  });

  it('a contestant cannot upload problems', async () => {
    const response = await upload(zip, 'hello.zip', contestant);
    expect(response.status).toBe(403);
  });

  it('a bad package gets 400 with the engine message', async () => {
    const response = await upload(Buffer.from('not a zip at all'), 'broken.zip', setter);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('INVALID_PACKAGE');
    expect(body.message).toMatch(/zip/i);
    const missing = await api.call('POST', '/api/problems', { token: setter, body: new FormData() });
    expect(await missing.json()).toMatchObject({ code: 'PACKAGE_MISSING' });
  });

  it('contestants see the statement, samples and limits, never a secret test', async () => {
    const response = await api.call('GET', `/api/problems/${id}`, { token: contestant });
    const text = await response.text();
    const problem = JSON.parse(text) as {
      statement: string;
      samples: { name: string; input: string; answer: string }[];
      limits: { timeLimitMs: number; memoryMb: number };
      languages: string[];
    };
    expect(problem.statement).toContain('Sum');
    expect(problem.samples.map((s) => s.name)).toEqual(['sample/01']);
    expect(problem.limits).toMatchObject({ timeLimitMs: 1000, memoryMb: 256 });
    expect(problem.languages).toEqual(expect.arrayContaining(['c', 'cpp', 'python']));
    const secret = join(EXAMPLES, 'hello', 'data', 'secret');
    for (const file of await readdir(secret)) {
      const content = (await readFile(join(secret, file), 'utf8')).trim();
      // Secret inputs and answers are long numbers: none may appear anywhere in the answer.
      if (content.length >= 6) expect(text).not.toContain(content);
    }
    expect(text).not.toContain('secret/');
  });

  it('lists problems', async () => {
    const list = (await (await api.call('GET', '/api/problems', { token: contestant })).json()) as { id: string }[];
    expect(list.map((p) => p.id)).toContain(id);
  });

  it('runners download a package by hash with the runner token only', async () => {
    const hash = createHash('sha256').update(zip).digest('hex');
    expect((await api.call('GET', `/api/runner/packages/${hash}`)).status).toBe(401);
    expect((await api.call('GET', `/api/runner/packages/${hash}`, { token: admin })).status).toBe(401);
    const response = await api.call('GET', `/api/runner/packages/${hash}`, { token: api.config.RUNNER_TOKEN });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
    expect(
      (await api.call('GET', `/api/runner/packages/${'0'.repeat(64)}`, { token: api.config.RUNNER_TOKEN })).status,
    ).toBe(404);
  });

  it('lists the languages this judge runs', async () => {
    const languages = (await (await api.call('GET', '/api/languages')).json()) as LanguageView[];
    expect(languages.map((l) => l.id)).toEqual(expect.arrayContaining(['c', 'cpp', 'python', 'java']));
  });

  it("gives each language the web editor's grammar its definition names", async () => {
    const languages = (await (await api.call('GET', '/api/languages')).json()) as LanguageView[];
    const editor = Object.fromEntries(languages.map((l) => [l.id, l.editor]));
    expect(editor).toMatchObject({ c: 'cpp', cpp: 'cpp', python: 'python', java: 'java' });
    expect(languages.find((l) => l.id === 'python')).toEqual({
      id: 'python',
      name: 'Python 3',
      extensions: ['py'],
      editor: 'python',
    });
  });
});
