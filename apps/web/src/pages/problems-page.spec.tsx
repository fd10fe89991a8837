import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProblemListItem } from '@judge/contract';
import { refreshJudged } from '../api/hooks';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../test/helpers';

setupDom();

const problem = (
  id: string,
  title: string,
  timeLimitMs: number | null,
  memoryMb: number,
  marks: Partial<ProblemListItem>,
  visibility: ProblemListItem['visibility'] = 'public',
): ProblemListItem => ({
  id,
  slug: title.toLowerCase().replace(/ /g, '-'),
  title,
  visibility,
  version: 1,
  type: 'pass-fail',
  timeLimitMs,
  timeLimitOrigin: timeLimitMs === null ? 'pending' : 'package',
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

    const link = await screen.findByRole('link', { name: 'A plus B' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('/problems/p1');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Status',
      'Code',
      'Title',
      'Time limit',
      'Memory limit',
      'Solved by',
      'Acceptance',
      'Type',
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByRole('img', { name: 'Solved' })).toBeTruthy();
    expect(within(rows[1]).getByRole('img', { name: 'Attempted' })).toBeTruthy();
    expect(within(rows[2]).queryByRole('img')).toBeNull();
    expect(within(rows[0]).getByText('1 s')).toBeTruthy();
    expect(within(rows[0]).getByText('256 MB')).toBeTruthy();
    expect(within(rows[1]).getByText('2.5 s')).toBeTruthy();
    expect(within(rows[1]).getByText('1 GB')).toBeTruthy();
    expect(within(rows[2]).getByText('Set at the first judging')).toBeTruthy();
    expect(within(rows[2]).getByText('2 GB')).toBeTruthy();
    // The marks come with the list: no submissions are read to work them out.
    expect(calls.some((c) => c.url.startsWith('/api/submissions'))).toBe(false);

    await userEvent.type(screen.getByLabelText('Search'), 'path');
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Shortest path' })).toBeTruthy();
    expect(router.state.location.search).toBe('?q=path');

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'zzz');
    expect(screen.getByText('No problem title, code or tag matches “zzz”.')).toBeTruthy();
  });

  it('shows each problem’s code, tags, solved count, acceptance and derived time limit; a tag searches', async () => {
    signIn();
    mockApi(({ url }) =>
      url === '/api/problems'
        ? {
            body: [
              problem('p1', 'A plus B', 1500, 256, {
                slug: 'aplusb',
                tags: ['math', 'implementation'],
                solvedBy: 1234,
                acceptance: 0.625,
                timeLimitOrigin: 'derived',
              }),
              problem('p2', 'Knapsack', 1000, 256, { tags: ['dp'], solvedBy: 0, acceptance: null }),
            ],
          }
        : undefined,
    );
    const { router } = renderAt('/problems');
    const row = (await screen.findByRole('link', { name: 'A plus B' }, { timeout: 5000 })).closest('tr')!;
    expect(within(row).getByTestId('problem-code').textContent).toBe('aplusb');
    expect(within(row).getByText('1.5 s').getAttribute('title')).toBe("Derived from the problem's accepted solutions");
    expect(within(row).getByTestId('problem-solved-by').textContent).toBe('1,234');
    expect(within(row).getByTestId('problem-acceptance').textContent).toBe('63%');
    const other = screen.getByRole('link', { name: 'Knapsack' }).closest('tr')!;
    expect(within(other).getByTestId('problem-acceptance').textContent).toBe('—');

    await userEvent.click(within(row).getByRole('button', { name: 'implementation' }));
    expect(router.state.location.search).toBe('?q=implementation');
    expect(screen.getAllByRole('row').slice(1)).toHaveLength(1);
    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'aplus');
    expect(screen.getByRole('link', { name: 'A plus B' })).toBeTruthy();
  });

  it('speaks Spanish and Chinese: headings, counts and the time limit still to be derived', async () => {
    signIn();
    mockApi(({ url }) =>
      url === '/api/problems'
        ? { body: [problem('p1', 'Suma', null, 256, { solvedBy: 1500, acceptance: 0.5 })] }
        : undefined,
    );
    chooseLocale('es');
    const { unmount } = renderAt('/problems');
    const row = (await screen.findByRole('link', { name: 'Suma' }, { timeout: 5000 })).closest('tr')!;
    expect(screen.getByRole('heading', { name: 'Problemas' })).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toContain('Resuelto por');
    expect(headers).toContain('Límite de tiempo');
    expect(within(row).getByText('Se fija en la primera evaluación')).toBeTruthy();
    expect(within(row).getByTestId('problem-solved-by').textContent).toBe('1500');
    // Spanish puts a (non-breaking) space before the sign.
    expect(within(row).getByTestId('problem-acceptance').textContent).toMatch(/^50\s%$/);
    unmount();

    chooseLocale('zh-CN');
    renderAt('/problems');
    await screen.findByRole('link', { name: 'Suma' });
    expect(screen.getByRole('heading', { name: '题库' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('通过率');
    expect(screen.getByText('首次评测时确定')).toBeTruthy();
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
    const row = (await screen.findByRole('link', { name: 'A plus B' }, { timeout: 5000 })).closest('tr')!;
    expect(within(row).queryByRole('img')).toBeNull();

    list[0] = { ...list[0], solved: true, attempted: true };
    await refreshJudged(client);
    await waitFor(() => expect(within(row).getByRole('img', { name: 'Solved' })).toBeTruthy());
    expect(calls.filter((c) => c.url === '/api/problems')).toHaveLength(2);
  });
});
