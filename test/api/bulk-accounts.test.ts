import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_IMPORT_MAX_ROWS,
  type AccountImportErrors,
  type AccountImportResult,
  type ApiErrorBody,
  type CourseMemberView,
  type UserView,
} from '@judge/contract';
import { callJson, createUsers } from './fixtures';
import { startTestApi, type TestApi } from './support';

let api: TestApi;
const tokens: Record<string, string> = {};
const courses: Record<string, { id: string; joinCode: string }> = {};

const call = <T = ApiErrorBody>(user: string, method: string, path: string, json?: unknown) =>
  callJson<T>(api, tokens[user], method, path, json);

const userCount = async () => (await call<UserView[]>('admin', 'GET', '/api/users')).body.length;

const students = async (courseId: string) =>
  (await call<CourseMemberView[]>('admin', 'GET', `/api/courses/${courseId}/members`)).body
    .filter((m) => m.role === 'student')
    .map((m) => m.username);

/** Logs in with a password the import gave; the status tells whether it worked. */
const loginStatus = async (username: string, password: string) =>
  (await api.call('POST', '/api/auth/login', { json: { username, password } })).status;

beforeAll(async () => {
  api = await startTestApi();
  tokens.admin = await api.login('admin', 'admin-password');
  Object.assign(
    tokens,
    (await createUsers(api, tokens.admin, { teacher: 'teacher', other: 'teacher', contestant: 'contestant' })).tokens,
  );
  for (const [name, owner] of [
    ['algo', 'teacher'],
    ['other', 'other'],
  ] as const) {
    const { status, body } = await call<{ id: string; joinCode: string }>(owner, 'POST', '/api/courses', {
      title: name,
    });
    expect(status).toBe(201);
    courses[name] = body;
  }
});

afterAll(async () => {
  await api?.dispose();
});

describe('bulk accounts', () => {
  it('an admin imports a file from multipart: accounts log in with the returned passwords, in their courses', async () => {
    const csv = [
      'Username,Display Name,Email,Course,Password',
      `ada,Ada Lovelace,ada@example.org,${courses.algo.id},`,
      `grace,"Hopper, Grace",,${courses.algo.joinCode.toLowerCase()},given-password-1`,
      'linus,,,,',
    ].join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'accounts.csv');
    const response = await api.call('POST', '/api/admin/users/import', { token: tokens.admin, body: form });
    expect(response.status).toBe(201);
    const result = (await response.json()) as AccountImportResult;
    expect(result.enrolled).toEqual([]);
    expect(
      result.created.map(({ line, username, displayName, email, generated, course }) => ({
        line,
        username,
        displayName,
        email,
        generated,
        course: course?.title ?? null,
      })),
    ).toEqual([
      {
        line: 2,
        username: 'ada',
        displayName: 'Ada Lovelace',
        email: 'ada@example.org',
        generated: true,
        course: 'algo',
      },
      { line: 3, username: 'grace', displayName: 'Hopper, Grace', email: null, generated: false, course: 'algo' },
      { line: 4, username: 'linus', displayName: null, email: null, generated: true, course: null },
    ]);
    const [ada, grace, linus] = result.created;
    expect(grace.password).toBe('given-password-1');
    expect(ada.password).toMatch(/^[A-Za-z0-9]{14}$/);
    for (const account of result.created) expect(await loginStatus(account.username, account.password)).toBe(200);
    expect(await loginStatus('linus', `${linus.password}x`)).toBe(401);
    expect(await students(courses.algo.id)).toEqual(['ada', 'grace']);

    // The admin's list shows the names and addresses the file gave; the new accounts are contestants.
    const users = (await call<UserView[]>('admin', 'GET', '/api/users')).body;
    expect(users.find((u) => u.username === 'ada')).toMatchObject({
      displayName: 'Ada Lovelace',
      email: 'ada@example.org',
      role: 'contestant',
    });
  });

  it('refuses a file with errors whole, listing every bad line, and creates nothing', async () => {
    const before = await userCount();
    const csv = [
      'username,display name,course,password,team',
      'fresh-1,,,,', // good, but not imported: the file has errors
      'ada,,,,', // exists (imported above)
      'fresh-1,,,,', // twice in the file
      'bad name!,,,,',
      `fresh-2,,NOSUCHCODE,,`,
      'fresh-3,,,short,',
      'fresh-4,,,,red-team',
    ].join('\n');
    const { status, body } = await call<ApiErrorBody & { details: AccountImportErrors }>(
      'admin',
      'POST',
      '/api/admin/users/import',
      { csv },
    );
    expect(status).toBe(422);
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.details.errors).toEqual([
      { line: 3, field: 'username', message: 'ada exists already' },
      { line: 4, field: 'username', message: 'fresh-1 is also on line 2' },
      { line: 5, field: 'username', message: 'letters, digits, _ . - only' },
      { line: 6, field: 'course', message: 'no course has the id or join code NOSUCHCODE' },
      { line: 7, field: 'password', message: 'at least 8 characters' },
      { line: 8, field: 'team', message: 'teams are made in a contest: give the contest to import into (contestId)' },
    ]);
    expect(await userCount()).toBe(before);
    expect(await loginStatus('fresh-1', 'anything-at-all')).toBe(401);

    const header = await call<ApiErrorBody & { details: AccountImportErrors }>(
      'admin',
      'POST',
      '/api/admin/users/import',
      { csv: 'name,email\nx,y@z.org' },
    );
    expect(header.status).toBe(422);
    expect(header.body.details.errors.map((e) => e.message)).toEqual([
      'unknown column "name": the columns are username, display name, email, course, password, team, affiliation, country, location',
      'the column "username" is required',
    ]);
    expect(await userCount()).toBe(before);

    // One account over the cap: refused before any line is looked at.
    const rows = Array.from({ length: ACCOUNT_IMPORT_MAX_ROWS + 1 }, (_, i) => `many-${i}`);
    const many = await call<ApiErrorBody & { details: AccountImportErrors }>(
      'admin',
      'POST',
      '/api/admin/users/import',
      {
        csv: ['username', ...rows].join('\n'),
      },
    );
    expect(many.status).toBe(422);
    expect(many.body.details.errors).toEqual([
      {
        line: ACCOUNT_IMPORT_MAX_ROWS + 2,
        field: null,
        message: `at most ${ACCOUNT_IMPORT_MAX_ROWS} accounts in one file`,
      },
    ]);
    expect(await userCount()).toBe(before);
  });

  it("with existing: 'enrol', enrols existing accounts into the line's course and changes nothing else", async () => {
    const { status, body } = await call<AccountImportResult>('admin', 'POST', '/api/admin/users/import', {
      csv: `username,course\nlinus,${courses.other.id}\nnewbie,${courses.other.id}\n`,
      existing: 'enrol',
    });
    expect(status).toBe(201);
    expect(body.enrolled.map((e) => [e.line, e.username, e.course.title])).toEqual([[2, 'linus', 'other']]);
    expect(body.created.map((c) => c.username)).toEqual(['newbie']);
    expect(await students(courses.other.id)).toEqual(['linus', 'newbie']);
  });

  it('a teacher imports into their own course, and is refused for another', async () => {
    const { status, body } = await call<AccountImportResult>(
      'teacher',
      'POST',
      `/api/courses/${courses.algo.id}/students/import`,
      { csv: `username,course\nstudent-1,\nstudent-2,${courses.algo.joinCode}\n` },
    );
    expect(status).toBe(201);
    expect(body.created.map((c) => [c.username, c.course?.id])).toEqual([
      ['student-1', courses.algo.id],
      ['student-2', courses.algo.id],
    ]);
    expect(await students(courses.algo.id)).toEqual(['ada', 'grace', 'student-1', 'student-2']);
    const token = await api.login('student-1', body.created[0].password);
    expect((await callJson<{ id: string }[]>(api, token, 'GET', '/api/courses')).body.map((c) => c.id)).toEqual([
      courses.algo.id,
    ]);

    // A line naming another course refuses the file, and says the same of a course that does not exist: a
    // teacher learns nothing of other courses' join codes.
    const before = await userCount();
    const named = await call<ApiErrorBody & { details: AccountImportErrors }>(
      'teacher',
      'POST',
      `/api/courses/${courses.algo.id}/students/import`,
      { csv: `username,course\nstudent-3,\nstudent-4,${courses.other.joinCode}\nstudent-5,NOSUCHCODE\n` },
    );
    expect(named.status).toBe(422);
    expect(named.body.details.errors).toEqual([
      { line: 3, field: 'course', message: 'not this course: this import enrols into "algo" only' },
      { line: 4, field: 'course', message: 'not this course: this import enrols into "algo" only' },
    ]);
    // Another teacher's course does not exist for them; the admins' route is for admins.
    const other = await call('teacher', 'POST', `/api/courses/${courses.other.id}/students/import`, {
      csv: 'username\nstudent-5\n',
    });
    expect(other.status).toBe(404);
    expect((await call('teacher', 'POST', '/api/admin/users/import', { csv: 'username\nstudent-6\n' })).status).toBe(
      403,
    );
    expect(await userCount()).toBe(before);
  });

  it('a contestant is refused, also as a student of the course', async () => {
    const before = await userCount();
    const csv = 'username\nsneaky\n';
    expect((await call('contestant', 'POST', '/api/admin/users/import', { csv })).status).toBe(403);
    const path = `/api/courses/${courses.algo.id}/students/import`;
    expect((await call('contestant', 'POST', path, { csv })).status).toBe(404);
    expect((await call('contestant', 'POST', '/api/courses/join', { code: courses.algo.joinCode })).status).toBe(200);
    const refused = await call('contestant', 'POST', path, { csv });
    expect(refused.status).toBe(403);
    expect(await userCount()).toBe(before);
  });
});
