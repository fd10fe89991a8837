import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProblemListItem, SubmissionView } from '@judge/contract';
import { mockApi, renderAt, setupDom, signIn } from '../test/helpers';

setupDom();

const problem = (id: string, title: string, timeLimitMs: number | null): ProblemListItem => ({
  id,
  slug: title.toLowerCase().replace(/ /g, '-'),
  title,
  version: 1,
  type: 'pass-fail',
  timeLimitMs,
});

const mine = (problemId: string, verdict: SubmissionView['verdict']) => ({ problemId, verdict, status: 'done' });

describe('problem list', () => {
  it('lists problems with limits and solved / attempted marks, and searches by title', async () => {
    const me = signIn();
    const { calls } = mockApi(({ url }) => {
      if (url === '/api/problems')
        return {
          body: [
            problem('p1', 'A plus B', 1000),
            problem('p2', 'Shortest path', 2500),
            problem('p3', 'Knapsack', null),
          ],
        };
      if (url.startsWith('/api/submissions'))
        return { body: { items: [mine('p2', 'WA'), mine('p1', 'WA'), mine('p1', 'AC')], page: 1 } };
      return undefined;
    });
    const { router } = renderAt('/problems');

    const link = await screen.findByRole('link', { name: 'A plus B' });
    expect(link.getAttribute('href')).toBe('/problems/p1');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    await waitFor(() => expect(within(rows[0]).getByRole('img', { name: 'Solved' })).toBeTruthy());
    expect(within(rows[1]).getByRole('img', { name: 'Attempted' })).toBeTruthy();
    expect(within(rows[2]).queryByRole('img')).toBeNull();
    expect(within(rows[0]).getByText('1 s')).toBeTruthy();
    expect(within(rows[1]).getByText('2.5 s')).toBeTruthy();
    // Marks come from the user's own submissions.
    expect(calls.some((c) => c.url.includes('userId=') && c.url.includes('page=1'))).toBe(true);
    expect(me).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Search'), 'path');
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Shortest path' })).toBeTruthy();
    expect(router.state.location.search).toBe('?q=path');

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'zzz');
    expect(screen.getByText('No problem title matches “zzz”.')).toBeTruthy();
  });
});
