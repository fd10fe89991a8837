import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContestView, ScoreboardView } from '@judge/contract';
import { RECONNECT_FIRST_MS } from '../../api/live-stream';
import { CONTEST_ID, contestView, scoreboardCell } from '../../test/fixtures';
import { FakeEventSource, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const ALICE = '11111111-1111-1111-1111-111111111111';
const BOB = '22222222-2222-2222-2222-222222222222';

function icpcBoard(overrides: Partial<ScoreboardView> = {}): ScoreboardView {
  return {
    frozen: false,
    scoring: 'icpc',
    problems: [
      { label: 'A', title: 'Squares' },
      { label: 'B', title: 'Paths' },
    ],
    rows: [
      {
        rank: 1,
        userId: BOB,
        username: 'bob',
        solved: 2,
        penalty: 87,
        score: 2,
        problems: {
          A: scoreboardCell({ attempts: 1, solvedAtMinutes: 12, firstToSolve: true }),
          B: scoreboardCell({ attempts: 3, solvedAtMinutes: 35 }),
        },
      },
      {
        rank: 2,
        userId: ALICE,
        username: 'alice',
        solved: 1,
        penalty: 20,
        score: 1,
        problems: {
          A: scoreboardCell({ attempts: 1, solvedAtMinutes: 20 }),
          B: scoreboardCell({ attempts: 2, pending: 1 }),
        },
      },
    ],
    ...overrides,
  };
}

function api(contest: ContestView, board: ScoreboardView) {
  return mockApi(({ method, url }) => {
    if (url === `/api/contests/${CONTEST_ID}`) return { body: contest };
    if (url === `/api/contests/${CONTEST_ID}/scoreboard`) return { body: board };
    if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/unfreeze`) return { status: 204 };
    return undefined;
  });
}

const rows = () => screen.getAllByTestId('scoreboard-row');

describe('contest scoreboard', () => {
  it('shows ranks, solved and penalty, attempts and minutes, first to solve and pending cells (ICPC)', async () => {
    signIn('contestant', ALICE, 'alice');
    vi.stubGlobal('EventSource', FakeEventSource);
    api(contestView(), icpcBoard());
    renderAt(`/contests/${CONTEST_ID}/scoreboard`);

    // The contest pages load as a chunk of their own: slow on a busy machine.
    await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 5000 });
    const [first, second] = rows();
    expect(within(first).getByRole('rowheader').textContent).toBe('bob');
    expect(within(first).getByLabelText('Solved: 2')).toBeTruthy();
    expect(within(first).getByLabelText('Penalty: 87')).toBeTruthy();
    const firstSolve = within(first).getByLabelText('A: solved at minute 12 with 1 attempt, first to solve');
    expect(firstSolve.className).toContain('sb-first');
    expect(firstSolve.textContent).toContain('★');
    expect(within(first).getByLabelText('B: solved at minute 35 with 3 attempts').textContent).toBe('335′');

    expect(second.className).toContain('sb-me');
    expect(within(second).getByText('2', { selector: '.sb-rank' })).toBeTruthy();
    const pending = within(second).getByLabelText('B: 2 rejected attempts, 1 pending');
    expect(pending.className).toContain('sb-pending');
    expect(pending.className).toContain('sb-rejected');
    expect(within(pending).getByText('+1?')).toBeTruthy();
    expect(within(second).getByLabelText('A: solved at minute 20 with 1 attempt').className).not.toContain('sb-first');
    expect(screen.queryByText('The scoreboard is frozen.')).toBeNull();
  });

  /** Alice's scoreboard page, shown, with its live stream. */
  async function aliceWatching() {
    signIn('contestant', ALICE, 'alice');
    vi.stubGlobal('EventSource', FakeEventSource);
    api(contestView(), icpcBoard());
    renderAt(`/contests/${CONTEST_ID}/scoreboard`);
    // The contest pages load as a chunk of their own: slow on a busy machine.
    await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 5000 });
    return FakeEventSource.latest();
  }

  it('updates live from the scoreboard event stream', async () => {
    const stream = await aliceWatching();
    expect(stream.url).toContain(`/api/contests/${CONTEST_ID}/scoreboard/events?patches=1&access_token=`);
    const board = icpcBoard();
    const [bob, alice] = board.rows;
    alice.problems.B = scoreboardCell({ attempts: 3, solvedAtMinutes: 50 });
    stream.emit('scoreboard', {
      ...board,
      rows: [
        { ...alice, rank: 1, solved: 2, penalty: 110 },
        { ...bob, rank: 1, solved: 2, penalty: 110 },
      ],
    });

    await waitFor(() => expect(within(rows()[0]).getByRole('rowheader').textContent).toBe('alice'));
    expect(within(rows()[0]).getByLabelText('B: solved at minute 50 with 3 attempts')).toBeTruthy();
    expect(within(rows()[0]).getByLabelText('Penalty: 110')).toBeTruthy();
  });

  it('applies a patch of the rows that changed to the board the stream sent, ranking them again', async () => {
    const stream = await aliceWatching();
    const board = icpcBoard();
    stream.emit('scoreboard', board);
    const alice = board.rows.find((r) => r.username === 'alice')!;
    // Alice solves B: her row alone comes, and she passes Bob, whose rank the page works out.
    stream.emit('scoreboard-patch', {
      rows: [
        {
          ...alice,
          solved: alice.solved + 1,
          problems: { ...alice.problems, B: scoreboardCell({ attempts: 1, solvedAtMinutes: 5 }) },
        },
      ],
      removed: [],
    });
    await waitFor(() => expect(within(rows()[0]).getByRole('rowheader').textContent).toBe('alice'));
    expect(within(rows()[0]).getByLabelText('B: solved at minute 5 with 1 attempt')).toBeTruthy();
    expect(rows()).toHaveLength(2);
  });

  it('reads the board while its stream is lost, then opens a new stream that keeps it current', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    signIn('contestant', ALICE, 'alice');
    vi.stubGlobal('EventSource', FakeEventSource);
    const board = icpcBoard();
    const { calls } = api(contestView(), board);
    renderAt(`/contests/${CONTEST_ID}/scoreboard`);
    // The contest pages load as a chunk of their own: slow on a busy machine.
    await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 5000 });
    const stream = FakeEventSource.latest();
    const reads = () => calls.filter((c) => c.url === `/api/contests/${CONTEST_ID}/scoreboard`).length;
    const readBefore = reads();
    const interrupted = () => screen.queryByText(/Live updates are interrupted/);

    // A dropped connection the browser takes up again by itself: the stream sends the whole board when it opens.
    stream.fail({ reconnecting: true });
    stream.open();
    expect(interrupted()).toBeNull();
    expect(FakeEventSource.instances).toHaveLength(1);

    // Refused (the API restarting behind its proxy): the browser gives up. The board is read again at once,
    // and shows what changed meanwhile: Alice's B accepted.
    const [bob, alice] = board.rows;
    alice.problems.B = scoreboardCell({ attempts: 3, solvedAtMinutes: 50 });
    board.rows = [
      { ...alice, rank: 1, solved: 2, penalty: 110 },
      { ...bob, rank: 1, solved: 2, penalty: 110 },
    ];
    stream.fail({ reconnecting: false });
    expect(interrupted()).toBeTruthy();
    await waitFor(() => expect(within(rows()[0]).getByRole('rowheader').textContent).toBe('alice'));
    expect(reads()).toBeGreaterThan(readBefore);

    // A new stream a second later, for the same viewer; once open, the board is live again.
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(RECONNECT_FIRST_MS);
    });
    expect(FakeEventSource.instances).toHaveLength(2);
    const again = FakeEventSource.latest();
    expect(again.url).toBe(stream.url);
    again.open();
    expect(interrupted()).toBeNull();
    again.emit('scoreboard', { ...board, rows: [board.rows[0]] });
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('shows points per problem and the total (IOI), and a frozen banner', async () => {
    signIn('contestant', ALICE, 'alice');
    vi.stubGlobal('EventSource', FakeEventSource);
    const board: ScoreboardView = {
      frozen: true,
      scoring: 'ioi',
      problems: [
        { label: 'A', title: 'Squares' },
        { label: 'B', title: 'Paths' },
      ],
      rows: [
        {
          rank: 1,
          userId: ALICE,
          username: 'alice',
          solved: 1,
          penalty: 0,
          score: 140,
          problems: {
            A: scoreboardCell({ attempts: 2, score: 100, solvedAtMinutes: 30, firstToSolve: true }),
            B: scoreboardCell({ attempts: 1, score: 40, pending: 2 }),
          },
        },
      ],
    };
    api(contestView({ scoring: 'ioi', phase: 'frozen' }), board);
    renderAt(`/contests/${CONTEST_ID}/scoreboard`);

    await waitFor(() => expect(rows()).toHaveLength(1));
    const banner = screen.getByText('The scoreboard is frozen.').closest('.frozen-banner');
    expect(banner?.textContent).toContain('Submissions made in the last 30 minutes show as pending');
    expect(screen.queryByRole('columnheader', { name: 'Penalty' })).toBeNull();
    expect(within(rows()[0]).getByLabelText('Score: 140')).toBeTruthy();
    const full = within(rows()[0]).getByLabelText('A: 100 points after 2 attempts, first to solve');
    expect(full.className).toContain('sb-solved');
    const partial = within(rows()[0]).getByLabelText('B: 40 points after 1 attempt, 2 pending');
    expect(partial.className).toContain('sb-partial');
    expect(partial.textContent).toBe('40+2?');
    // Contestants have no unfreeze button.
    expect(screen.queryByRole('button', { name: 'Unfreeze' })).toBeNull();
  });

  it('offers staff an Unfreeze button after the end, which asks the API', async () => {
    signIn('admin', ALICE, 'admin');
    vi.stubGlobal('EventSource', FakeEventSource);
    const hour = 3600_000;
    const { calls } = api(
      contestView({
        phase: 'ended',
        canManage: true,
        startsAt: new Date(Date.now() - 3 * hour).toISOString(),
        endsAt: new Date(Date.now() - hour).toISOString(),
        freezesAt: new Date(Date.now() - 1.5 * hour).toISOString(),
      }),
      icpcBoard(),
    );
    renderAt(`/contests/${CONTEST_ID}/scoreboard`);
    await userEvent.click(await screen.findByRole('button', { name: 'Unfreeze' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url === `/api/contests/${CONTEST_ID}/unfreeze`)).toBe(true),
    );
  });

  describe('without a session', () => {
    const scoreboardPath = `/contests/${CONTEST_ID}/scoreboard`;
    // What the API answers a caller with no token during the freeze.
    const anonymousContest = (overrides: Partial<ContestView> = {}) =>
      contestView({ phase: 'frozen', registered: false, ...overrides });

    it('shows the public board, frozen and live, with a Log in link instead of redirecting', async () => {
      vi.stubGlobal('EventSource', FakeEventSource);
      const { calls } = api(anonymousContest(), icpcBoard({ frozen: true }));
      const { router } = renderAt(scoreboardPath);

      // The contest pages load as a chunk of their own: slow on a busy machine.
      await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 5000 });
      expect(router.state.location.pathname).toBe(scoreboardPath);
      expect(screen.getByRole('heading', { name: 'Spring Cup' })).toBeTruthy();
      const banner = screen.getByText('The scoreboard is frozen.').closest('.frozen-banner');
      expect(banner?.textContent).toContain('Submissions made in the last 30 minutes show as pending');
      // No own row for a visitor.
      expect(document.querySelector('.sb-me')).toBeNull();
      // The other contest pages need a session: no tabs, a way to log in that comes back here.
      expect(screen.queryByRole('navigation', { name: 'Contest' })).toBeNull();
      const logIn = within(screen.getByTestId('contest-visitor')).getByRole('link', { name: 'Log in' });
      expect(logIn.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(scoreboardPath)}`);
      expect(calls.every((c) => !('Authorization' in c.headers))).toBe(true);

      // The stream carries no token, and keeps the board current.
      const stream = FakeEventSource.latest();
      expect(stream.url).toBe(`/api/contests/${CONTEST_ID}/scoreboard/events?patches=1`);
      const board = icpcBoard({ frozen: true });
      stream.emit('scoreboard', { ...board, rows: [board.rows[0]] });
      await waitFor(() => expect(rows()).toHaveLength(1));
    });

    it('says when an upcoming contest will show the board, without asking the API for it', async () => {
      vi.stubGlobal('EventSource', FakeEventSource);
      const hour = 3600_000;
      const { calls } = api(
        anonymousContest({
          phase: 'upcoming',
          startsAt: new Date(Date.now() + hour).toISOString(),
          endsAt: new Date(Date.now() + 3 * hour).toISOString(),
          freezesAt: new Date(Date.now() + 2.5 * hour).toISOString(),
          problems: [],
        }),
        icpcBoard(),
      );
      renderAt(scoreboardPath);

      expect(await screen.findByText('The scoreboard opens when the contest starts.')).toBeTruthy();
      expect(calls.some((c) => c.url.startsWith(`/api/contests/${CONTEST_ID}/scoreboard`))).toBe(false);
      expect(FakeEventSource.instances).toHaveLength(0);
    });

    it('keeps the other contest pages behind login', async () => {
      vi.stubGlobal('EventSource', FakeEventSource);
      const { calls } = api(anonymousContest(), icpcBoard());
      const { router } = renderAt(`/contests/${CONTEST_ID}/submissions`);

      await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
      expect(router.state.location.search).toBe(`?next=${encodeURIComponent(`/contests/${CONTEST_ID}/submissions`)}`);
      expect(calls.some((c) => c.url.startsWith(`/api/contests/${CONTEST_ID}`))).toBe(false);
    });
  });
});
