import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProblemListItem } from '@judge/contract';
import { api, logIn, newPage, screenshotEverywhere, setupBrowserTests } from './support';

/**
 * The problem list and page (code, tags, solved counts, acceptance, a derived time limit as its number), a
 * contest's live countdowns and its Register button on a problem tab, and a user's profile, in a real Chromium
 * against the real API with real judging. Screenshots of each page in three languages and on a phone go to
 * test-artifacts/screenshots/.
 */
const ACCEPTED = 'a, b = map(int, input().split())\nprint(a + b)\n';
const AREA = 'import math\nr = float(input())\nprint(math.pi * r * r)\n';

setupBrowserTests();

let admin = '';
const tokens: Record<string, string> = {};

async function json<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await api.call(method, path, { token, json: body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function problemId(title: string): Promise<string> {
  const list = await json<ProblemListItem[]>('GET', '/api/problems', admin);
  const found = list.find((p) => p.title === title);
  if (!found) throw new Error(`no problem ${title}`);
  return found.id;
}

/** Submits in practice and waits for the verdict. */
async function practise(user: string, id: string, source: string): Promise<void> {
  const { id: submission } = await json<{ id: string }>('POST', '/api/submissions', tokens[user], {
    problemId: id,
    language: 'python',
    source,
  });
  await expect
    .poll(async () => (await json<{ status: string }>('GET', `/api/submissions/${submission}`, tokens[user])).status, {
      timeout: 120_000,
      interval: 200,
    })
    .toBe('done');
}

const rowOf = (page: Page, title: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });

describe('contests and problems in the browser', () => {
  it('lists problems with code, tags, counts and the derived time limit, and shows them on the page', async () => {
    admin = await api.login('admin', 'admin-password');
    for (const username of ['cara', 'dan']) {
      await json('POST', '/api/users', admin, { username, password: `${username}-password`, role: 'contestant' });
      tokens[username] = await api.login(username, `${username}-password`);
    }
    const hello = await problemId('Sum of Two Numbers');
    const circle = await problemId('Circle Area');

    const page = await newPage();
    await logIn(page, 'cara', 'cara-password');
    await page.goto(`${api.url}/problems`);
    // Circle writes no time limit: until its first judging, the list says when it is set.
    await expect.poll(() => rowOf(page, 'Circle Area').textContent()).toContain('Set at the first judging');

    await practise('dan', hello, ACCEPTED);
    await practise('dan', circle, AREA);
    await page.reload();
    const helloRow = rowOf(page, 'Sum of Two Numbers');
    expect(await helloRow.getByTestId('problem-code').textContent()).toBe('hello');
    expect(await helloRow.getByRole('button', { name: 'math' }).count()).toBe(1);
    expect(await helloRow.getByRole('button', { name: 'implementation' }).count()).toBe(1);
    expect(await helloRow.getByTestId('problem-solved-by').textContent()).toBe('1');
    expect(await helloRow.getByTestId('problem-acceptance').textContent()).toBe('100%');
    // Derived by that judging: now a number of seconds, never "from solutions".
    const circleRow = rowOf(page, 'Circle Area');
    expect(await circleRow.textContent()).toMatch(/\d s/);
    expect(await circleRow.textContent()).not.toContain('solutions');
    await screenshotEverywhere(page, 'problems-list');

    // A tag searches for its problems.
    await rowOf(page, 'Sum of Two Numbers').getByRole('button', { name: 'implementation' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);

    await page.goto(`${api.url}/problems/${circle}`);
    const limits = page.getByLabel('Limits');
    await expect.poll(() => limits.textContent()).toMatch(/Time limit\d/);
    expect(await limits.textContent()).not.toContain('solutions');
    expect(await page.getByTestId('problem-code').textContent()).toBe('circle');
    expect(await page.getByTestId('problem-solved-by').textContent()).toBe('1');
    await screenshotEverywhere(page, 'problem-page');
    await page.close();
  });

  it('counts down live to the freeze and the end, and offers Register on a problem tab', async () => {
    const hello = await problemId('Sum of Two Numbers');
    const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
    const { id } = await json<{ id: string }>('POST', '/api/contests', admin, {
      title: 'Countdown Cup',
      description: 'One problem, two hours; the board freezes for the last hour.',
      startsAt: minutes(-1),
      endsAt: minutes(120),
      scoring: 'icpc',
      freezeMinutes: 60,
      registration: 'open',
      problems: [{ problemId: hello, label: 'A' }],
    });
    await json('POST', `/api/contests/${id}/register`, tokens.dan, {});

    const page = await newPage();
    await logIn(page, 'cara', 'cara-password');
    await page.goto(`${api.url}/contests/${id}`);
    const freeze = page.getByTestId('countdown-freeze');
    const end = page.getByTestId('countdown-end');
    expect(await freeze.textContent()).toMatch(/^Scoreboard freezes in \d\d:\d\d(:\d\d)?$/);
    expect(await end.textContent()).toMatch(/^Ends in \d\d:\d\d:\d\d$/);
    // Live: the next second shows without a reload.
    const before = await end.textContent();
    await expect.poll(() => end.textContent(), { timeout: 5000 }).not.toBe(before);
    await screenshotEverywhere(page, 'contest-overview');

    // The problem tab, opened before registering: the Register button is there, and then the problem.
    await page.getByRole('link', { name: /^Problem A: Sum of Two Numbers/ }).click();
    await page.getByText('Register for the contest to see its problems and submit.').waitFor();
    await screenshotEverywhere(page, 'contest-problem-register');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'A. Sum of Two Numbers' }).waitFor();
    expect(await page.getByRole('button', { name: 'Register' }).count()).toBe(0);

    // A username on the scoreboard opens the user's profile.
    await page.getByRole('link', { name: 'Scoreboard', exact: true }).click();
    await page.getByRole('link', { name: 'dan', exact: true }).click();
    await page.waitForURL(`${api.url}/users/dan`);
    await page.close();
  });

  it("shows a user's profile: solved problems, contests, and their submissions to themself", async () => {
    const page = await newPage();
    await logIn(page, 'cara', 'cara-password');
    await page.goto(`${api.url}/users/dan`);
    const solved = page.getByRole('list', { name: /^Solved problems/ });
    await solved.waitFor();
    // Sum of Two Numbers is problem A of the running Countdown Cup: hidden from practice, so from others' view.
    expect(await solved.getByRole('link').allTextContents()).toEqual(['Circle Area']);
    expect(
      await page
        .getByRole('list', { name: /^Contests/ })
        .getByRole('link')
        .allTextContents(),
    ).toEqual(['Countdown Cup']);
    await page.getByText("Only dan and the judge's staff see dan's submissions.").waitFor();
    await screenshotEverywhere(page, 'profile');
    await page.close();

    const own = await newPage();
    await logIn(own, 'dan', 'dan-password');
    await own.goto(`${api.url}/users/dan`);
    await expect.poll(() => own.getByTestId('profile-submission').count()).toBe(2);
    // Their own page tells them nothing new: what they solved wherever it was.
    expect(
      await own
        .getByRole('list', { name: /^Solved problems/ })
        .getByRole('link')
        .allTextContents(),
    ).toEqual(['Circle Area', 'Sum of Two Numbers']);
    await screenshotEverywhere(own, 'profile-own');
    await own.close();
  });
});
