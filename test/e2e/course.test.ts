import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, logIn, newPage, SCREENSHOTS, setupBrowserTests } from './support';

/**
 * A course in a real headless Chromium (Debian's package): a teacher sets an assignment, a student joins and
 * submits, the teacher grades and comments, the student reads the comment. Screenshots go to
 * test-artifacts/screenshots/.
 */
setupBrowserTests();

describe('a course in the browser', () => {
  it('a teacher sets an assignment, a student joins and submits, the teacher grades and comments', async () => {
    const admin = await api.login('admin', 'admin-password');
    for (const [username, role] of [
      ['tina', 'setter'],
      ['stu', 'contestant'],
      ['sam', 'contestant'],
    ]) {
      const created = await api.call('POST', '/api/users', {
        token: admin,
        json: { username, password: `${username}-password`, role },
      });
      expect(created.status).toBe(201);
    }

    // The teacher creates a course and an assignment with one problem.
    const teacher = await newPage();
    await logIn(teacher, 'tina', 'tina-password');
    await teacher.getByRole('link', { name: 'Courses' }).click();
    await teacher.getByLabel('Title').fill('Algorithms 101');
    await teacher.getByRole('button', { name: 'Create course' }).click();
    await teacher.getByRole('heading', { level: 1, name: 'Algorithms 101' }).waitFor();
    const joinCode = (await teacher.getByTestId('join-code').textContent())!.trim();
    expect(joinCode.length).toBeGreaterThan(3);

    await teacher.getByRole('link', { name: 'New assignment or exam' }).click();
    await teacher.getByLabel('Title').fill('Week 1');
    await teacher.getByRole('button', { name: 'Add a problem' }).click();
    await teacher.getByLabel('Problem 1', { exact: true }).selectOption({ label: 'Sum of Two Numbers' });
    await teacher.getByRole('radio', { name: /minus a percentage per started day/ }).check();
    await teacher.getByRole('button', { name: 'Create' }).click();
    await teacher.getByRole('heading', { level: 1, name: /Week 1/ }).waitFor();
    const assignmentUrl = teacher.url();
    expect(await teacher.getByTestId('window-state').textContent()).toBe('Open');

    // The student joins with the code and submits to the assignment.
    const student = await newPage();
    await logIn(student, 'stu', 'stu-password');
    await student.goto(`${api.url}/courses`);
    await student.getByLabel('Join code').fill(joinCode);
    await student.getByRole('button', { name: 'Join' }).click();
    await student.getByRole('heading', { level: 1, name: 'Algorithms 101' }).waitFor();
    await student.screenshot({ path: join(SCREENSHOTS, 'course-student.png'), fullPage: true });
    await student.getByRole('link', { name: 'Week 1' }).click();
    await student.getByText(/Late submissions are accepted, at 10% off per started day/).waitFor();
    await student.getByRole('combobox', { name: /^Language/ }).selectOption('python');
    const editor = student.getByTestId('editor').locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    await student.keyboard.insertText('a, b = map(int, input().split())\nprint(a + b)\n');
    await student.screenshot({ path: join(SCREENSHOTS, 'assignment-student.png'), fullPage: true });
    await student.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => student.getByTestId('verdict').textContent(), { timeout: 60_000 }).toContain('Accepted');
    const submissionUrl = student.url();

    // The teacher sees the grid and comments on a line of the best submission.
    await teacher.goto(`${assignmentUrl}/grades`);
    const row = teacher.getByTestId('grade-row').filter({ hasText: 'stu' });
    await expect.poll(() => row.getByTestId('grade-cell').first().textContent()).toContain('100');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'grades.png'), fullPage: true });
    await row.getByRole('link', { name: /100 points/ }).click();
    await teacher.getByRole('button', { name: 'Comment on line 2' }).click();
    await teacher.getByLabel('Comment', { exact: true }).fill('Nice and short.');
    await teacher.getByRole('button', { name: 'Add comment on line 2' }).click();
    await teacher.locator('tr[data-below-line="2"]').getByText('Nice and short.').waitFor();
    await teacher.screenshot({ path: join(SCREENSHOTS, 'review-teacher.png'), fullPage: true });

    // The student reads it beside the line.
    await student.goto(submissionUrl);
    await student.locator('tr[data-below-line="2"]').getByText('Nice and short.').waitFor();
    expect(await student.getByRole('form', { name: 'Add a comment' }).count()).toBe(0);
    await student.screenshot({ path: join(SCREENSHOTS, 'review-student.png'), fullPage: true });

    // A second student hands in the same program (through the API): the report pairs the two, and the pair
    // view colours the matching lines on both sides.
    const sam = await api.login('sam', 'sam-password');
    const joined = await api.call('POST', '/api/courses/join', { token: sam, json: { code: joinCode } });
    const { id: courseId } = (await joined.json()) as { id: string };
    const assignmentPath = new URL(assignmentUrl).pathname;
    const copied = await api.call('POST', `/api${assignmentPath}/submissions`, {
      token: sam,
      json: { problem: 'A', language: 'python', source: 'a, b = map(int, input().split())\nprint(a + b)\n' },
    });
    expect(copied.status).toBe(201);
    // The report compares judged submissions: wait for this one's verdict.
    const { id: copyId } = (await copied.json()) as { id: string };
    await expect
      .poll(
        async () =>
          ((await (await api.call('GET', `/api/submissions/${copyId}`, { token: sam })).json()) as { status: string })
            .status,
        { timeout: 60_000 },
      )
      .toBe('done');
    expect(assignmentPath.startsWith(`/courses/${courseId}/`)).toBe(true);
    await teacher.goto(`${assignmentUrl}/plagiarism`);
    const pair = teacher.getByTestId('plagiarism-pair').first();
    await pair.waitFor();
    expect(await pair.textContent()).toContain('sam');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'plagiarism-report.png'), fullPage: true });
    await pair.getByRole('button', { name: /^Compare/ }).click();
    await teacher.getByRole('region', { name: 'Source of sam' }).locator('tr.match').first().waitFor();
    expect(await teacher.getByRole('region', { name: 'Source of stu' }).locator('tr.match').count()).toBeGreaterThan(0);
    await teacher.screenshot({ path: join(SCREENSHOTS, 'plagiarism-pair.png'), fullPage: true });

    // On a phone the grid scrolls inside its own box, not the page.
    const phone = await newPage(390, 844);
    await logIn(phone, 'tina', 'tina-password');
    await phone.goto(`${assignmentUrl}/grades`);
    await phone.getByTestId('grade-row').first().waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(SCREENSHOTS, 'phone-grades.png'), fullPage: true });

    await Promise.all([teacher.close(), student.close(), phone.close()]);
  });
});
