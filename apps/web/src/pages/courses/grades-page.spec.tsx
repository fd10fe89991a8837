import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { GradeGrid } from '@judge/contract';
import { ASSIGNMENT_ID, assignmentView, COURSE_ID } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const BASE = `/api/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
const BEST = 'eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee';

const grid: GradeGrid = {
  problems: [
    { label: 'A', title: 'Squares' },
    { label: 'B', title: 'Cubes' },
  ],
  rows: [
    {
      userId: '11111111-1111-1111-1111-111111111111',
      username: 'alice',
      total: 170,
      cells: {
        A: {
          points: 90,
          autoPoints: 100,
          submissionId: BEST,
          submittedAt: '2025-01-09T10:00:00.000Z',
          late: true,
          adjusted: false,
        },
        B: {
          points: 80,
          autoPoints: 40,
          submissionId: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
          submittedAt: '2025-01-05T10:00:00.000Z',
          late: false,
          adjusted: true,
        },
      },
    },
    { userId: '33333333-3333-3333-3333-333333333333', username: 'bob', total: 0, cells: { A: null, B: null } },
  ],
};

describe('grades page', () => {
  it('shows points with late and adjusted marks, links to the best submissions, and downloads the CSV', async () => {
    signIn('contestant', '22222222-2222-2222-2222-222222222222', 'tom');
    const { calls } = mockApi(({ url }) => {
      if (url === BASE) return { body: assignmentView({ window: null, extensions: [] }) };
      if (url === `${BASE}/grades`) return { body: grid };
      if (url === `${BASE}/grades.csv`) return { body: 'student,A,B,total\nalice,90,80,170\n' };
      return undefined;
    });
    const createObjectURL = vi.fn(() => 'blob:grades');
    // jsdom has no object URLs and does not navigate: the download stops at the link's click.
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/grades`);

    const rows = await screen.findAllByTestId('grade-row');
    expect(rows).toHaveLength(2);
    const [a, b] = within(rows[0]).getAllByTestId('grade-cell');
    expect(within(a).getByRole('link').textContent).toBe('90');
    // To the submission under the assignment, with the way back to it (not the global /submissions/:id).
    expect(within(a).getByRole('link').getAttribute('href')).toBe(
      `/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/submissions/${BEST}`,
    );
    expect(within(a).getByText('late')).toBeTruthy();
    expect(within(a).queryByText('adjusted')).toBeNull();
    expect(within(b).getByText('adjusted')).toBeTruthy();
    expect(within(b).queryByText('late')).toBeNull();
    expect(rows[0].querySelector('.grade-total')?.textContent).toBe('170');
    expect(within(rows[1]).getAllByText('—')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const csv = calls.find((c) => c.url === `${BASE}/grades.csv`);
    // A plain link cannot carry the token: the file is fetched with it.
    expect(csv?.headers.Authorization).toMatch(/^Bearer /);
    expect(createObjectURL).toHaveBeenCalled();
  });
});
