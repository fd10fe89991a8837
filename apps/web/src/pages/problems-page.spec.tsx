import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProblemListItem } from '@judge/contract';
import { refreshJudged } from '../api/hooks';
import { mockApi, renderAt, setupDom, signIn } from '../test/helpers';

setupDom();

const problem = (
  id: string,
  title: string,
  timeLimitMs: number | null,
  memoryMb: number,
  marks: Pick<ProblemListItem, 'solved' | 'attempted'>,
  visibility: ProblemListItem['visibility'] = 'public',
): ProblemListItem => ({
  id,
  slug: title.toLowerCase().replace(/ /g, '-'),
  title,
  visibility,
  version: 1,
  type: 'pass-fail',
  timeLimitMs,
  memoryMb,
  ...marks,
});

describe('problem list', () => {
  it('lists problems with their limits and the marks the API gives, and searches by title', async () => {
    signIn();
    const { calls } = mockApi(({ url }) => {
      if (url === '/api/problems')
        return {
          body: [
            problem('p1', 'A plus B', 1000, 256, { solved: true, attempted: true }),
            problem('p2', 'Shortest path', 2500, 1024, { solved: false, attempted: true }),
            problem('p3', 'Knapsack', null, 2048, { solved: false, attempted: false }),
          ],
        };
      return undefined;
    });
    const { router } = renderAt('/problems');

    const link = await screen.findByRole('link', { name: 'A plus B' });
    expect(link.getAttribute('href')).toBe('/problems/p1');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Status', 'Title', 'Time limit', 'Memory limit', 'Type']);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByRole('img', { name: 'Solved' })).toBeTruthy();
    expect(within(rows[1]).getByRole('img', { name: 'Attempted' })).toBeTruthy();
    expect(within(rows[2]).queryByRole('img')).toBeNull();
    expect(within(rows[0]).getByText('1 s')).toBeTruthy();
    expect(within(rows[0]).getByText('256 MB')).toBeTruthy();
    expect(within(rows[1]).getByText('2.5 s')).toBeTruthy();
    expect(within(rows[1]).getByText('1 GB')).toBeTruthy();
    expect(within(rows[2]).getByText('from solutions')).toBeTruthy();
    expect(within(rows[2]).getByText('2 GB')).toBeTruthy();
    // The marks come with the list: no submissions are read to work them out.
    expect(calls.some((c) => c.url.startsWith('/api/submissions'))).toBe(false);

    await userEvent.type(screen.getByLabelText('Search'), 'path');
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Shortest path' })).toBeTruthy();
    expect(router.state.location.search).toBe('?q=path');

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'zzz');
    expect(screen.getByText('No problem title matches “zzz”.')).toBeTruthy();
  });

  it('marks drafts (which the API lists to staff only) with a Draft badge', async () => {
    signIn('setter');
    mockApi(({ url }) =>
      url === '/api/problems'
        ? {
            body: [problem('p1', 'A plus B', 1000, 256, {}), problem('p2', 'Homework one', 1000, 256, {}, 'draft')],
          }
        : undefined,
    );
    renderAt('/problems');
    const draftRow = (await screen.findByRole('link', { name: 'Homework one' })).closest('tr')!;
    expect(within(draftRow).getByText('Draft')).toBeTruthy();
    const publicRow = screen.getByRole('link', { name: 'A plus B' }).closest('tr')!;
    expect(within(publicRow).queryByText('Draft')).toBeNull();
  });

  it('reads the marks again once a submission is judged', async () => {
    signIn();
    const list = [problem('p1', 'A plus B', 1000, 256, { solved: false, attempted: false })];
    const { calls } = mockApi(({ url }) => (url === '/api/problems' ? { body: list } : undefined));
    const { client } = renderAt('/problems');
    const row = (await screen.findByRole('link', { name: 'A plus B' })).closest('tr')!;
    expect(within(row).queryByRole('img')).toBeNull();

    list[0] = { ...list[0], solved: true, attempted: true };
    await refreshJudged(client);
    await waitFor(() => expect(within(row).getByRole('img', { name: 'Solved' })).toBeTruthy());
    expect(calls.filter((c) => c.url === '/api/problems')).toHaveLength(2);
  });
});
