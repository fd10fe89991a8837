import { screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ScoreboardView, SubmissionView, UserProfileView } from '@judge/contract';
import { CONTEST_ID, PROBLEM_ID, scoreboardCell } from '../test/fixtures';
import { chooseLocale, mockApi, renderAt, renderComponent, setupDom, signIn } from '../test/helpers';
import { ScoreboardTable } from './contests/scoreboard-table';

setupDom();

function submission(overrides: Partial<SubmissionView> = {}): SubmissionView {
  return {
    id: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
    problemId: PROBLEM_ID,
    problemTitle: 'Squares',
    userId: '11111111-1111-1111-1111-111111111111',
    username: 'alice',
    language: 'python',
    status: 'done',
    verdict: 'AC',
    score: 1,
    maxScore: 1,
    timeMs: 12,
    memoryKb: 2048,
    compileOutput: null,
    createdAt: '2026-05-01T10:00:00Z',
    judgedAt: '2026-05-01T10:00:01Z',
    feedback: 'full',
    tests: [],
    ...overrides,
  } as SubmissionView;
}

function profile(overrides: Partial<UserProfileView> = {}): UserProfileView {
  return {
    username: 'alice',
    role: 'contestant',
    joinedAt: '2026-01-15T08:00:00Z',
    solved: [
      { id: PROBLEM_ID, slug: 'squares', title: 'Squares' },
      { id: 'ffffffff-ffff-ffff-ffff-ffffffffffff', slug: 'paths', title: 'Paths' },
    ],
    contests: [
      { id: CONTEST_ID, title: 'Spring Cup', startsAt: '2026-04-01T10:00:00Z', endsAt: '2026-04-01T12:00:00Z' },
    ],
    submissions: null,
    ...overrides,
  };
}

describe('user profile', () => {
  it('lists what the user solved and the contests they took part in; their submissions are theirs to see', async () => {
    signIn('contestant', '33333333-3333-3333-3333-333333333333', 'bob');
    const { calls } = mockApi(({ url }) => (url === '/api/users/alice/profile' ? { body: profile() } : undefined));
    renderAt('/users/alice');
    expect(await screen.findByRole('heading', { level: 1, name: 'alice' })).toBeTruthy();
    expect(screen.getByTestId('profile-solved-count').textContent).toBe('2');
    const solved = screen.getByRole('list', { name: 'Solved problems (2)' });
    expect(within(solved).getByRole('link', { name: 'Squares' }).getAttribute('href')).toBe(`/problems/${PROBLEM_ID}`);
    const contests = screen.getByRole('list', { name: 'Contests (1)' });
    expect(within(contests).getByRole('link', { name: 'Spring Cup' }).getAttribute('href')).toBe(
      `/contests/${CONTEST_ID}`,
    );
    expect(screen.getByText("Only alice and the judge's staff see alice's submissions.")).toBeTruthy();
    expect(calls.map((c) => c.url)).toContain('/api/users/alice/profile');
  });

  it('shows the recent submissions to the user themself, a contest one leading to its contest', async () => {
    signIn('contestant', '11111111-1111-1111-1111-111111111111', 'alice');
    mockApi(({ url }) =>
      url === '/api/users/alice/profile'
        ? {
            body: profile({
              submissions: [
                submission(),
                submission({ id: 'eeeeeeee-0000-0000-0000-000000000001', verdict: 'WA', contestId: CONTEST_ID }),
              ],
            }),
          }
        : url === '/api/languages'
          ? { body: [] }
          : undefined,
    );
    renderAt('/users/alice');
    const rows = await screen.findAllByTestId('profile-submission');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'Squares' }).getAttribute('href')).toBe(`/problems/${PROBLEM_ID}`);
    expect(within(rows[1]).getByRole('link', { name: 'Squares' }).getAttribute('href')).toBe(`/contests/${CONTEST_ID}`);
  });

  it('says so when there is no such user', async () => {
    signIn();
    mockApi(({ url }) =>
      url === '/api/users/nobody/profile'
        ? { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'user not found' } }
        : undefined,
    );
    renderAt('/users/nobody');
    expect((await screen.findByRole('alert')).textContent).toContain('user not found');
  });

  it('speaks Spanish', async () => {
    signIn();
    mockApi(({ url }) => (url === '/api/users/alice/profile' ? { body: profile({ solved: [] }) } : undefined));
    chooseLocale('es');
    renderAt('/users/alice');
    expect(await screen.findByRole('heading', { name: 'Problemas resueltos (0)' })).toBeTruthy();
    expect(screen.getByText('Todavía no ha resuelto ningún problema.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Concursos (1)' })).toBeTruthy();
    expect(screen.getByText('Rol').nextElementSibling?.textContent).toBe('concursante');
  });

  it('opens from a username on the scoreboard', () => {
    const board: ScoreboardView = {
      frozen: false,
      scoring: 'icpc',
      problems: [{ label: 'A', title: 'Squares' }],
      rows: [
        {
          rank: 1,
          userId: 'u1',
          username: 'alice',
          solved: 1,
          penalty: 12,
          score: 1,
          problems: { A: scoreboardCell({ attempts: 1, solvedAtMinutes: 12 }) },
        },
      ],
    };
    renderComponent(
      <MemoryRouter>
        <ScoreboardTable board={board} linkUsers />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'alice' }).getAttribute('href')).toBe('/users/alice');
  });
});
