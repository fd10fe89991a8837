import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { api, logIn, newPage, SCREENSHOTS, screenshotEverywhere, setupBrowserTests } from './support';

/**
 * Setters and admins in a real Chromium (issue 13): a zip of an existing problem offers to become its new version,
 * a problem is edited in the browser into a new version, the users page creates a teacher and disables an account,
 * and the login page tells a disabled account and a wrong password apart. Screenshots of each page in the three
 * languages and on a phone go to test-artifacts/screenshots/.
 */
setupBrowserTests();

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'problems');

/** examples/problems/hello zipped as a file manager zips a folder (hello/ inside). */
async function helloZip(): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), 'judge-e2e-setters-'));
  try {
    const zip = join(work, 'hello.zip');
    await promisify(execFile)('python3', ['-m', 'zipfile', '-c', zip, join(EXAMPLES, 'hello')]);
    return await readFile(zip);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

describe('setters and admins in the browser', () => {
  it('a zip of an existing problem, renamed by a second download, is offered as its new version', async () => {
    const page = await newPage();
    await logIn(page, 'admin', 'admin-password');
    await page.goto(`${api.url}/admin/problems/new`);
    await page
      .getByLabel('Problem package')
      .setInputFiles({ name: 'hello (1).zip', mimeType: 'application/zip', buffer: await helloZip() });
    const offer = page.getByRole('button', { name: 'Upload as a new version of Sum of Two Numbers' });
    await offer.waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('hello (1).zip is the package of Sum of Two Numbers');
    expect(await page.textContent('body')).not.toContain('PUT /api/problems');
    await page.screenshot({ path: join(SCREENSHOTS, 'setters-upload-offer.png'), fullPage: true });
    await offer.click();
    await page.getByText(/^Version 2 of Sum of Two Numbers stored\.$/).waitFor();
    await screenshotEverywhere(page, 'setters-new-problem');
    await page.close();
  });

  it('edits a problem’s title, statement and limits in the browser: a new version', async () => {
    const token = await api.login('admin', 'admin-password');
    const problems = (await (await api.call('GET', '/api/problems', { token })).json()) as {
      id: string;
      slug: string;
      version: number;
    }[];
    const hello = problems.find((p) => p.slug === 'hello')!;
    const page = await newPage();
    await logIn(page, 'admin', 'admin-password');
    await page.goto(`${api.url}/admin/problems/${hello.id}`);
    await screenshotEverywhere(page, 'setters-manage-problem');
    await page.getByRole('link', { name: 'Edit statement and settings' }).click();
    await page.waitForURL(`${api.url}/admin/problems/${hello.id}/edit`);
    const title = page.getByLabel('Title', { exact: true });
    expect(await title.inputValue()).toBe('Sum of Two Numbers');
    await screenshotEverywhere(page, 'setters-edit-problem');
    await title.fill('Sum of Two Integers');
    await page
      .getByLabel('Statement (Markdown, math in $…$)')
      .fill('Print $a + b$ for two integers.\n\n## Input\n\nTwo integers.');
    await page.getByLabel('Statement preview').getByText('Two integers.', { exact: true }).waitFor();
    await page.getByLabel('Time limit (ms)').fill('2000');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText(`Version ${hello.version + 1} stored.`).waitFor();

    await page.goto(`${api.url}/problems/${hello.id}`);
    await page.getByRole('heading', { level: 1, name: /Sum of Two Integers/ }).waitFor();
    // The statement loads lazily (Markdown and KaTeX come with the first one shown).
    await page.locator('main').getByText('for two integers.').waitFor();
    await page.close();
  });

  it('the users page creates a teacher, resets the role, and disables an account by a button that says so', async () => {
    const page = await newPage();
    await logIn(page, 'admin', 'admin-password');
    await page.goto(`${api.url}/admin/users`);
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('tina');
    await form.getByLabel('Password').fill('tina-password');
    await form.getByLabel('Role').selectOption('teacher');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('User tina created as teacher.').waitFor();
    expect(await form.getByLabel('Role').inputValue()).toBe('contestant');
    expect(await page.getByLabel('Role of tina').inputValue()).toBe('teacher');

    await form.getByLabel('Username').fill('dora');
    await form.getByLabel('Password').fill('dora-password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('button', { name: 'Disable dora' }).click();
    await page.getByRole('button', { name: 'Enable dora' }).waitFor();
    await screenshotEverywhere(page, 'setters-users');
    await page.close();
  });

  it('login tells a disabled account so, and a wrong short password is only wrong', async () => {
    const page = await newPage();
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Username').fill('dora');
    await page.getByLabel('Password').fill('dora-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe(
      'This account is disabled. Ask an administrator to enable it.',
    );
    await page.getByLabel('Username').fill('tina');
    await page.getByLabel('Password').fill('abc');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong username or password.');
    expect(await page.textContent('body')).not.toContain('8 characters');
    await screenshotEverywhere(page, 'setters-login');
    await page.close();
  });
});
