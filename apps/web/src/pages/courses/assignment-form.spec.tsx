import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AssignmentView } from '@judge/contract';
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

function api(view: Partial<AssignmentView> = {}) {
  return mockApi(({ method, url }) => {
    const path = `/api/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
    if (method === 'GET' && url === '/api/problems') return { body: PROBLEMS };
    if (method === 'GET' && url === path) return { body: assignmentView({ feedback: 'verdict-only', ...view }) };
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

  it('switches runs off for the exam’s students, with a hint saying what that does', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/edit`);
    const runs = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Allow runs (custom input)' });
    expect(runs.checked).toBe(true);
    expect(runs.getAttribute('aria-describedby')).toBe('assignment-runs-hint');
    expect(document.getElementById('assignment-runs-hint')?.textContent).toMatch(/students cannot run programs/);
    await userEvent.click(runs);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ runsEnabled: false });
  });

  it('starts from an assignment with runs off, and sends them back on', async () => {
    signIn('setter');
    const { calls } = api({ runsEnabled: false });
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/edit`);
    const runs = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Allow runs (custom input)' });
    expect(runs.checked).toBe(false);
    await userEvent.click(runs);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ runsEnabled: true });
  });

  it('locks an exam down to networks and one session, starting from what the exam has', async () => {
    signIn('setter');
    const { calls } = api({ kind: 'exam', durationMinutes: 60, allowedNetworks: ['10.1.0.0/16'], oneSession: false });
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/edit`);
    const networks = await screen.findByLabelText<HTMLTextAreaElement>('Allowed networks');
    expect(networks.value).toBe('10.1.0.0/16');
    expect(document.getElementById('exam-networks-hint')?.textContent).toMatch(/Teachers and staff are never refused/);
    await userEvent.type(networks, '{enter}2001:db8:1::/48');
    const oneSession = screen.getByRole<HTMLInputElement>('checkbox', { name: 'One session per account' });
    expect(oneSession.checked).toBe(false);
    await userEvent.click(oneSession);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      allowedNetworks: ['10.1.0.0/16', '2001:db8:1::/48'],
      oneSession: true,
    });
  });

  it('offers no lock-down for an assignment that is not an exam, and sends none', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}/edit`);
    await screen.findByLabelText('Feedback to participants');
    expect(screen.queryByLabelText('Allowed networks')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).not.toHaveProperty('allowedNetworks');
  });
});
