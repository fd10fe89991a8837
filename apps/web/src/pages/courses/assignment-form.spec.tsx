import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_ID, assignmentView, COURSE_ID, PROBLEM_ID } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const PROBLEMS = [
  {
    id: PROBLEM_ID,
    slug: 'squares',
    title: 'Squares',
    version: 1,
    type: 'pass-fail',
    timeLimitMs: 1000,
    memoryMb: 256,
  },
];

function api() {
  return mockApi(({ method, url }) => {
    const path = `/api/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
    if (method === 'GET' && url === '/api/problems') return { body: PROBLEMS };
    if (method === 'GET' && url === path) return { body: assignmentView({ feedback: 'verdict-only' }) };
    if (method === 'PUT' && url === path) return { body: assignmentView() };
    return undefined;
  });
}

describe('assignment form', () => {
  it('starts from the assignment’s feedback level and sends the one chosen', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/edit`);
    const select = await screen.findByLabelText<HTMLSelectElement>('Feedback to participants');
    expect(select.value).toBe('verdict-only');
    await userEvent.selectOptions(select, 'first-failure');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ feedback: 'first-failure' });
  });

  it('leaves the level to the problems when none is chosen', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/edit`);
    const select = await screen.findByLabelText<HTMLSelectElement>('Feedback to participants');
    await userEvent.selectOptions(select, '');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ feedback: null });
  });
});
