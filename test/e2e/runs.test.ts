import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, logIn, newPage, SCREENSHOTS, screenshotEverywhere, setupBrowserTests, typeSolution } from './support';

/**
 * Run in a real Chromium against the real API and sandbox: on the hello problem the input box holds the first
 * sample and Run (Ctrl+') shows the program's output and OK; a program that fails shows RE with its stderr; the
 * playground runs a program on input typed into it. Nothing is submitted. The problem page with its input box and
 * the playground are photographed in the three UI languages and on a phone (test-artifacts/screenshots/).
 */
setupBrowserTests();

const SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';
const CRASH = 'import sys\nprint("about to divide", file=sys.stderr)\nprint(1 // 0)\n';
const SHOUT = 'import sys\nprint(input().upper(), *sys.argv[1:])\n';

describe('runs in the browser', () => {
  it('runs on the first sample from a problem page, shows a failing run, and runs typed input in the playground', async () => {
    const admin = await api.login('admin', 'admin-password');
    const created = await api.call('POST', '/api/users', {
      token: admin,
      json: { username: 'rita', password: 'rita-password', role: 'contestant' },
    });
    expect(created.status).toBe(201);
    const problems = (await (await api.call('GET', '/api/problems', { token: admin })).json()) as {
      id: string;
      title: string;
    }[];
    const hello = problems.find((p) => p.title === 'Sum of Two Numbers')!.id;

    const page = await newPage();
    await logIn(page, 'rita', 'rita-password');
    await page.goto(`${api.url}/problems/${hello}`);
    const input = page.getByRole('textbox', { name: 'Input' });
    await input.waitFor();
    expect(await input.inputValue()).toBe('3 4\n');
    await page.getByTestId('editor').locator('.cm-content').waitFor();
    await screenshotEverywhere(page, 'problem-run');

    await page.getByRole('combobox', { name: /^Language/ }).selectOption('python');
    await typeSolution(page, SUM);
    // The key works from the editor, where the typing is.
    await page.keyboard.press("Control+'");
    const result = page.getByRole('region', { name: 'Run result' });
    const verdict = result.getByTestId('run-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toBe('OK');
    expect(await result.locator('figure', { hasText: 'Output (stdout)' }).locator('pre').textContent()).toBe('7\n');
    expect(await result.getByTestId('run-exit').textContent()).toBe('exit code 0');
    await page.screenshot({ path: join(SCREENSHOTS, 'problem-run-ok.png'), fullPage: true });

    await typeSolution(page, CRASH);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toBe('Run-Time Error');
    expect(await result.locator('figure', { hasText: 'Errors (stderr)' }).locator('pre').textContent()).toContain(
      'about to divide',
    );
    expect(await result.locator('figure', { hasText: 'Errors (stderr)' }).locator('pre').textContent()).toContain(
      'ZeroDivisionError',
    );
    expect(await result.getByTestId('run-exit').textContent()).toBe('exit code 1');
    await page.screenshot({ path: join(SCREENSHOTS, 'problem-run-re.png'), fullPage: true });

    // Runs are no submissions.
    const rita = await api.login('rita', 'rita-password');
    const submissions = (await (await api.call('GET', '/api/submissions', { token: rita })).json()) as {
      items: unknown[];
    };
    expect(submissions.items).toEqual([]);

    await page.getByRole('link', { name: 'Playground' }).click();
    await page.waitForURL((url) => url.pathname === '/playground');
    await page.getByRole('combobox', { name: /^Language/ }).selectOption('python');
    await typeSolution(page, SHOUT);
    await page.getByRole('textbox', { name: 'Input' }).fill('typed in the box\n');
    await page.getByRole('textbox', { name: /^Arguments/ }).fill('--loud');
    await page.getByRole('button', { name: 'Run' }).click();
    const played = page.getByRole('region', { name: 'Run result' });
    await expect.poll(() => played.getByTestId('run-verdict').textContent(), { timeout: 60_000 }).toBe('OK');
    expect(await played.locator('figure', { hasText: 'Output (stdout)' }).locator('pre').textContent()).toBe(
      'TYPED IN THE BOX --loud\n',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-ok.png'), fullPage: true });
    // The code and the input stay in this browser: reloaded, the page shows them again.
    await screenshotEverywhere(page, 'playground');
    expect(await page.getByRole('textbox', { name: 'Input' }).inputValue()).toBe('typed in the box\n');
    expect(await page.getByTestId('editor').locator('.cm-content').textContent()).toContain('print(input().upper()');
    await page.close();
  });
});
