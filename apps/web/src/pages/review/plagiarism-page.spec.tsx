import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PlagiarismReport } from '@judge/contract';
import { PROBLEM_ID, submissionView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const lines = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`).join('\n');
const A = submissionView({ id: 'aaaaaaaa-0000-4000-8000-00000000000a', source: lines(10, 'a') });
const B = submissionView({
  id: 'bbbbbbbb-0000-4000-8000-00000000000b',
  userId: '33333333-3333-3333-3333-333333333333',
  username: 'bob',
  source: lines(12, 'b'),
});
const ref = (s: typeof A) => ({
  submissionId: s.id,
  userId: s.userId,
  username: s.username!,
  problemId: PROBLEM_ID,
  language: 'python',
  createdAt: s.createdAt,
});

const report: PlagiarismReport = {
  submissions: 3,
  pairs: [
    {
      a: ref(A),
      b: ref(B),
      similarity: 0.82,
      regions: [
        { a: { startLine: 2, endLine: 4 }, b: { startLine: 5, endLine: 7 } },
        { a: { startLine: 8, endLine: 9 }, b: { startLine: 1, endLine: 2 } },
      ],
    },
    {
      a: ref(A),
      b: { ...ref(B), username: 'carol', userId: '44444444-4444-4444-4444-444444444444' },
      similarity: 0.31,
      regions: [],
    },
  ],
};

/** The class of each line of a listing, by line number. */
function lineClasses(listing: HTMLElement): Map<number, string> {
  const rows = listing.querySelectorAll<HTMLElement>('tr[data-line]');
  return new Map([...rows].map((row) => [Number(row.dataset.line), row.className]));
}

describe('plagiarism report', () => {
  it('ranks pairs with a bar, and the pair view colours each matching region alike on both sides', async () => {
    signIn('setter');
    mockApi(({ url }) => {
      if (url === `/api/problems/${PROBLEM_ID}/plagiarism`) return { body: report };
      if (url === `/api/submissions/${A.id}`) return { body: A };
      if (url === `/api/submissions/${B.id}`) return { body: B };
      return undefined;
    });
    renderAt(`/admin/problems/${PROBLEM_ID}/plagiarism`);

    const pairs = await screen.findAllByTestId('plagiarism-pair');
    expect(pairs.map((p) => p.querySelector('.similarity-value')?.textContent)).toEqual(['82%', '31%']);
    expect(pairs[0].querySelector<HTMLElement>('.similarity-bar span')?.style.width).toBe('82%');

    await userEvent.click(within(pairs[0]).getByRole('button', { name: 'Compare alice and bob' }));
    const left = await screen.findByRole('region', { name: 'Source of alice' });
    const right = await screen.findByRole('region', { name: 'Source of bob' });
    const a = lineClasses(left);
    const b = lineClasses(right);

    for (const line of [2, 3, 4]) expect(a.get(line)).toBe('match match-0');
    for (const line of [5, 6, 7]) expect(b.get(line)).toBe('match match-0');
    for (const line of [8, 9]) expect(a.get(line)).toBe('match match-1');
    for (const line of [1, 2]) expect(b.get(line)).toBe('match match-1');
    expect(a.get(1)).toBe('');
    expect(a.get(5)).toBe('');
    expect(b.get(3)).toBe('');
    expect(screen.getByText('Lines 2–4 ↔ 5–7').className).toBe('match match-0');
  });
});
