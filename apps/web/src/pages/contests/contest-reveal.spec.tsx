import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ContestAward, ContestView, RevealData, ScoreboardView } from '@judge/contract';
import { CONTEST_ID, contestView, scoreboardCell } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const ANN = '11111111-1111-1111-1111-111111111111';
const BOB = '22222222-2222-2222-2222-222222222222';

const ended = (overrides: Partial<ContestView> = {}) =>
  contestView({
    phase: 'ended',
    canManage: true,
    registered: false,
    endsAt: new Date(Date.now() - 60_000).toISOString(),
    freezesAt: new Date(Date.now() - 1_860_000).toISOString(),
    ...overrides,
  });

const problems = [
  { label: 'A', title: 'Squares' },
  { label: 'B', title: 'Paths' },
];

/*
 * Frozen: ann 1 solved (A at minute 10, ★), bob 0 solved (A 1 rejected + 1 pending, B 1 pending).
 * Hidden: bob's A solved at 200 on the 2nd try (1 solved, 200 + 20 = 220, still under ann's 1/10); his B solved at
 * 210 (2 solved, 430): he jumps to first. Final: bob, ann. Awards with medals 1/1/0: bob winner and gold, ann
 * silver and first to solve A, bob first to solve B.
 */
const frozen: ScoreboardView = {
  frozen: true,
  scoring: 'icpc',
  problems,
  rows: [
    {
      rank: 1,
      userId: ANN,
      username: 'ann',
      solved: 1,
      penalty: 10,
      score: 1,
      problems: { A: scoreboardCell({ attempts: 1, solvedAtMinutes: 10, firstToSolve: true }), B: scoreboardCell() },
    },
    {
      rank: 2,
      userId: BOB,
      username: 'bob',
      solved: 0,
      penalty: 0,
      score: 0,
      problems: { A: scoreboardCell({ attempts: 1, pending: 1 }), B: scoreboardCell({ pending: 1 }) },
    },
  ],
};
const bobA = scoreboardCell({ attempts: 2, solvedAtMinutes: 200 });
const bobB = scoreboardCell({ attempts: 1, solvedAtMinutes: 210, firstToSolve: true });
const final: ScoreboardView = {
  frozen: false,
  scoring: 'icpc',
  problems,
  rows: [
    { ...frozen.rows[1], rank: 1, solved: 2, penalty: 430, score: 2, problems: { A: bobA, B: bobB } },
    { ...frozen.rows[0], rank: 2 },
  ],
};
const award = (id: string, ...teamIds: string[]): ContestAward => ({ id, citation: id, teamIds });
const data: RevealData = {
  frozen,
  final,
  awards: [
    award('winner', BOB),
    award('gold-medal', BOB),
    award('silver-medal', ANN),
    award('first-to-solve-A', ANN),
    award('first-to-solve-B', BOB),
  ],
  hidden: {
    [BOB]: [
      { label: 'A', cell: bobA, totals: { solved: 1, penalty: 220, score: 1 } },
      { label: 'B', cell: bobB, totals: { solved: 2, penalty: 430, score: 2 } },
    ],
  },
};

function api(contest: ContestView) {
  return mockApi(({ method, url }) => {
    if (url === `/api/contests/${CONTEST_ID}`) return { body: contest };
    if (url === `/api/contests/${CONTEST_ID}/reveal`) return { body: data };
    if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/unfreeze`) return { body: { unfrozen: true } };
    return undefined;
  });
}

const order = () => screen.getAllByTestId('scoreboard-row').map((r) => within(r).getByRole('rowheader').textContent);
const rowOf = (name: string) => screen.getAllByTestId('scoreboard-row').find((r) => r.textContent?.includes(name))!;
const announced = () => screen.getByTestId('reveal-announce').textContent;

describe('contest reveal', () => {
  it('steps from the frozen board with the keys, back too, shows awards as rows become final and ends with the winner', async () => {
    signIn('admin');
    const { calls } = api(ended());
    renderAt(`/contests/${CONTEST_ID}/reveal`);

    // The contest pages load as a chunk of their own: slow on a busy machine.
    await waitFor(() => expect(screen.getByTestId('reveal-screen')).toBeTruthy(), { timeout: 5000 });
    expect(order()).toEqual(['ann', 'bob']);
    expect(screen.getByTestId('reveal-progress').textContent).toBe('Step 0 of 4');
    // bob, the lowest row with a pending cell, is the one being resolved; his cells still pending.
    expect(rowOf('bob').className).toContain('reveal-current');
    expect(within(rowOf('bob')).getByLabelText('B: 1 pending')).toBeTruthy();

    await userEvent.keyboard(' ');
    expect(announced()).toBe('bob, problem A: solved at minute 200.');
    expect(order()).toEqual(['ann', 'bob']);

    await userEvent.keyboard('{ArrowRight}');
    expect(announced()).toBe('bob, problem B: solved at minute 210. bob moves up from place 2 to place 1.');
    expect(order()).toEqual(['bob', 'ann']);
    expect(within(rowOf('bob')).getByLabelText('Solved: 2')).toBeTruthy();

    await userEvent.keyboard('{ArrowLeft}');
    expect(order()).toEqual(['ann', 'bob']);
    expect(screen.getByTestId('reveal-progress').textContent).toBe('Step 1 of 4');

    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    // ann, now lowest, has nothing pending: final, with her awards.
    expect(announced()).toBe('ann is final at rank 2.Silver medal · First to solve A');
    expect(rowOf('ann').className).toContain('reveal-final reveal-silver');
    expect(screen.queryByTestId('reveal-end')).toBeNull();

    await userEvent.keyboard(' ');
    expect(announced()).toBe('bob is final at rank 1.Winner · Gold medal · First to solve B');
    const end = screen.getByTestId('reveal-end');
    expect(within(end).getByText('The winner: bob')).toBeTruthy();
    const awards = within(screen.getByRole('region', { name: 'Awards' })).getAllByRole('listitem');
    expect(awards.map((a) => a.textContent)).toEqual([
      'bob: Winner, Gold medal, First to solve B',
      'ann: Silver medal, First to solve A',
    ]);
    // The last key press changes nothing more.
    await userEvent.keyboard(' ');
    expect(screen.getByTestId('reveal-progress').textContent).toBe('Step 4 of 4');

    await userEvent.click(within(end).getByRole('button', { name: 'Unfreeze the scoreboard for everyone' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url === `/api/contests/${CONTEST_ID}/unfreeze`)).toBe(true),
    );
  });

  it('plays by itself to the end once auto-play is on', async () => {
    signIn('admin');
    api(ended({ unfrozen: true }));
    renderAt(`/contests/${CONTEST_ID}/reveal`);
    await waitFor(() => expect(screen.getByTestId('reveal-screen')).toBeTruthy(), { timeout: 5000 });
    await userEvent.selectOptions(screen.getByLabelText('Speed'), 'fast');
    await userEvent.click(screen.getByRole('button', { name: 'Auto-play' }));
    await waitFor(() => expect(screen.getByTestId('reveal-end')).toBeTruthy(), { timeout: 10_000 });
    expect(order()).toEqual(['bob', 'ann']);
    // Already unfrozen: said so, no button.
    expect(screen.getByText('The scoreboard is unfrozen: everyone sees the final results.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unfreeze the scoreboard for everyone' })).toBeNull();
  }, 20_000);

  it('is linked from the contest for staff after the end only', async () => {
    signIn('admin');
    api(ended());
    const { unmount } = renderAt(`/contests/${CONTEST_ID}`);
    const link = await screen.findByRole('link', { name: 'Reveal' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe(`/contests/${CONTEST_ID}/reveal`);
    unmount();

    api(contestView({ canManage: true }));
    renderAt(`/contests/${CONTEST_ID}`);
    await screen.findByRole('link', { name: 'Edit' }, { timeout: 5000 });
    expect(screen.queryByRole('link', { name: 'Reveal' })).toBeNull();
  });
});
