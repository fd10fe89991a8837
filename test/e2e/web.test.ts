import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, browser, logIn, newPage, SCREENSHOTS, setupBrowserTests, typeSolution } from './support';

/** The real platform in a real headless Chromium. Screenshots of the main pages go to test-artifacts/screenshots/. */
const execFileAsync = promisify(execFile);
const EXAMPLES = join(__dirname, '..', '..', 'examples', 'problems');

let work: string;

setupBrowserTests();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'judge-e2e-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a contestant in the browser', () => {
  it('logs in, opens a problem, submits an accepted and a wrong solution, and watches the verdicts', async () => {
    const admin = await api.login('admin', 'admin-password');
    await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'carla', password: 'carla-password', role: 'contestant' },
    });
    const page = await newPage();
    await logIn(page, 'carla', 'carla-password');
    await page.screenshot({ path: join(SCREENSHOTS, 'problems.png'), fullPage: true });

    await page.getByRole('link', { name: 'Sum of Two Numbers' }).first().click();
    await page.getByTestId('editor').locator('.cm-content').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'problem.png'), fullPage: true });

    await page.getByRole('combobox', { name: /^Language/ }).selectOption('python');
    await typeSolution(page, 'a, b = map(int, input().split())\nprint(a + b)\n');
    // The editor has the grammar GET /api/languages names for Python.
    await expect
      .poll(() => page.getByTestId('editor').locator('.cm-content').getAttribute('data-language'))
      .toBe('python');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 60_000 }).toContain('Accepted');
    expect(await page.getByTestId('test-row').count()).toBe(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'submission-accepted.png'), fullPage: true });

    await page.goBack();
    await typeSolution(page, 'a, b = map(int, input().split())\nprint(a - b)\n');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 60_000 }).toContain('Wrong Answer');
    // The ICPC rule: judging stops at the first failing test (here the sample), whose row says so.
    const rows = page.getByTestId('test-row');
    await expect.poll(() => rows.last().textContent()).toContain('Wrong Answer');
    expect(await rows.last().textContent()).toContain('sample/01');
    await page.screenshot({ path: join(SCREENSHOTS, 'submission-wrong-answer.png'), fullPage: true });
    await page.close();
  });
});

describe('a contestant with a solution of several files', () => {
  it('uploads them, picks the entry point, and sees every file on the submission page', async () => {
    const admin = await api.login('admin', 'admin-password');
    await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'milo', password: 'milo-password', role: 'contestant' },
    });
    const page = await newPage();
    await logIn(page, 'milo', 'milo-password');
    await page.getByRole('link', { name: 'Sum of Two Numbers' }).first().click();
    await page.getByLabel('Upload source files').setInputFiles([
      { name: 'adder.py', mimeType: 'text/x-python', buffer: Buffer.from('def add(a, b):\n    return a + b\n') },
      {
        name: 'solve.py',
        mimeType: 'text/x-python',
        buffer: Buffer.from('from adder import add\nprint(add(*map(int, input().split())))\n'),
      },
    ]);
    await page.getByLabel('Entry point').selectOption('solve.py');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 60_000 }).toContain('Accepted');
    await page.getByLabel('Submitted file solve.py').waitFor();
    expect(await page.getByLabel('Submitted file adder.py').textContent()).toContain('return a + b');
    await page.screenshot({ path: join(SCREENSHOTS, 'submission-several-files.png'), fullPage: true });
    await page.close();
  });
});

describe('on a phone, in the dark', () => {
  it('the problem list and a problem page fit a phone-sized screen in the dark theme', async () => {
    const admin = await api.login('admin', 'admin-password');
    await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'phil', password: 'phil-password', role: 'contestant' },
    });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
      isMobile: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Username').fill('phil');
    await page.getByLabel('Password').fill('phil-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Sum of Two Numbers' }).first().waitFor();
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-dark-problems.png'), fullPage: true });
    await page.getByRole('link', { name: 'Sum of Two Numbers' }).first().click();
    await page.getByTestId('editor').locator('.cm-content').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-dark-problem.png'), fullPage: true });
    await context.close();
  });
});

describe('an admin in the browser', () => {
  it('uploads a problem package', async () => {
    // The examples were imported at start: the same package again would clash by name, so it goes up
    // under another folder name.
    const admin = await api.login('admin', 'admin-password');
    const renamed = join(work, 'circle-two');
    await execFileAsync('cp', ['-r', join(EXAMPLES, 'circle'), renamed]);
    const renamedZip = join(work, 'circle-two.zip');
    await execFileAsync('python3', ['-m', 'zipfile', '-c', renamedZip, renamed]);
    const page = await newPage();
    await logIn(page, 'admin', 'admin-password');
    await page.goto(`${api.url}/admin/problems/new`);
    await page.getByLabel('Problem package').setInputFiles(renamedZip);
    await expect
      .poll(async () => (await api.call('GET', '/api/problems', { token: admin })).text(), { timeout: 30_000 })
      .toContain('circle-two');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-upload.png'), fullPage: true });
    await page.close();
  });
});
