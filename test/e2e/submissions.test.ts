import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, logIn, newPage, screenshotEverywhere, setupBrowserTests } from './support';

/**
 * Submission pages in a real Chromium against the real API and judge: a contest submission with its context, a
 * teacher going through an assignment's submissions one after another with a long line comment on a phone, a
 * compile error with no tests table, and a runtime error on a sample with the program's exit code and stderr.
 * Each page is photographed in the three UI languages and on a phone (test-artifacts/screenshots/).
 */
setupBrowserTests();

const ACCEPTED = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WRONG =
  'a, b = map(int, input().split())\n# a long line, as students write them, wider than a phone\nprint(a - b)  # subtracts instead of adding, which is the bug the comment is about\n';
const CRASH = 'import sys\nprint("about to divide", file=sys.stderr)\nprint(1 // 0)\n';
const BROKEN = 'print(\n';
const DAY = 24 * 3600_000;

/** A call to the API as `token` whose answer must be a success; its JSON body. */
async function call<T>(token: string, method: string, path: string, json?: unknown): Promise<T> {
  const response = await api.call(method, path, { token, json });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function judged(token: string, id: string): Promise<{ verdict: string }> {
  let view = { status: '', verdict: '' };
  await expect
    .poll(
      async () => {
        view = await call<{ status: string; verdict: string }>(token, 'GET', `/api/submissions/${id}`);
        return view.status;
      },
      { timeout: 60_000 },
    )
    .toBe('done');
  return view;
}

/** The page's width as laid out: no wider than the phone's screen when nothing overflows it. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

describe('submission pages in the browser', () => {
  it('keep their context, take a teacher through a class, and show compile and runtime errors as they are', async () => {
    const admin = await api.login('admin', 'admin-password');
    for (const [username, role] of [
      ['tess', 'setter'],
      ['amy', 'contestant'],
      ['bo', 'contestant'],
    ])
      await call(admin, 'POST', '/api/users', { username, password: `${username}-password`, role });
    const tokens = {
      tess: await api.login('tess', 'tess-password'),
      amy: await api.login('amy', 'amy-password'),
      bo: await api.login('bo', 'bo-password'),
    };
    const problems = await call<{ id: string; title: string }[]>(admin, 'GET', '/api/problems');
    const hello = problems.find((p) => p.title === 'Sum of Two Numbers')!.id;
    const pair = problems.find((p) => p.title === 'Sum Pair')!.id;

    // A contest with hello as A; amy submits there.
    const contest = await call<{ id: string }>(admin, 'POST', '/api/contests', {
      title: 'Friday Cup',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [{ problemId: hello, label: 'A' }],
    });
    await call(tokens.amy, 'POST', `/api/contests/${contest.id}/register`, {});
    const inContest = await call<{ id: string }>(tokens.amy, 'POST', `/api/contests/${contest.id}/submissions`, {
      problem: 'A',
      language: 'python',
      source: ACCEPTED,
    });

    // A course of tess's with an assignment (sum-pair as B); amy and bo hand in.
    const course = await call<{ id: string; joinCode: string }>(tokens.tess, 'POST', '/api/courses', {
      title: 'Algorithms 101',
    });
    for (const student of ['amy', 'bo'] as const)
      await call(tokens[student], 'POST', '/api/courses/join', { code: course.joinCode });
    const assignment = await call<{ id: string }>(tokens.tess, 'POST', `/api/courses/${course.id}/assignments`, {
      title: 'Week 1',
      kind: 'assignment',
      opensAt: new Date(Date.now() - DAY).toISOString(),
      deadline: new Date(Date.now() + DAY).toISOString(),
      problems: [{ problemId: hello, label: 'B' }],
    });
    const handIn = (student: 'amy' | 'bo', source: string) =>
      call<{ id: string }>(
        tokens[student],
        'POST',
        `/api/courses/${course.id}/assignments/${assignment.id}/submissions`,
        {
          problem: 'B',
          language: 'python',
          source,
        },
      );
    const amyWork = await handIn('amy', WRONG);
    const boWork = await handIn('bo', ACCEPTED);
    const compileError = await call<{ id: string }>(tokens.amy, 'POST', '/api/submissions', {
      problemId: pair,
      language: 'python',
      source: BROKEN,
    });
    const crash = await call<{ id: string }>(tokens.amy, 'POST', '/api/submissions', {
      problemId: pair,
      language: 'python',
      source: CRASH,
    });
    expect((await judged(tokens.amy, inContest.id)).verdict).toBe('AC');
    expect((await judged(tokens.amy, amyWork.id)).verdict).toBe('WA');
    await judged(tokens.bo, boWork.id);
    expect((await judged(tokens.amy, compileError.id)).verdict).toBe('CE');
    expect((await judged(tokens.amy, crash.id)).verdict).toBe('RE');
    await call(tokens.tess, 'POST', `/api/submissions/${amyWork.id}/comments`, {
      line: 3,
      body: 'This subtracts: read the statement again, it asks for the sum of the two numbers, and check the sample before you submit.',
    });

    // amy's contest submission names the contest and the problem as the contest does, linking there.
    const student = await newPage();
    await logIn(student, 'amy', 'amy-password');
    await student.goto(`${api.url}/submissions/${inContest.id}`);
    const problem = student.getByTestId('submission-problem');
    expect(await problem.textContent()).toBe('A. Sum of Two Numbers');
    expect(await problem.getAttribute('href')).toBe(`/contests/${contest.id}/problems/A`);
    await student.getByTestId('submission-place').getByRole('link', { name: 'Friday Cup' }).waitFor();
    expect(
      await student.getByRole('navigation', { name: 'Submissions of the same contest or assignment' }).count(),
    ).toBe(0);
    await screenshotEverywhere(student, 'submission-contest');
    await problem.click();
    await student.waitForURL(`${api.url}/contests/${contest.id}/problems/A`);

    // A compile error: the compiler's words, no tests table.
    await student.goto(`${api.url}/submissions/${compileError.id}`);
    expect(await student.getByTestId('verdict').textContent()).toBe('Compilation Error');
    await student.getByText('No test ran: the source did not compile.').waitFor();
    expect(await student.getByRole('region', { name: 'Tests' }).count()).toBe(0);
    expect(await student.locator('table.tests').count()).toBe(0);
    await screenshotEverywhere(student, 'submission-compile-error');

    // A runtime error on a sample: the program's exit code and stderr, not a checker's message.
    await student.goto(`${api.url}/submissions/${crash.id}`);
    const sample = student.getByTestId('sample-comparison').first();
    expect(await sample.getByTestId('program-ending').textContent()).toBe('Your program: exited with code 1');
    expect(await sample.textContent()).toContain('ZeroDivisionError');
    expect(await sample.textContent()).toContain('about to divide');
    expect(await sample.getByText('Checker:').count()).toBe(0);
    await screenshotEverywhere(student, 'submission-runtime-error');

    // The teacher goes from amy's submission to bo's, seeing whose each one is.
    const teacher = await newPage();
    await logIn(teacher, 'tess', 'tess-password');
    await teacher.goto(`${api.url}/submissions/${amyWork.id}`);
    expect(await teacher.getByTestId('submission-author').textContent()).toBe('amy');
    expect(await teacher.getByTestId('submission-problem').textContent()).toBe('B. Sum of Two Numbers');
    await teacher.getByTestId('submission-place').getByRole('link', { name: 'Week 1' }).waitFor();
    expect(await teacher.getByTestId('neighbours-position').textContent()).toBe('1 of 2 in Week 1');
    await screenshotEverywhere(teacher, 'submission-review');
    // Next and previous stay among the assignment's pages.
    const inAssignment = `${api.url}/courses/${course.id}/assignments/${assignment.id}/submissions`;
    await teacher.getByRole('link', { name: 'Next →' }).click();
    await teacher.waitForURL(`${inAssignment}/${boWork.id}`);
    expect(await teacher.getByTestId('submission-author').textContent()).toBe('bo');
    expect(await teacher.getByTestId('neighbours-position').textContent()).toBe('2 of 2 in Week 1');
    await teacher.getByRole('link', { name: '← Previous' }).click();
    await teacher.waitForURL(`${inAssignment}/${amyWork.id}`);

    // On a phone: the tests table keeps its memory column in view, and the long comment wraps on the screen.
    await teacher.setViewportSize({ width: 390, height: 844 });
    const memory = teacher.locator('table.tests th').last();
    expect(await memory.textContent()).toBe('Memory');
    const box = await memory.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const comment = teacher.locator('tr[data-below-line="3"] .comment');
    const commentBox = await comment.boundingBox();
    expect(commentBox!.x + commentBox!.width).toBeLessThanOrEqual(390);
    expect(await pageWidth(teacher)).toBeLessThanOrEqual(390);

    await Promise.all([student.close(), teacher.close()]);
  });
});
