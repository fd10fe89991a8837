import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ContestView, UpsolvingView, VirtualScoreboardView, VirtualState } from '@judge/contract';
import { CONTEST_ID, PROBLEM_ID, contestView, scoreboardCell, submissionView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const hour = 3600_000;
/** The contest pages are one lazily loaded chunk: the first test to open one waits for it. */
const WAIT = { timeout: 10_000 };
const VIC = '11111111-1111-1111-1111-111111111111';

/** Ended an hour ago, after two hours. */
function ended(overrides: Partial<ContestView> = {}): ContestView {
  const now = Date.now();
  return contestView({
    phase: 'ended',
    registered: false,
    startsAt: new Date(now - 3 * hour).toISOString(),
    endsAt: new Date(now - hour).toISOString(),
    ...overrides,
  });
}

const running = (elapsedMs: number): VirtualState => ({
  participation: {
    status: 'running',
    startedAt: new Date(Date.now() - elapsedMs).toISOString(),
    endsAt: new Date(Date.now() - elapsedMs + 2 * hour).toISOString(),
    durationMs: 2 * hour,
    elapsedMs,
  },
  canStart: false,
  refusal: 'VIRTUAL_EXISTS',
});

function api(contest: ContestView, state: () => VirtualState, extra: Record<string, unknown> = {}) {
  return mockApi(({ method, url }) => {
    if (url === `/api/contests/${CONTEST_ID}`) return { body: contest };
    if (method === 'GET' && url === `/api/contests/${CONTEST_ID}/virtual`) return { body: state() };
    if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/virtual`)
      return { status: 201, body: running(0).participation };
    if (url in extra) return { body: extra[url] };
    return undefined;
  });
}

describe('virtual participation', () => {
  it('starts one on an ended contest after a confirmation, then counts down its time', async () => {
    signIn('contestant', VIC, 'vic');
    let state: VirtualState = { participation: null, canStart: true, refusal: null };
    const { calls } = api(ended(), () => state);
    renderAt(`/contests/${CONTEST_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Start virtual participation' }, WAIT));
    // Nothing is sent until confirmed; the confirmation names the duration.
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const confirm = screen.getByRole('group', { name: 'Confirm the start' });
    expect(confirm.textContent).toContain('02:00:00');
    state = running(0);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Start now' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.url).toBe(`/api/contests/${CONTEST_ID}/virtual`);
    expect((await screen.findByTestId('virtual-countdown')).textContent).toMatch(
      /^Virtual participation: (02:00:00|01:59:\d\d) left$/,
    );
    expect(screen.getAllByRole('link', { name: 'Virtual scoreboard' }).length).toBeGreaterThan(0);
  });

  it('sends nothing when the start is cancelled', async () => {
    signIn('contestant', VIC, 'vic');
    const { calls } = api(ended(), () => ({ participation: null, canStart: true, refusal: null }));
    renderAt(`/contests/${CONTEST_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Start virtual participation' }, WAIT));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Start virtual participation' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says why a contestant may not take it virtually, and offers no button', async () => {
    signIn('contestant', VIC, 'vic');
    api(ended({ registered: true }), () => ({ participation: null, canStart: false, refusal: 'TOOK_PART' }));
    renderAt(`/contests/${CONTEST_ID}`);
    expect(
      await screen.findByText('You took part in this contest, so you cannot take it virtually.', undefined, WAIT),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start virtual participation' })).toBeNull();
  });

  it('asks nothing about virtual participation while the contest runs', async () => {
    signIn('contestant', VIC, 'vic');
    const { calls } = api(contestView(), () => running(0));
    renderAt(`/contests/${CONTEST_ID}`);
    expect(await screen.findByRole('heading', { name: 'Problems' }, WAIT)).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/virtual'))).toBe(false);
    expect(screen.queryByRole('link', { name: 'Upsolving' })).toBeNull();
  });

  it('shows the virtual board at its contest minute, the own row marked virtual, frozen as it was then', async () => {
    signIn('contestant', VIC, 'vic');
    const board: VirtualScoreboardView = {
      frozen: true,
      scoring: 'icpc',
      problems: [{ label: 'A', title: 'Squares' }],
      elapsedMs: 110 * 60_000 + 30_000,
      rows: [
        {
          rank: 1,
          userId: 'a',
          username: 'alice',
          solved: 1,
          penalty: 10,
          score: 1,
          problems: { A: scoreboardCell({ attempts: 1, solvedAtMinutes: 10 }) },
        },
        {
          rank: 2,
          userId: VIC,
          username: 'vic',
          virtual: true,
          solved: 1,
          penalty: 30,
          score: 1,
          problems: { A: scoreboardCell({ attempts: 1, solvedAtMinutes: 30 }) },
        },
      ],
    };
    api(ended(), () => running(110 * 60_000), { [`/api/contests/${CONTEST_ID}/virtual/scoreboard`]: board });
    renderAt(`/contests/${CONTEST_ID}/virtual`);
    expect((await screen.findByTestId('virtual-minute', undefined, WAIT)).textContent).toContain('minute 110');
    expect(screen.getByText(/The scoreboard was frozen at this time/)).toBeTruthy();
    const rows = screen.getAllByTestId('scoreboard-row');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['alice', 'vic virtual']);
    expect(rows[1].className).toContain('sb-virtual');
    expect(within(rows[1]).getByText('virtual')).toBeTruthy();
  });

  it('lists upsolving apart, under its own tab of an ended contest', async () => {
    signIn('contestant', VIC, 'vic');
    const upsolving: UpsolvingView = {
      problems: [
        { label: 'A', title: 'Squares' },
        { label: 'B', title: 'Paths' },
      ],
      rows: [
        { userId: 'u', username: 'uma', solved: ['A', 'B'], attempted: [], submissions: 3 },
        { userId: 'a', username: 'alice', solved: [], attempted: ['B'], submissions: 1 },
      ],
    };
    api(ended(), () => ({ participation: null, canStart: true, refusal: null }), {
      [`/api/contests/${CONTEST_ID}/upsolving`]: upsolving,
    });
    renderAt(`/contests/${CONTEST_ID}`);
    await userEvent.click(await screen.findByRole('link', { name: 'Upsolving' }, WAIT));
    const rows = await screen.findAllByTestId('upsolving-row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['uma', 'A B', '', '3'],
      ['alice', '', 'B', '1'],
    ]);
    expect(screen.getByText(/They never change the scoreboard/)).toBeTruthy();
  });

  it('marks virtual and upsolving submissions in the contest submissions list', async () => {
    signIn('contestant', VIC, 'vic');
    const items = [
      submissionView({ id: 'a1', problemId: PROBLEM_ID, contestId: CONTEST_ID, contestKind: 'upsolve' }),
      submissionView({ id: 'a2', problemId: PROBLEM_ID, contestId: CONTEST_ID, contestKind: 'virtual' }),
      submissionView({ id: 'a3', problemId: PROBLEM_ID, contestId: CONTEST_ID, contestKind: 'contest' }),
    ];
    mockApi(({ url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: ended() };
      if (url === `/api/contests/${CONTEST_ID}/virtual`) return { body: running(0) };
      if (url.startsWith(`/api/contests/${CONTEST_ID}/submissions?`)) return { body: { items, page: 1 } };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/submissions`);
    const rows = await screen.findAllByTestId('contest-submission', undefined, WAIT);
    expect(rows.map((r) => within(r).queryByText(/^(virtual|upsolving)$/)?.textContent ?? null)).toEqual([
      'upsolving',
      'virtual',
      null,
    ]);
  });
});
