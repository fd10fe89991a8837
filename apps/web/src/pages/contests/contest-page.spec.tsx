import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContestSummary, ContestView } from '@judge/contract';
import { CONTEST_ID, LANGUAGES, contestView, problemDetail } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';
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
});
