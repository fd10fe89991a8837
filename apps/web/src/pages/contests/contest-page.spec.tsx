import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContestSummary, ContestView } from '@judge/contract';
import { CONTEST_ID, LANGUAGES, PROBLEM_ID, contestView, problemDetail } from '../../test/fixtures';
import { act } from '@testing-library/react';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';
import { formatDuration } from './contest-time';

vi.mock('../../editor/code-editor', () => import('../../test/editor-mock'));

setupDom();

const hour = 3600_000;

function summary(overrides: Partial<ContestSummary>): ContestSummary {
  return {
    id: CONTEST_ID,
    title: 'Spring Cup',
    startsAt: new Date(Date.now() - hour).toISOString(),
    endsAt: new Date(Date.now() + hour).toISOString(),
    scoring: 'icpc',
    registration: 'open',
    phase: 'running',
    registered: false,
    participants: 3,
    ...overrides,
  };
}

describe('contest list', () => {
  it('sorts contests into running, upcoming and past, with countdowns', async () => {
    signIn();
    mockApi(({ url }) =>
      url === '/api/contests'
        ? {
            body: [
              summary({ id: 'a', title: 'Old Cup', phase: 'ended', endsAt: new Date(Date.now() - hour).toISOString() }),
              summary({ id: 'b', title: 'Spring Cup', registered: true }),
              summary({
                id: 'c',
                title: 'Summer Cup',
                phase: 'upcoming',
                startsAt: new Date(Date.now() + 2 * hour).toISOString(),
                endsAt: new Date(Date.now() + 4 * hour).toISOString(),
              }),
            ],
          }
        : undefined,
    );
    renderAt('/contests');
    const running = await screen.findByRole('region', { name: 'Running contests' });
    expect(within(running).getByRole('link', { name: 'Spring Cup' })).toBeTruthy();
    expect(within(running).getByText('Registered')).toBeTruthy();
    // An hour to go when the list was made: 59:59 or so by the time the page shows it.
    expect(within(running).getByText(/Ends in (\d\d:)?\d\d:\d\d/)).toBeTruthy();
    const upcoming = screen.getByRole('region', { name: 'Upcoming contests' });
    expect(within(upcoming).getByText(/Starts in 0[12]:\d\d:\d\d/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Past contests' })).getByText('Old Cup')).toBeTruthy();
    // Contestants cannot make contests.
    expect(screen.queryByRole('link', { name: 'New contest' })).toBeNull();
  });

  it('formats countdowns with days, hours, minutes and seconds', () => {
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(3 * hour + 4 * 60_000 + 5000)).toBe('03:04:05');
    expect(formatDuration(26 * hour)).toBe('1d 02:00:00');
  });
});

function contestApi(contest: ContestView, register?: { status: number; body?: unknown }) {
  return mockApi(({ method, url }) => {
    if (url === `/api/contests/${CONTEST_ID}`) return { body: contest };
    if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/register`) return register ?? { status: 201 };
    if (url === `/api/contests/${CONTEST_ID}/problems/A`) return { body: problemDetail() };
    if (url === '/api/languages') return { body: LANGUAGES };
    if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/submissions`)
      return { status: 201, body: { id: 'dddddddd-dddd-dddd-dddd-dddddddddddd' } };
    if (url.startsWith(`/api/contests/${CONTEST_ID}/submissions?`)) return { body: { items: [], page: 1 } };
    return undefined;
  });
}

describe('contest page', () => {
  it('shows the phase and a countdown to the start, and no problems before it', async () => {
    signIn();
    contestApi(
      contestView({
        phase: 'upcoming',
        registered: false,
        startsAt: new Date(Date.now() + 90 * 60_000).toISOString(),
        problems: [],
      }),
    );
    renderAt(`/contests/${CONTEST_ID}`);
    expect((await screen.findByTestId('contest-phase')).textContent).toBe('Upcoming');
    expect(screen.getByRole('timer').textContent).toMatch(/^Starts in 01:(29|30):\d\d$/);
    expect(await screen.findByText('The problems appear when the contest starts.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Register' })).toBeTruthy();
  });

  it('sends the join code and shows the API’s refusal', async () => {
    signIn();
    const { calls } = contestApi(contestView({ registration: 'code', registered: false }), {
      status: 403,
      body: { statusCode: 403, code: 'WRONG_JOIN_CODE', message: 'the join code is not right' },
    });
    renderAt(`/contests/${CONTEST_ID}`);
    await userEvent.type(await screen.findByLabelText('Join code'), 'guess');
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the join code is not right');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ code: 'guess' });
  });

  it('registers for an open contest without a code', async () => {
    signIn();
    const { calls } = contestApi(contestView({ registered: false }));
    renderAt(`/contests/${CONTEST_ID}`);
    expect(screen.queryByLabelText('Join code')).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Register' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({});
  });

  it('submits to the contest route by label, then shows the contest’s submissions', async () => {
    signIn();
    const { calls } = contestApi(contestView());
    const { router } = renderAt(`/contests/${CONTEST_ID}/problems/A`);
    expect(await screen.findByRole('heading', { name: 'A. Squares' })).toBeTruthy();
    expect(await screen.findByRole('article', { name: 'Statement' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Problem B: Paths' })).toBeTruthy();
    // Typed once the (mocked) editor has replaced the plain text box it shows while loading.
    await waitFor(() => expect(screen.getByLabelText('Source code').className).not.toContain('plain-editor'));
    await userEvent.type(screen.getByLabelText('Source code'), 'print(4)');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/contests/${CONTEST_ID}/submissions`), {
      timeout: 5000,
    });
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe(`/api/contests/${CONTEST_ID}/submissions`);
    expect(post?.body).toEqual({ problem: 'A', language: 'cpp', source: 'print(4)' });
    expect(await screen.findByText('No submissions in this contest yet.')).toBeTruthy();
  });

  it('shows why a problem cannot be opened', async () => {
    signIn();
    mockApi(({ url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView() };
      if (url === `/api/contests/${CONTEST_ID}/problems/A`)
        return {
          status: 403,
          body: { statusCode: 403, code: 'CONTEST_NOT_STARTED', message: 'the contest has not started' },
        };
      if (url === '/api/languages') return { body: LANGUAGES };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/problems/A`);
    expect((await screen.findByRole('alert')).textContent).toBe('the contest has not started');
  });

  it('counts down to the freeze and to the end together, second by second', async () => {
    // Only the clock and the page's one-second tick are faked: the API answers as usual.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-05-01T10:00:00Z'));
    signIn();
    contestApi(
      contestView({
        startsAt: '2026-05-01T09:00:00Z',
        freezesAt: '2026-05-01T11:30:00Z',
        endsAt: '2026-05-01T12:00:00Z',
      }),
    );
    renderAt(`/contests/${CONTEST_ID}`);
    const freeze = await screen.findByTestId('countdown-freeze');
    expect(freeze.textContent).toBe('Scoreboard freezes in 01:30:00');
    expect(screen.getByTestId('countdown-end').textContent).toBe('Ends in 02:00:00');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('countdown-freeze').textContent).toBe('Scoreboard freezes in 01:29:59');
    expect(screen.getByTestId('countdown-end').textContent).toBe('Ends in 01:59:59');
  });

  it('counts down to the end alone once the board is frozen', async () => {
    signIn();
    contestApi(
      contestView({
        phase: 'frozen',
        freezesAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 20 * 60_000).toISOString(),
      }),
    );
    renderAt(`/contests/${CONTEST_ID}`);
    expect((await screen.findByTestId('countdown-end')).textContent).toMatch(/^Ends in (19|20):\d\d$/);
    expect(screen.queryByTestId('countdown-freeze')).toBeNull();
  });

  it('offers Register on a problem tab opened before registering, then shows the problem', async () => {
    signIn();
    let registered = false;
    const { calls } = mockApi(({ method, url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ registered }) };
      if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/register`) {
        registered = true;
        return { status: 201 };
      }
      if (url === `/api/contests/${CONTEST_ID}/problems/A`)
        return registered
          ? { body: problemDetail() }
          : {
              status: 403,
              body: { statusCode: 403, code: 'FORBIDDEN', message: 'only participants of this contest may do this' },
            };
      if (url === '/api/languages') return { body: LANGUAGES };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/problems/A`);
    const register = await screen.findByRole('button', { name: 'Register' });
    expect(screen.getByText('Register for the contest to see its problems and submit.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(register);
    expect(await screen.findByRole('heading', { name: 'A. Squares' }, { timeout: 5000 })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      `/api/contests/${CONTEST_ID}/register`,
    ]);
    expect(screen.queryByRole('button', { name: 'Register' })).toBeNull();
  });

  it('shows the contest in Chinese and in Spanish: phase, countdowns, tabs, rules and problems', async () => {
    signIn();
    contestApi(
      contestView({
        problems: [
          {
            label: 'A',
            problemId: PROBLEM_ID,
            title: 'Squares',
            type: 'pass-fail',
            timeLimitMs: 1500,
            timeLimitOrigin: 'derived',
            memoryMb: 256,
          },
          {
            label: 'B',
            problemId: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
            title: 'Paths',
            type: 'pass-fail',
            timeLimitMs: null,
            timeLimitOrigin: 'pending',
            memoryMb: 256,
          },
        ],
      }),
    );
    chooseLocale('zh-CN');
    const { unmount } = renderAt(`/contests/${CONTEST_ID}`);
    expect((await screen.findByTestId('contest-phase')).textContent).toBe('进行中');
    expect(screen.getByTestId('countdown-freeze').textContent).toMatch(/^距封榜 01:(29|30):\d\d$/);
    expect(screen.getByTestId('countdown-end').textContent).toMatch(/^距结束 0[12]:\d\d:\d\d$/);
    const tabs = screen.getByRole('navigation', { name: '比赛' });
    expect(within(tabs).getByRole('link', { name: '概览' })).toBeTruthy();
    expect(within(tabs).getByRole('link', { name: '榜单' })).toBeTruthy();
    expect(screen.getByText('ICPC (按解题数排名，其次按罚时)')).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('1.5 s')).toBeTruthy();
    expect(within(rows[1]).getByText('首次评测时确定')).toBeTruthy();
    unmount();

    chooseLocale('es');
    renderAt(`/contests/${CONTEST_ID}`);
    expect((await screen.findByTestId('contest-phase')).textContent).toBe('En curso');
    expect(screen.getByTestId('countdown-end').textContent).toMatch(/^Termina en 0[12]:\d\d:\d\d$/);
    expect(screen.getByRole('columnheader', { name: 'Límite de tiempo' })).toBeTruthy();
    expect(within(screen.getAllByRole('row')[1]).getByText('1,5 s')).toBeTruthy();
    expect(screen.getByText('los últimos 30 minutos')).toBeTruthy();
  });
});
