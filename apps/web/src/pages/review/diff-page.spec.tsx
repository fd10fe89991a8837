import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_ID, assignmentView, COURSE_ID, LANGUAGES, submissionView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';
import { sideBySide } from './side-by-side';

setupDom();

const BASE = `/api/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
const FIRST = submissionView({
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  source: 'n = int(input())\nprint(n * n)\nexit(0)\n',
});
const SECOND = submissionView({
  id: 'aaaaaaaa-0000-4000-8000-000000000002',
  userId: '33333333-3333-3333-3333-333333333333',
  username: 'bob',
  source: 'import sys\nn = int(input())\nprint(n ** 2)\n',
});

describe('side-by-side diff', () => {
  it('pairs a removed run with the added run that replaced it, and keeps line numbers per side', () => {
    expect(sideBySide('a\nb\nc', 'a\nc\nd\n')).toEqual([
      { kind: 'same', left: { line: 1, text: 'a' }, right: { line: 1, text: 'a' } },
      { kind: 'removed', left: { line: 2, text: 'b' }, right: null },
      { kind: 'same', left: { line: 3, text: 'c' }, right: { line: 2, text: 'c' } },
      { kind: 'added', left: null, right: { line: 3, text: 'd' } },
    ]);
  });

  it('marks added, removed and changed lines between two chosen submissions', async () => {
    signIn('contestant', '22222222-2222-2222-2222-222222222222', 'tom');
    mockApi(({ url }) => {
      if (url === BASE) return { body: assignmentView({ window: null, extensions: [] }) };
      if (url === `${BASE}/submissions`) return { body: { items: [FIRST, SECOND], page: 1 } };
      if (url === `/api/submissions/${FIRST.id}`) return { body: FIRST };
      if (url === `/api/submissions/${SECOND.id}`) return { body: SECOND };
      if (url === '/api/languages') return { body: LANGUAGES };
      return undefined;
    });
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/diff`);

    expect(await screen.findByText('Choose two submissions to compare.')).toBeTruthy();
    await screen.findAllByRole('option', { name: /bob/ });
    await userEvent.selectOptions(screen.getByLabelText('Left'), FIRST.id);
    await userEvent.selectOptions(screen.getByLabelText('Right'), SECOND.id);

    const table = await screen.findByRole('table', { name: 'Differences' });
    const rows = within(table).getAllByTestId('diff-row');
    const kinds = rows.map((r) => r.getAttribute('data-kind'));
    expect(kinds).toEqual(['added', 'same', 'changed', 'removed']);
    expect(rows[0].className).toContain('diff-added');
    expect(rows[0].querySelector('.diff-right')?.textContent).toBe('import sys');
    expect(rows[0].querySelector('.diff-left')).toBeNull();
    expect(rows[2].querySelector('.diff-left')?.textContent).toBe('print(n * n)');
    expect(rows[2].querySelector('.diff-right')?.textContent).toBe('print(n ** 2)');
    expect(rows[3].className).toContain('diff-removed');
    expect(rows[3].querySelector('.diff-left')?.textContent).toBe('exit(0)');
    expect(screen.getByText('1 added, 1 removed, 1 changed line.')).toBeTruthy();

    // Both sides are highlighted as Python (the grammar GET /api/languages names) once it has loaded, in the same cells.
    await waitFor(() => {
      expect(rows[0].querySelector('.diff-right .tok-keyword')?.textContent).toBe('import');
      expect(rows[3].querySelector('.diff-left .tok-number')?.textContent).toBe('0');
    });
    expect(rows[2].querySelector('.diff-right .tok-number')?.textContent).toBe('2');
    expect(rows[2].querySelector('.diff-right')?.textContent).toBe('print(n ** 2)');
  });
});
