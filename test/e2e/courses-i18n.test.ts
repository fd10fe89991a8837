import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, logIn, newPage, screenshotEverywhere, setupBrowserTests, typeSolution } from './support';

/**
 * A course's pages in a real headless Chromium, in the three UI languages and on a phone: the assignment's
 * description in Markdown, a student who submits from the assignment and stays among its pages, and the course,
 * assignment, submission and grades pages as screenshots (test-artifacts/screenshots/).
 */
setupBrowserTests();

const SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';
const DESCRIPTION = [
  'Add **two** numbers, then read the hints:',
  '',
  '- inputs fit in $a, b \\le 10^9$',
  '- print one line',
  '',
  '<script>window.hacked = true</script>',
].join('\n');

/** Reloads the page in `locale`, as a visitor who picked it in the switcher. */
async function speak(page: Page, locale: string): Promise<void> {
  await page.evaluate(`localStorage.setItem('judge.locale', ${JSON.stringify(locale)})`);
  await page.reload();
  await page.locator(`html[lang="${locale}"]`).waitFor();
}

describe('a course in three languages', () => {
  it('shows the Markdown description, keeps a student who submits in the assignment, and speaks each language', async () => {
    const admin = await api.login('admin', 'admin-password');
    for (const [username, role] of [
      ['tina', 'setter'],
      ['stu', 'contestant'],
    ]) {
      const created = await api.call('POST', '/api/users', {
        token: admin,
        json: { username, password: `${username}-password`, role },
      });
      expect(created.status).toBe(201);
    }

    // The course and its assignment, made through the API (course.test.ts makes them in the browser).
    const tina = await api.login('tina', 'tina-password');
    const course = (await (
      await api.call('POST', '/api/courses', {
        token: tina,
        json: { title: 'Algorithms 101', description: 'Weekly problem sets.' },
      })
    ).json()) as { id: string; joinCode: string };
    const problems = (await (await api.call('GET', '/api/problems', { token: tina })).json()) as {
      id: string;
      title: string;
    }[];
    const sum = problems.find((p) => p.title === 'Sum of Two Numbers')!;
    const made = await api.call('POST', `/api/courses/${course.id}/assignments`, {
      token: tina,
      json: {
        title: 'Week 1',
        description: DESCRIPTION,
        kind: 'assignment',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        deadline: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        latePenalty: { type: 'per-day', percent: 10 },
        lateUntil: null,
        durationMinutes: null,
        feedback: null,
        problems: [{ problemId: sum.id, label: 'A' }],
      },
    });
    expect(made.status).toBe(201);
    const { id: assignmentId } = (await made.json()) as { id: string };
    const stuToken = await api.login('stu', 'stu-password');
    const joined = await api.call('POST', '/api/courses/join', { token: stuToken, json: { code: course.joinCode } });
    expect(joined.status).toBe(200);
    const assignmentUrl = `${api.url}/courses/${course.id}/assignments/${assignmentId}`;

    // The description is Markdown with math, sanitised: bold, a list, KaTeX, and no script.
    const student = await newPage();
    await logIn(student, 'stu', 'stu-password');
    await student.goto(assignmentUrl);
    const description = student.getByRole('article', { name: 'Description' });
    await description.locator('strong').getByText('two').waitFor();
    expect(await description.getByRole('listitem').count()).toBe(2);
    expect(await description.locator('.katex').count()).toBe(1);
    expect(await description.locator('script').count()).toBe(0);
    expect(await description.textContent()).not.toContain('**');
    expect(await student.evaluate('window.hacked === undefined')).toBe(true);

    // Submitting opens the submission under the assignment, with the way back to it.
    await student.getByRole('combobox', { name: /^Language/ }).selectOption('python');
    await typeSolution(student, SUM);
    await student.getByRole('button', { name: 'Submit' }).click();
    await student.waitForURL(new RegExp(`/courses/${course.id}/assignments/${assignmentId}/submissions/[0-9a-f-]+$`));
    await expect.poll(() => student.getByTestId('verdict').textContent(), { timeout: 60_000 }).toContain('Accepted');
    const context = student.getByTestId('submission-place');
    expect(await context.getByRole('link', { name: 'Algorithms 101' }).getAttribute('href')).toBe(
      `/courses/${course.id}`,
    );
    await screenshotEverywhere(student, 'course-assignment-submission');

    await context.getByRole('link', { name: 'Week 1' }).click();
    await student.waitForURL(assignmentUrl);
    // The assignment's list of submissions stays in the assignment too, in points out of 100.
    const points = student.getByTestId('submission-points').first();
    await expect.poll(() => points.textContent(), { timeout: 60_000 }).toBe('100');
    const listed = student.getByRole('region', { name: 'My submissions' }).getByRole('link').first();
    expect(await listed.getAttribute('href')).toMatch(
      new RegExp(`^/courses/${course.id}/assignments/${assignmentId}/submissions/`),
    );
    await screenshotEverywhere(student, 'course-assignment');

    // The same page in Chinese and in Spanish: headings, the late rule, the window state.
    await speak(student, 'zh-CN');
    await student.getByRole('heading', { level: 2, name: '我的提交' }).waitFor();
    await student.getByText('接受迟交，超过截止时间后每开始一天扣 10%。', { exact: false }).waitFor();
    expect(await student.getByTestId('window-state').textContent()).toBe('进行中');
    await speak(student, 'es');
    await student.getByRole('heading', { level: 2, name: 'Mis envíos' }).waitFor();
    await student.getByRole('article', { name: 'Descripción' }).locator('strong').waitFor();
    expect(await student.getByTestId('window-state').textContent()).toBe('Abierta');
    await speak(student, 'en');

    // The teacher's course page and the grades, on the same scale as the student's list.
    const teacher = await newPage();
    await logIn(teacher, 'tina', 'tina-password');
    await teacher.goto(`${api.url}/courses/${course.id}`);
    await teacher.getByTestId('assignment-row').waitFor();
    await teacher.getByRole('region', { name: 'Members' }).getByRole('cell', { name: 'stu', exact: true }).waitFor();
    await screenshotEverywhere(teacher, 'course-page');

    await teacher.goto(`${assignmentUrl}/grades`);
    const cell = teacher.getByTestId('grade-row').filter({ hasText: 'stu' }).getByTestId('grade-cell').first();
    await expect.poll(() => cell.getByRole('link').textContent()).toBe('100');
    expect(await cell.getByRole('link').getAttribute('href')).toMatch(
      new RegExp(`^/courses/${course.id}/assignments/${assignmentId}/submissions/`),
    );
    await screenshotEverywhere(teacher, 'course-grades');
    await speak(teacher, 'zh-CN');
    await teacher.getByRole('heading', { level: 1, name: '成绩' }).waitFor();
    await teacher.getByRole('button', { name: '下载 CSV' }).waitFor();

    await Promise.all([student.close(), teacher.close()]);
  });
});
