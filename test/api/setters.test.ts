import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExistingProblemRef, ProblemAuthoringView, ProblemDetail, ProblemUploadResult } from '@judge/contract';
import { createUsers, EXAMPLES } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * Issue 13, setters and admins: uploads that are an existing problem, unknown problem.yaml keys as warnings,
 * problems made and edited in the browser, the teacher role, and what logging in answers.
 */

let api: TestApi;
let admin: string;
let tokens: Record<string, string>;
let work: string;

const json = async <T>(response: Response) => (await response.json()) as T;

/** A zip holding `folder` as its single top folder (as a file manager zips a folder). */
async function zipAs(folder: string): Promise<Blob> {
  const zip = join(work, `${Math.random().toString(36).slice(2)}.zip`);
  await promisify(execFile)('python3', ['-m', 'zipfile', '-c', zip, folder]);
  return new Blob([new Uint8Array(await readFile(zip))]);
}

async function upload(folder: string, zipName: string, problemId?: string): Promise<Response> {
  const form = new FormData();
  form.append('package', await zipAs(folder), zipName);
  return problemId
    ? api.call('PUT', `/api/problems/${problemId}`, { token: tokens.setter, body: form })
    : api.call('POST', '/api/problems', { token: tokens.setter, body: form });
}

/** A copy of examples/problems/hello in a folder of this name, with problem.yaml replaced when given. */
async function helloAs(name: string, problemYaml?: string): Promise<string> {
  const folder = join(work, name);
  await cp(join(EXAMPLES, 'hello'), folder, { recursive: true });
  if (problemYaml !== undefined) await writeFile(join(folder, 'problem.yaml'), problemYaml);
  return folder;
}

beforeAll(async () => {
  api = await startTestApi();
  work = await mkdtemp(join(tmpdir(), 'judge-setters-'));
  admin = await api.login('admin', 'admin-password');
  ({ tokens } = await createUsers(api, admin, {
    setter: 'setter',
    teacher: 'teacher',
    student: 'contestant',
  }));
});

afterAll(async () => {
  await api?.dispose();
  await rm(work, { recursive: true, force: true });
});

describe('uploads: identity from the package, warnings', () => {
  let helloId = '';

  it('a zip renamed by the browser ("hello (1).zip") of an existing problem is that problem: 409 naming it', async () => {
    const first = await upload(await helloAs('hello'), 'hello.zip');
    expect(first.status).toBe(201);
    const created = await json<ProblemUploadResult>(first);
    expect(created).toMatchObject({ slug: 'hello', version: 1, warnings: [] });
    helloId = created.id;

    const again = await upload(join(work, 'hello'), 'hello (1).zip');
    expect(again.status).toBe(409);
    const body = await json<{ code: string; details: ExistingProblemRef }>(again);
    expect(body.code).toBe('PROBLEM_EXISTS');
    expect(body.details).toEqual({ id: helloId, slug: 'hello', title: 'Sum of Two Numbers', version: 1 });

    // What the page then offers: the same zip as a new version of it.
    const version = await upload(join(work, 'hello'), 'hello (1).zip', helloId);
    expect(version.status).toBe(200);
    expect(await json(version)).toMatchObject({ id: helloId, version: 2 });
  });

  it('a uuid in problem.yaml is the identity, whatever the folder is called; a shared title is a warning', async () => {
    const yaml = 'name: Sum of Two Numbers\nuuid: 5b1c5bde-2f7a-4b0e-9d55-0d6a3f0e9c11\nlimits:\n  memory: 256\n';
    const first = await upload(await helloAs('sum-a', yaml), 'sum-a.zip');
    expect(first.status).toBe(201);
    const created = await json<ProblemUploadResult>(first);
    expect(created.slug).toBe('sum-a');
    expect(created.warnings).toEqual(['another problem is titled "Sum of Two Numbers" (hello)']);

    const renamed = await upload(await helloAs('sum-b', yaml), 'sum-b.zip');
    expect(renamed.status).toBe(409);
    expect((await json<{ details: ExistingProblemRef }>(renamed)).details.id).toBe(created.id);

    // Another uuid in a folder of the same name is another problem: a slug of its own, and a warning.
    const other = await upload(await helloAs('sum-a', yaml.replace('5b1c5bde', '00000000')), 'sum-a.zip');
    expect(other.status).toBe(201);
    const otherProblem = await json<ProblemUploadResult>(other);
    expect(otherProblem.slug).toBe('sum-a-2');
    // Uploaded on purpose as a version of the first one, it is stored, with a warning that it looks like another.
    const mixed = await json<ProblemUploadResult>(await upload(join(work, 'sum-a'), 'sum-a.zip', created.id));
    expect(mixed.warnings).toContain(
      "problem.yaml: uuid: 00000000-2f7a-4b0e-9d55-0d6a3f0e9c11 is not this problem's (5b1c5bde-2f7a-4b0e-9d55-0d6a3f0e9c11): is this package another problem?",
    );

    // A uuid added to a package whose problem had none still finds that problem (hello, by its folder).
    const withUuid = await upload(await helloAs('hello', `${yaml.replace('5b1c5bde', '11111111')}`), 'hello.zip');
    expect(withUuid.status).toBe(409);
    expect((await json<{ details: ExistingProblemRef }>(withUuid)).details.slug).toBe('hello');
  });

  it('problem.yaml keys the format does not know are warnings of the upload, not errors', async () => {
    const response = await upload(
      await helloAs('typos', 'name: Typos\nlimts:\n  memory: 256\ntimelimit: 2\n'),
      'typos.zip',
    );
    expect(response.status).toBe(201);
    expect((await json<ProblemUploadResult>(response)).warnings).toEqual([
      'problem.yaml: limts: unknown key, ignored (did you mean limits?)',
      'problem.yaml: timelimit: unknown key, ignored (did you mean limits.time_limit?)',
    ]);
  });
});

describe('problems made and edited in the browser', () => {
  let id = '';

  it('a problem written with two tests starts at version 1, with both', async () => {
    const response = await api.call('POST', '/api/problems', {
      token: tokens.setter,
      json: {
        title: 'Double',
        statement: 'Print twice $n$.',
        timeLimitMs: 1000,
        memoryMb: 256,
        checker: { type: 'default' },
        tests: [
          { input: '2\n', answer: '4\n', sample: true },
          { input: '5\n', answer: '10\n', sample: false },
        ],
      },
    });
    expect(response.status).toBe(201);
    const problem = await json<ProblemUploadResult>(response);
    expect(problem.version).toBe(1);
    id = problem.id;
    const tests = await json<{ name: string }[]>(
      await api.call('GET', `/api/problems/${id}/tests`, { token: tokens.setter }),
    );
    expect(tests.map((t) => t.name)).toEqual(['sample/01', 'secret/01']);

    // The same title again: another problem (another slug), with a warning rather than a refusal.
    const again = await json<ProblemUploadResult>(
      await api.call('POST', '/api/problems', {
        token: tokens.setter,
        json: { title: 'Double', statement: '', timeLimitMs: 1000, memoryMb: 256, checker: { type: 'default' } },
      }),
    );
    expect(again).toMatchObject({ slug: 'double-2', warnings: ['another problem is titled "Double" (double)'] });
  });

  it('shows its title, statement, limits and checker, and saving them makes version 2', async () => {
    const view = await json<ProblemAuthoringView>(
      await api.call('GET', `/api/problems/${id}/authoring`, { token: tokens.setter }),
    );
    expect(view).toEqual({
      title: 'Double',
      statement: 'Print twice $n$.',
      timeLimitMs: 1000,
      memoryMb: 256,
      checker: { type: 'default' },
      checkerEditable: true,
    });
    const saved = await api.call('PUT', `/api/problems/${id}/authoring`, {
      token: tokens.setter,
      json: {
        title: 'Twice',
        statement: 'Print $2n$.',
        timeLimitMs: 2000,
        memoryMb: 512,
        checker: { type: 'float', flags: 'float_tolerance 1e-4' },
      },
    });
    expect(saved.status).toBe(200);
    expect(await json(saved)).toMatchObject({ version: 2, title: 'Twice', timeLimitMs: 2000, memoryMb: 512 });
    const detail = await json<ProblemDetail>(await api.call('GET', `/api/problems/${id}`, { token: tokens.setter }));
    expect(detail).toMatchObject({ statement: 'Print $2n$.', testCount: 2, version: 2 });
    const again = await json<ProblemAuthoringView>(
      await api.call('GET', `/api/problems/${id}/authoring`, { token: tokens.setter }),
    );
    expect(again.checker).toEqual({ type: 'float', flags: 'float_tolerance 1e-4' });
  });

  it('edits an uploaded package the same way, keeping what the editor does not show', async () => {
    const uploaded = await json<ProblemUploadResult>(await upload(await helloAs('edited'), 'edited.zip'));
    const view = await json<ProblemAuthoringView>(
      await api.call('GET', `/api/problems/${uploaded.id}/authoring`, { token: tokens.setter }),
    );
    expect(view.title).toBe('Sum of Two Numbers');
    const saved = await api.call('PUT', `/api/problems/${uploaded.id}/authoring`, {
      token: tokens.setter,
      json: { ...view, title: 'Sum', checkerEditable: undefined },
    });
    expect(saved.status).toBe(200);
    const detail = await json<ProblemDetail>(
      await api.call('GET', `/api/problems/${uploaded.id}`, { token: tokens.setter }),
    );
    expect(detail).toMatchObject({ title: 'Sum', version: 2, testCount: 5 });
  });

  it('only setters and admins edit problems', async () => {
    const refused = await api.call('PUT', `/api/problems/${id}/authoring`, {
      token: tokens.teacher,
      json: { title: 'X', statement: '', timeLimitMs: 1000, memoryMb: 256, checker: { type: 'default' } },
    });
    expect(refused.status).toBe(403);
  });
});

describe('roles and logging in', () => {
  it('a teacher creates courses but manages no problem; a setter still may create courses', async () => {
    const course = await api.call('POST', '/api/courses', { token: tokens.teacher, json: { title: 'Algorithms' } });
    expect(course.status).toBe(201);
    const form = new FormData();
    form.append('package', await zipAs(await helloAs('by-teacher')), 'by-teacher.zip');
    expect((await api.call('POST', '/api/problems', { token: tokens.teacher, body: form })).status).toBe(403);
    expect((await api.call('GET', '/api/submissions?all=1', { token: tokens.teacher })).status).toBe(200);
    expect(
      (await api.call('POST', '/api/courses', { token: tokens.setter, json: { title: 'Setters too' } })).status,
    ).toBe(201);
    expect((await api.call('POST', '/api/courses', { token: tokens.student, json: { title: 'No' } })).status).toBe(403);
  });

  it('a wrong password, however short, is a wrong password, never a rule about new passwords', async () => {
    for (const password of ['x', 'short', 'a-much-longer-wrong-password']) {
      const response = await api.call('POST', '/api/auth/login', { json: { username: 'student', password } });
      const body = await json<{ statusCode: number; code: string; message: string }>(response);
      expect(body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
      expect(body.message).not.toContain('8 characters');
    }
  });
});
