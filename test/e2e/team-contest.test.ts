import { join } from 'node:path';
import { Client } from 'pg';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { CcsEvent, ContestImportResult, ContestView, ScoreboardView } from '@judge/contract';
import { importContestPackage, readableBoard } from '../api/fixtures';
import { startTestApi, type TestApi } from '../api/support';
import { api, browser, logIn, screenshotEverywhere, SCREENSHOTS, setupBrowserTests, typeSolution } from './support';

/**
 * An ICPC-style team contest from start to finish, in a real headless Chromium against the real API with real
 * judging (docs/contests.md: Teams, Freeze, Balloons, Reveal and awards, Import and export): an admin makes it in the
 * form and imports its teams from CSV, two teams' members submit, a runner hands out the first balloon, the frozen
 * board hides the late result, and the reveal resolves it to the final board with its awards. Then, over HTTP, the
 * contest moves to a second judge with the same board, and its CCS event feed reads the same whole or resumed.
 * Screenshots go to test-artifacts/screenshots/.
 */
const ACCEPTED = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WRONG = 'a, b = map(int, input().split())\nprint(a - b)\n';

/** Two teams of two: one with an affiliation and a country, one with neither. */
const TEAMS_CSV = [
  'team,affiliation,country,location,username,display name',
  'Turing Tigers,KTH,swe,Hall 1 desk 4,tiger1,Tiger One',
  'Turing Tigers,KTH,swe,Hall 1 desk 4,tiger2,Tiger Two',
  'Null Pointers,,,Hall 2 desk 9,pointer1,',
  'Null Pointers,,,Hall 2 desk 9,pointer2,',
].join('\n');

setupBrowserTests();

/** The second judge the contest package moves to (started by the test, on a database of its own). */
let target: TestApi | undefined;
afterAll(async () => {
  await target?.dispose();
});

/** Browsers in UTC, so that the test can type contest times into datetime-local fields as UTC. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
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
  const newest = page.getByTestId('contest-submission').first();
  await expect.poll(() => newest.textContent(), { timeout: 60_000 }).toContain(verdict);
}

async function sql(text: string, values: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: api.config.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A team's row of a board in the page, by the team's name. */
const rowOf = (page: Page, team: string): Locator =>
  page.getByTestId('scoreboard-row').filter({ has: page.locator('.sb-team', { hasText: team }) });

/** What a board in the page shows of each row, top to bottom: rank, team, solved, penalty and the cell of A. */
async function shownRows(page: Page): Promise<string[]> {
  const rows = page.getByTestId('scoreboard-row');
  const shown: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const cells = await row
      .locator('td[aria-label]')
      .evaluateAll((tds: { getAttribute(n: string): string | null }[]) =>
        tds.map((td) => td.getAttribute('aria-label')),
      );
    shown.push(
      [await row.locator('.sb-rank').textContent(), await row.locator('.sb-team').textContent(), ...cells].join(' | '),
    );
  }
  return shown;
}

/** The same rows as the API's board gives them, in the words the page uses. */
function expectedRows(board: ScoreboardView): string[] {
  return board.rows.map((row) => {
    const a = row.problems.A;
    const cell =
      a.solvedAtMinutes !== null
        ? `A: solved at minute ${a.solvedAtMinutes} with ${a.attempts} attempt${a.attempts === 1 ? '' : 's'}${a.firstToSolve ? ', first to solve' : ''}`
        : 'A: not tried';
    return [row.rank, row.username, `Solved: ${row.solved}`, `Penalty: ${row.penalty}`, cell].join(' | ');
  });
}

/** The contest's CCS event feed up to now (stream=false), as the admin reads it: its events, parsed. */
async function eventFeed(adminToken: string, contestId: string, since?: string): Promise<CcsEvent[]> {
  const query = `stream=false${since ? `&since_token=${since}` : ''}`;
  const response = await fetch(`${api.url}/api/ccs/contests/${contestId}/event-feed?${query}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CcsEvent);
}

describe('a team contest in the browser', () => {
  let contestId: string;
  let adminToken: string;
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('runs from the form and a CSV of teams through a frozen board and balloons to the reveal and its awards', async () => {
    adminToken = await api.login('admin', 'admin-password');
    const now = Date.now();

    // The admin makes a team contest in the form: started 40 minutes ago, an hour to go, frozen for its last 62
    // minutes (so since about two minutes ago), problem A with a red balloon, one medal of each kind.
    const adminContext = await newContext();
    contexts.push(adminContext);
    const admin = await adminContext.newPage();
    await logIn(admin, 'admin', 'admin-password');
    await admin.goto(`${api.url}/contests/new`);
    await admin.getByLabel('Title', { exact: true }).fill('Team Finals');
    await admin.getByLabel('Start', { exact: true }).fill(utcInput(now - 40 * 60_000));
    await admin.getByLabel('End', { exact: true }).fill(utcInput(now + 60 * 60_000));
    await admin.getByLabel('Freeze minutes').fill('62');
    await admin.getByLabel('Team contest').check();
    for (const medal of ['Gold medals', 'Silver medals', 'Bronze medals']) await admin.getByLabel(medal).fill('1');
    await admin.getByLabel('Add a problem').selectOption({ label: 'Sum of Two Numbers' });
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    await admin.getByLabel('Balloon colour of A').fill('#e63946');
    await admin.screenshot({ path: join(SCREENSHOTS, 'team-contest-form.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Create contest' }).click();
    await admin.waitForURL(/\/contests\/[0-9a-f-]{36}$/);
    contestId = new URL(admin.url()).pathname.split('/').pop()!;
    const created = (await (
      await api.call('GET', `/api/contests/${contestId}`, { token: adminToken })
    ).json()) as ContestView;
    expect(created).toMatchObject({ teams: true, freezeMinutes: 62, medals: { gold: 1, silver: 1, bronze: 1 } });
    expect(created.problems.map((p) => [p.label, p.color])).toEqual([['A', '#e63946']]);
    const freezesAt = Date.parse(created.freezesAt!);

    // Its teams, from a CSV file on the contest's Teams page; the accounts' passwords are on the printed sheet.
    await admin.getByRole('link', { name: 'Teams', exact: true }).click();
    await admin.getByLabel('CSV file of accounts').setInputFiles({
      name: 'teams.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(TEAMS_CSV),
    });
    await admin.getByRole('button', { name: 'Import', exact: true }).click();
    const sheet = admin.getByRole('region', { name: 'Account sheet' });
    await sheet.getByRole('status').filter({ hasText: '4 accounts created' }).waitFor();
    const passwords: Record<string, string> = {};
    const sheetRows = sheet.locator('tbody tr');
    expect(await sheetRows.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const cells = await sheetRows.nth(i).getByRole('cell').allTextContents();
      passwords[cells[0]] = cells[2];
      expect(cells[3]).toBe(cells[0].startsWith('tiger') ? 'Turing Tigers' : 'Null Pointers');
    }
    expect(Object.keys(passwords).sort()).toEqual(['pointer1', 'pointer2', 'tiger1', 'tiger2']);
    const teamList = admin.getByRole('table', { name: 'Teams' });
    await teamList.getByRole('rowheader', { name: 'Turing Tigers' }).waitFor();
    expect(
      await teamList.getByRole('row').filter({ hasText: 'Turing Tigers' }).getByRole('cell').allTextContents(),
    ).toEqual(expect.arrayContaining(['KTH (SWE)', 'Hall 1 desk 4', 'tiger1, tiger2']));
    await admin.screenshot({ path: join(SCREENSHOTS, 'team-contest-teams.png'), fullPage: true });

    // The Tigers: one member gets a wrong answer, the other solves A, each in their own browser.
    const member = async (username: string): Promise<Page> => {
      const context = await newContext();
      contexts.push(context);
      const page = await context.newPage();
      await logIn(page, username, passwords[username]);
      await page.goto(`${api.url}/contests/${contestId}`);
      return page;
    };
    const tiger1 = await member('tiger1');
    await submit(tiger1, contestId, WRONG, 'Wrong Answer');
    const tiger2 = await member('tiger2');
    await submit(tiger2, contestId, ACCEPTED, 'Accepted');
    // The team shares its work: the first member's problem tab shows A solved by the team.
    await tiger1.reload();
    await tiger1.getByRole('link', { name: 'Problem A: Sum of Two Numbers (solved)' }).waitFor();
    // A browser cannot submit before a freeze that began already: the Tigers' two submissions are moved to three
    // and two minutes before it (minutes 35 and 36), as if made then. No board is open yet to hold the old times.
    await sql(
      `UPDATE submissions SET created_at = $2::timestamptz - CASE verdict WHEN 'AC' THEN interval '2 minutes'
       ELSE interval '3 minutes' END WHERE contest_id = $1`,
      [contestId, new Date(freezesAt).toISOString()],
    );

    // The Pointers solve A at the first try during the freeze (moved to a minute after the freeze began, minute
    // 39, so that the penalties do not depend on how long the test took).
    const pointer1 = await member('pointer1');
    await submit(pointer1, contestId, ACCEPTED, 'Accepted');
    await sql(
      `UPDATE submissions SET created_at = $2::timestamptz + interval '1 minute'
       WHERE contest_id = $1 AND team_id = (SELECT id FROM teams WHERE contest_id = $1 AND name = 'Null Pointers')`,
      [contestId, new Date(freezesAt).toISOString()],
    );

    // Balloons: the Tigers' is first and marked so, with the colour and the desk; the runner hands it out.
    await admin.goto(`${api.url}/contests/${contestId}`);
    await admin.getByRole('link', { name: 'Balloons', exact: true }).click();
    const toDeliver = admin.getByTestId('balloon');
    await expect.poll(() => toDeliver.count(), { timeout: 30_000 }).toBe(2);
    const tigersBalloon = toDeliver.filter({ hasText: 'Turing Tigers' });
    expect(await tigersBalloon.textContent()).toContain('Hall 1 desk 4');
    expect(await tigersBalloon.getByText('First', { exact: true }).count()).toBe(1);
    expect(await tigersBalloon.getByRole('img', { name: 'Colour #e63946' }).count()).toBe(1);
    expect(await toDeliver.filter({ hasText: 'Null Pointers' }).getByText('First', { exact: true }).count()).toBe(0);
    await tigersBalloon.getByRole('button', { name: 'Done' }).click();
    const delivered = admin.getByTestId('balloon-done');
    await delivered.filter({ hasText: 'Turing Tigers' }).waitFor();
    expect(await delivered.textContent()).toContain('by admin');
    await expect.poll(() => toDeliver.count(), { timeout: 30_000 }).toBe(1);
    expect(await toDeliver.textContent()).toContain('Null Pointers');
    await screenshotEverywhere(admin, 'team-contest-balloons');

    // The freeze: a Tiger sees the Pointers' late submission as pending, their own team's row in full.
    await tiger1.getByRole('link', { name: 'Scoreboard' }).click();
    await rowOf(tiger1, 'Null Pointers').waitFor();
    expect(await rowOf(tiger1, 'Null Pointers').getByRole('cell', { name: 'A: 1 pending' }).count()).toBe(1);
    expect(await rowOf(tiger1, 'Null Pointers').getByRole('cell', { name: 'Solved: 0' }).count()).toBe(1);
    expect(
      await rowOf(tiger1, 'Turing Tigers')
        .getByRole('cell', { name: 'A: solved at minute 36 with 2 attempts, first to solve' })
        .count(),
    ).toBe(1);
    expect(await rowOf(tiger1, 'Turing Tigers').locator('.sb-affiliation').textContent()).toBe('KTH SWE');
    await tiger1.screenshot({ path: join(SCREENSHOTS, 'team-contest-scoreboard-frozen.png'), fullPage: true });
    // A visitor without a session too; the Pointers themselves see their own solve.
    const visitorContext = await newContext();
    contexts.push(visitorContext);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${api.url}/contests/${contestId}/scoreboard`);
    await rowOf(visitor, 'Null Pointers').waitFor();
    expect(await rowOf(visitor, 'Null Pointers').getByRole('cell', { name: 'A: 1 pending' }).count()).toBe(1);
    expect(await shownRows(visitor)).toEqual([
      '1 | Turing Tigers | Solved: 1 | Penalty: 56 | A: solved at minute 36 with 2 attempts, first to solve',
      '2 | Null Pointers | Solved: 0 | Penalty: 0 | A: 1 pending',
    ]);
    await pointer1.getByRole('link', { name: 'Scoreboard' }).click();
    await rowOf(pointer1, 'Null Pointers')
      .getByRole('cell', { name: 'A: solved at minute 39 with 1 attempt' })
      .waitFor();

    // The contest ends now; the freeze stays where it was.
    const endsAt = Math.floor(Date.now() / 60_000) * 60_000;
    const ended = await api.call('PUT', `/api/contests/${contestId}`, {
      token: adminToken,
      json: {
        title: created.title,
        description: created.description,
        startsAt: created.startsAt,
        endsAt: new Date(endsAt).toISOString(),
        scoring: created.scoring,
        freezeMinutes: (endsAt - freezesAt) / 60_000,
        registration: created.registration,
        practiceAfter: created.practiceAfter,
        feedback: created.feedback,
        runsEnabled: created.runsEnabled,
        teams: true,
        medals: created.medals,
        problems: created.problems.map((p) => ({ problemId: p.problemId, label: p.label, color: p.color })),
        balloonsDuringFreeze: created.balloonsDuringFreeze,
      },
    });
    expect(ended.status).toBe(200);
    const after = (await (
      await api.call('GET', `/api/contests/${contestId}`, { token: adminToken })
    ).json()) as ContestView;
    expect(after).toMatchObject({ phase: 'ended', freezesAt: created.freezesAt });
    const finalBoard = (await (
      await api.call('GET', `/api/contests/${contestId}/scoreboard`, { token: adminToken })
    ).json()) as ScoreboardView;
    // The Pointers win on penalty: 39 minutes against the Tigers' 36 and 20 for the wrong answer.
    expect(finalBoard.rows.map((r) => [r.rank, r.username, r.solved, r.penalty])).toEqual([
      [1, 'Null Pointers', 1, 39],
      [2, 'Turing Tigers', 1, 56],
    ]);

    // The reveal, from the contest's page, stepped with the keyboard to the end.
    await admin.goto(`${api.url}/contests/${contestId}`);
    await admin.getByRole('link', { name: 'Reveal', exact: true }).click();
    await admin.getByTestId('reveal-screen').waitFor();
    expect(await shownRows(admin)).toEqual(await shownRows(visitor));
    const progress = admin.getByTestId('reveal-progress');
    const total = Number(/of (\d+)$/.exec((await progress.textContent()) ?? '')?.[1]);
    expect(total).toBe(3);
    await admin.keyboard.press('Space');
    await expect.poll(() => progress.textContent()).toBe(`Step 1 of ${total}`);
    expect(await admin.getByTestId('reveal-announce').textContent()).toBe(
      'Null Pointers, problem A: solved at minute 39. Null Pointers moves up from place 2 to place 1.',
    );
    await admin.screenshot({ path: join(SCREENSHOTS, 'team-contest-reveal-step.png'), fullPage: true });
    for (let step = 2; step <= total; step++) {
      await admin.keyboard.press('ArrowRight');
      await expect.poll(() => progress.textContent()).toBe(`Step ${step} of ${total}`);
    }
    await admin.getByTestId('reveal-end').getByText('The winner: Null Pointers').waitFor();
    expect(await shownRows(admin)).toEqual(expectedRows(finalBoard));
    const awards = admin.getByRole('region', { name: 'Awards' }).getByRole('listitem');
    expect(await awards.allTextContents()).toEqual([
      'Null Pointers: Winner, Gold medal',
      'Turing Tigers: Silver medal, First to solve A',
    ]);
    await admin.screenshot({ path: join(SCREENSHOTS, 'team-contest-reveal-end.png'), fullPage: true });

    // The reveal's last button unfreezes the board for everyone: the visitor's board is the final one.
    await admin.getByRole('button', { name: 'Unfreeze the scoreboard for everyone' }).click();
    await admin.getByText('The scoreboard is unfrozen: everyone sees the final results.').waitFor();
    await expect.poll(() => shownRows(visitor), { timeout: 30_000 }).toEqual(expectedRows(finalBoard));
  });

  it('moves to another judge by its contest package with the same board, and its event feed reads the same resumed', async () => {
    const exported = await api.call('GET', `/api/contests/${contestId}/export`, { token: adminToken });
    expect(exported.status).toBe(200);
    const zip = Buffer.from(await exported.arrayBuffer());

    target = await startTestApi();
    const targetAdmin = await target.login('admin', 'admin-password');
    const imported = await importContestPackage(target, targetAdmin, zip);
    expect(imported.status).toBe(201);
    const result = (await imported.json()) as ContestImportResult;
    expect(result).toMatchObject({ teams: 2, submissions: 3, rejudged: false });
    const boardOf = async (judge: TestApi, token: string, id: string) =>
      (await (await judge.call('GET', `/api/contests/${id}/scoreboard`, { token })).json()) as ScoreboardView;
    const before = readableBoard(await boardOf(api, adminToken, contestId));
    const after = readableBoard(await boardOf(target, targetAdmin, result.contestId));
    expect(after).toEqual(before);
    expect(after.rows.map((r) => [r.rank, r.username, r.team?.organization])).toEqual([
      [1, 'Null Pointers', null],
      [2, 'Turing Tigers', { name: 'KTH', country: 'SWE' }],
    ]);

    // The event feed from the start: every event once, in token order, each submission once.
    const whole = await eventFeed(adminToken, contestId);
    const tokens = whole.map((e) => BigInt(e.token));
    expect(tokens.every((t, i) => i === 0 || t > tokens[i - 1])).toBe(true);
    const submissionEvents = whole.filter((e) => e.type === 'submissions').map((e) => e.id);
    expect(submissionEvents).toHaveLength(3);
    expect(new Set(submissionEvents).size).toBe(3);
    expect(
      whole
        .filter((e) => e.type === 'teams')
        .map((e) => (e.data as { name: string }).name)
        .sort(),
    ).toEqual(['Null Pointers', 'Turing Tigers']);
    // Resumed from a token in the middle: exactly the events after it.
    const middle = Math.floor(whole.length / 2);
    expect(middle).toBeGreaterThan(0);
    const resumed = await eventFeed(adminToken, contestId, whole[middle].token);
    // Read again from the start: the log only grows, and the resumed read is its tail.
    const again = await eventFeed(adminToken, contestId);
    expect(again.slice(0, whole.length)).toEqual(whole);
    expect(resumed).toEqual(again.slice(middle + 1));
    expect(resumed.length).toBeGreaterThan(0);
  });
});
