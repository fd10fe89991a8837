import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { resultState, type SubmissionView } from '@judge/contract';
import { LANGUAGES } from '../test/fixtures';
import { mockApi, renderAt, setupDom, signIn, type Call } from '../test/helpers';

setupDom();

const ALICE = '11111111-1111-1111-1111-111111111111';
const BOB = '22222222-2222-2222-2222-222222222222';
const SETTER = '33333333-3333-3333-3333-333333333333';
const SUM = 'cccccccc-cccc-cccc-cccc-cccccccccccc';
const PATH = 'dddddddd-dddd-dddd-dddd-dddddddddddd';

function item(n: number, overrides: Partial<SubmissionView>): SubmissionView {
  return {
    id: `${String(n).repeat(8)}-aaaa-aaaa-aaaa-aaaaaaaaaaaa`,
    problemId: SUM,
    problemTitle: 'Sum of Two Numbers',
    userId: ALICE,
    username: 'alice',
    language: 'cpp',
    status: 'done',
    verdict: 'AC',
    score: null,
    maxScore: null,
    timeMs: 10,
    memoryKb: 1024,
    compileOutput: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    judgedAt: '2025-01-01T10:00:01.000Z',
    feedback: 'full',
    tests: [],
    groups: [],
    ...overrides,
  };
}

const ITEMS = [
  item(1, { verdict: 'WA' }),
  item(2, { verdict: 'AC', problemId: PATH, problemTitle: 'Shortest Path' }),
  item(3, { verdict: 'WA', userId: BOB, username: 'bob', problemId: PATH, problemTitle: 'Shortest Path' }),
];

/** The verdict filter as the API applies it: `partial` an AC with some but not all points, `AC` the other ACs. */
function matchesVerdict(s: SubmissionView, filter: string | null): boolean {
  if (!filter) return true;
  const partial =
    s.verdict !== null && resultState({ verdict: s.verdict, score: s.score, maxScore: s.maxScore }) === 'partial';
  if (filter === 'partial') return partial;
  return s.verdict === filter && !partial;
}

/** The API's list: filtered by the query as the API does (the page filters nothing itself). */
function api(list: SubmissionView[] = ITEMS) {
  return mockApi(({ url }) => {
    if (url === '/api/problems')
      return {
        body: [
          {
            id: SUM,
            slug: 'sum',
            title: 'Sum of Two Numbers',
            version: 1,
            type: 'pass-fail',
            timeLimitMs: 1000,
            memoryMb: 256,
          },
          {
            id: PATH,
            slug: 'path',
            title: 'Shortest Path',
            version: 1,
            type: 'pass-fail',
            timeLimitMs: 1000,
            memoryMb: 256,
          },
        ],
      };
    if (url === '/api/languages') return { body: LANGUAGES };
    if (url === '/api/users')
      return {
        body: [ALICE, BOB].map((id, i) => ({
          id,
          username: ['alice', 'bob'][i],
          role: 'contestant',
          disabled: false,
          createdAt: '2025-01-01T00:00:00.000Z',
        })),
      };
    if (url.startsWith('/api/submissions?')) {
      const query = new URLSearchParams(url.split('?')[1]);
      const items = list.filter(
        (s) =>
          matchesVerdict(s, query.get('verdict')) &&
          (!query.get('userId') || s.userId === query.get('userId')) &&
          (!query.get('problemId') || s.problemId === query.get('problemId')),
      );
      return { body: { items, page: Number(query.get('page')) } };
    }
    return undefined;
  });
}

const listCalls = (calls: Call[]) =>
  calls.filter((c) => c.url.startsWith('/api/submissions?')).map((c) => new URLSearchParams(c.url.split('?')[1]));

const rowTexts = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent));

describe('my submissions', () => {
  it('shows the problem titles the API gives and asks the API for a verdict', async () => {
    signIn('contestant', ALICE);
    const { calls } = api();
    const { router } = renderAt('/submissions');

    expect(await screen.findByRole('link', { name: 'Sum of Two Numbers' })).toBeTruthy();
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(2);
    expect(listCalls(calls)[0].get('userId')).toBe(ALICE);
    expect(listCalls(calls)[0].get('verdict')).toBeNull();
    // No user column on one's own list.
    expect(screen.queryByRole('columnheader', { name: 'User' })).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText('Verdict'), 'WA');
    await waitFor(() => expect(listCalls(calls).some((q) => q.get('verdict') === 'WA')).toBe(true));
    expect(router.state.location.search).toBe('?verdict=WA');
    await waitFor(() => expect(screen.getAllByRole('row').slice(1)).toHaveLength(1));
    expect(rowTexts()[0]).toContain('Wrong Answer');
    expect(rowTexts()[0]).toContain('Sum of Two Numbers');
    // Only the API's verdicts are offered: it cannot filter on "not judged yet".
    expect(screen.queryByRole('option', { name: 'Not judged yet' })).toBeNull();
    expect(screen.queryByText('applies to the 50 submissions of this page', { exact: false })).toBeNull();
  });

  it('shows an AC with some of the points as Partial with its score, and filters on it', async () => {
    signIn('contestant', ALICE);
    const { calls } = api([
      ...ITEMS,
      item(4, { verdict: 'AC', score: 30, maxScore: 100 }),
      item(5, { verdict: 'AC', score: 100, maxScore: 100 }),
    ]);
    renderAt('/submissions');
    await waitFor(() => expect(screen.getAllByRole('row').slice(1)).toHaveLength(4));
    const partialRow = rowTexts().find((cells) => cells.some((c) => c?.includes('Partial 30/100')));
    expect(partialRow).toBeTruthy();
    expect(partialRow?.some((c) => c?.includes('Accepted'))).toBe(false);
    expect(rowTexts().some((cells) => cells.some((c) => c?.includes('Accepted')))).toBe(true);

    await userEvent.selectOptions(screen.getByLabelText('Verdict'), 'Partial');
    await waitFor(() => expect(listCalls(calls).some((q) => q.get('verdict') === 'partial')).toBe(true));
    await waitFor(() => expect(screen.getAllByRole('row').slice(1)).toHaveLength(1));
    expect(rowTexts()[0].some((c) => c?.includes('Partial 30/100'))).toBe(true);
  });

  it('says when no submission matches the filters', async () => {
    signIn('contestant', ALICE);
    const { calls } = api();
    renderAt('/submissions?verdict=TLE');
    expect(await screen.findByText('No submission matches these filters.')).toBeTruthy();
    expect(listCalls(calls)[0].get('verdict')).toBe('TLE');
  });
});

describe('all submissions', () => {
  it('shows who submitted and what, by the names the API gives', async () => {
    signIn('setter', SETTER, 'sam');
    const { calls } = api();
    renderAt('/admin/submissions');

    expect(await screen.findByRole('columnheader', { name: 'User' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('row').slice(1)).toHaveLength(3));
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('alice')).toBeTruthy();
    expect(within(rows[0]).getByRole('link', { name: 'Sum of Two Numbers' })).toBeTruthy();
    expect(within(rows[2]).getByText('bob')).toBeTruthy();
    expect(within(rows[2]).getByRole('link', { name: 'Shortest Path' })).toBeTruthy();
    // A setter cannot list users: the names come with the submissions.
    expect(calls.some((c) => c.url === '/api/users')).toBe(false);
    expect(listCalls(calls)[0].get('userId')).toBeNull();
  });

  it('sends the verdict, problem and user filters of the address to the API', async () => {
    signIn('admin', SETTER, 'root');
    const { calls } = api();
    renderAt(`/admin/submissions?problem=${PATH}&verdict=WA&user=${BOB}`);
    await waitFor(() => expect(screen.getAllByRole('row').slice(1)).toHaveLength(1));
    expect(within(screen.getAllByRole('row')[1]).getByText('bob')).toBeTruthy();
    const query = listCalls(calls)[0];
    expect([query.get('problemId'), query.get('verdict'), query.get('userId'), query.get('page')]).toEqual([
      PATH,
      'WA',
      BOB,
      '1',
    ]);
  });
});
