import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, browser, logIn, SCREENSHOTS, setupBrowserTests, typeSolution } from './support';

/**
 * A contest driven in a real headless Chromium against the real API with real judging: an admin makes it in the
 * browser, two contestants register and submit, and a scoreboard left open ranks them as verdicts arrive; a
 * browser with no session opens the scoreboard too.
 * Screenshots go to test-artifacts/screenshots/.
 */
const ACCEPTED = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WRONG = 'a, b = map(int, input().split())\nprint(a - b)\n';

setupBrowserTests();

/** Browsers in UTC, so that the test can type contest times into datetime-local fields as UTC. */
async function newContext(options: { phone?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext(
    options.phone
      ? { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, timezoneId: 'UTC' }
      : { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' },
  );
  context.setDefaultTimeout(30_000);
  return context;
}

/** `YYYY-MM-DDTHH:mm` in UTC, as a datetime-local field of a browser in UTC takes it. */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** Opens problem A of the contest, submits, and waits for the newest submission's verdict. */
async function submit(page: Page, contestId: string, source: string, verdict: string): Promise<void> {
  await page.getByRole('link', { name: /^Problem A: Sum of Two Numbers/ }).click();
  await page.getByRole('combobox', { name: /^Language/ }).selectOption('python');
  await typeSolution(page, source);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.waitForURL(`${api.url}/contests/${contestId}/submissions`);
  // Newest first: the first row is the one just made.
  const newest = page.getByTestId('contest-submission').first();
  await expect.poll(() => newest.textContent(), { timeout: 60_000 }).toContain(verdict);
}

/** The minute of the first accepted submission, from the cell's description ("A: solved at minute 3 with ..."). */
async function solvedMinute(row: Locator): Promise<number> {
  const label = await row.getByRole('cell', { name: /^A: solved at minute/ }).getAttribute('aria-label');
  return Number(/minute (\d+)/.exec(label ?? '')?.[1]);
}

describe('a contest in the browser', () => {
  it('an admin creates it, two contestants register and submit, and the open scoreboard ranks them live', async () => {
    const adminToken = await api.login('admin', 'admin-password');
    for (const username of ['ann', 'ben'])
      await api.call('POST', '/api/users', {
        token: adminToken,
        json: { username, password: `${username}-password`, role: 'contestant' },
      });

    // The admin makes the contest in the form: started a minute ago, two hours long, problem A.
    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await logIn(admin, 'admin', 'admin-password');
    await admin.getByRole('link', { name: 'Contests' }).click();
    await admin.getByRole('link', { name: 'New contest' }).click();
    const start = Date.now() - 60_000;
    await admin.getByLabel('Title', { exact: true }).fill('Browser Cup');
    await admin.getByLabel('Description').fill('One problem: add **two** numbers.');
    await admin.getByLabel('Start', { exact: true }).fill(utcInput(start));
    await admin.getByLabel('End', { exact: true }).fill(utcInput(start + 2 * 3600_000));
    await admin.getByLabel('Add a problem').selectOption({ label: 'Sum of Two Numbers' });
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await admin.getByLabel('Label of Sum of Two Numbers').inputValue()).toBe('A');
    // Every other example problem too (B, C, ...): a board wider than a phone.
    const picker = admin.getByLabel('Add a problem');
    while ((await picker.locator('option').count()) > 1) {
      await picker.selectOption({ index: 1 });
      await admin.getByRole('button', { name: 'Add', exact: true }).click();
    }
    expect(await admin.getByLabel(/^Label of /).count()).toBeGreaterThanOrEqual(5);
    await admin.screenshot({ path: join(SCREENSHOTS, 'contest-form.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Create contest' }).click();
    await admin.waitForURL(/\/contests\/[0-9a-f-]{36}$/);
    const contestId = new URL(admin.url()).pathname.split('/').pop()!;
    expect(await admin.getByTestId('contest-phase').textContent()).toBe('Running');
    await expect.poll(() => admin.getByRole('timer').textContent()).toMatch(/^Ends in 01:5\d:\d\d$/);

    // The admin keeps the scoreboard open; a mark on the window shows later that it was never reloaded.
    await admin.getByRole('link', { name: 'Scoreboard' }).click();
    await admin.getByRole('heading', { name: 'Scoreboard' }).waitFor();
    await admin.evaluate('window.__notReloaded = true');

    // Ann registers and solves A at the first try.
    const annContext = await newContext();
    const ann = await annContext.newPage();
    await logIn(ann, 'ann', 'ann-password');
    await ann.goto(`${api.url}/contests`);
    await ann.getByRole('region', { name: 'Running contests' }).getByRole('link', { name: 'Browser Cup' }).click();
    await ann.getByRole('button', { name: 'Register' }).click();
    await ann.getByText('You are registered for this contest.').waitFor();
    await ann.screenshot({ path: join(SCREENSHOTS, 'contest-overview.png'), fullPage: true });
    await submit(ann, contestId, ACCEPTED, 'Accepted');
    // Her problem tab turns to solved once the verdict is in.
    await ann.getByRole('link', { name: 'Problem A: Sum of Two Numbers (solved)' }).waitFor();
    await ann.screenshot({ path: join(SCREENSHOTS, 'contest-submissions.png'), fullPage: true });

    // Ben, on a phone in the dark theme, gets a wrong answer first, then solves it.
    const benContext = await newContext({ phone: true });
    const ben = await benContext.newPage();
    await logIn(ben, 'ben', 'ben-password');
    await ben.goto(`${api.url}/contests/${contestId}`);
    await ben.getByRole('button', { name: 'Register' }).click();
    await ben.getByText('You are registered for this contest.').waitFor();
    await submit(ben, contestId, WRONG, 'Wrong Answer');
    await submit(ben, contestId, ACCEPTED, 'Accepted');

    // The admin's board, never reloaded, now ranks both: Ann first with no penalty beyond her minute, Ben
    // second with 20 minutes for his wrong answer.
    const rows = admin.getByTestId('scoreboard-row');
    await expect
      .poll(
        async () => (await rows.allTextContents()).length === 2 && (await rows.nth(1).textContent())?.includes('ben'),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    await expect
      .poll(
        () =>
          rows
            .nth(1)
            .getByRole('cell', { name: /^A: solved at minute \d+ with 2 attempts$/ })
            .count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    expect(await admin.evaluate('window.__notReloaded')).toBe(true);

    const annRow = rows.nth(0);
    const benRow = rows.nth(1);
    expect(await annRow.getByRole('rowheader').textContent()).toBe('ann');
    expect(await benRow.getByRole('rowheader').textContent()).toBe('ben');
    expect(await annRow.locator('.sb-rank').textContent()).toBe('1');
    expect(await benRow.locator('.sb-rank').textContent()).toBe('2');
    expect(await annRow.getByRole('cell', { name: 'Solved: 1' }).count()).toBe(1);
    expect(await benRow.getByRole('cell', { name: 'Solved: 1' }).count()).toBe(1);
    const annMinute = await solvedMinute(annRow);
    const benMinute = await solvedMinute(benRow);
    expect(await annRow.getByRole('cell', { name: `Penalty: ${annMinute}` }).count()).toBe(1);
    expect(await benRow.getByRole('cell', { name: `Penalty: ${20 + benMinute}` }).count()).toBe(1);
    // Ann solved A first.
    expect(await annRow.getByRole('cell', { name: /first to solve/ }).count()).toBe(1);
    expect(await benRow.getByRole('cell', { name: /first to solve/ }).count()).toBe(0);
    await admin.screenshot({ path: join(SCREENSHOTS, 'contest-scoreboard.png'), fullPage: true });

    // A browser with no session opens the scoreboard's link (a projector, a public page): the board, not the login.
    const visitorContext = await newContext();
    const visitor = await visitorContext.newPage();
    const boardUrl = `${api.url}/contests/${contestId}/scoreboard`;
    await visitor.goto(boardUrl);
    const visitorRows = visitor.getByTestId('scoreboard-row');
    await visitorRows.nth(1).waitFor();
    expect(await visitorRows.getByRole('rowheader').allTextContents()).toEqual(['ann', 'ben']);
    for (const row of [visitorRows.nth(0), visitorRows.nth(1)])
      expect(await row.getByRole('cell', { name: 'Solved: 1' }).count()).toBe(1);
    expect(visitor.url()).toBe(boardUrl);
    expect(await visitor.getByTestId('contest-visitor').getByRole('link', { name: 'Log in' }).count()).toBe(1);
    await visitor.screenshot({ path: join(SCREENSHOTS, 'contest-scoreboard-public.png'), fullPage: true });

    // On Ben's phone the scoreboard scrolls inside its own box: the page itself does not scroll sideways.
    await ben.getByRole('link', { name: 'Scoreboard' }).click();
    await ben.getByTestId('scoreboard-row').nth(1).waitFor();
    expect(await ben.locator('.sb-me').getByRole('rowheader').textContent()).toBe('ben');
    expect(await ben.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const box = ben.getByLabel('Scoreboard, scrolls sideways');
    // The test has no DOM types: the element is typed by the two widths it reads.
    type Box = { scrollWidth: number; clientWidth: number };
    expect(await box.evaluate((element: Box) => element.scrollWidth > element.clientWidth)).toBe(true);
    await ben.screenshot({ path: join(SCREENSHOTS, 'phone-dark-contest-scoreboard.png'), fullPage: true });

    await Promise.all([adminContext.close(), annContext.close(), benContext.close(), visitorContext.close()]);
  });
});
