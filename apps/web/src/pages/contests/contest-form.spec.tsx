import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProblemListItem } from '@judge/contract';
import { CONTEST_ID, contestView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';
import { nextLabel } from './contest-form-page';

setupDom();

const problem = (id: string, title: string): ProblemListItem => ({
  id,
  slug: title.toLowerCase(),
  title,
  visibility: 'public',
  version: 1,
  type: 'pass-fail',
  timeLimitMs: 1000,
  memoryMb: 256,
});

const PROBLEMS = [
  problem('p1111111-0000-0000-0000-000000000000', 'Sum'),
  problem('p2222222-0000-0000-0000-000000000000', 'Paths'),
  problem('p3333333-0000-0000-0000-000000000000', 'Circle'),
];

function api() {
  return mockApi(({ method, url }) => {
    if (url === '/api/problems') return { body: PROBLEMS };
    if (method === 'POST' && url === '/api/contests') return { status: 201, body: { id: CONTEST_ID } };
    if (method === 'PUT' && url === `/api/contests/${CONTEST_ID}`) return { body: { id: CONTEST_ID } };
    if (url === `/api/contests/${CONTEST_ID}`)
      return { body: contestView({ canManage: true, registration: 'invite', invited: ['ann', 'ben'] }) };
    return undefined;
  });
}

async function addProblem(title: string) {
  await userEvent.selectOptions(screen.getByLabelText('Add a problem'), title);
  await userEvent.click(screen.getByRole('button', { name: 'Add' }));
}

describe('contest form', () => {
  it('gives labels A, B, C… in order', () => {
    expect(nextLabel([])).toBe('A');
    expect(nextLabel(['A', 'C'])).toBe('B');
    expect(nextLabel('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''))).toBe('A1');
  });

  it('creates a contest with the body the API takes, then opens it', async () => {
    signIn('setter');
    const { calls } = api();
    const { router } = renderAt('/contests/new');

    await userEvent.type(await screen.findByLabelText('Title'), 'Spring Cup');
    await userEvent.type(screen.getByLabelText('Description'), 'Two problems.');
    fireEvent.change(screen.getByLabelText('Start'), { target: { value: '2030-05-01T10:00' } });
    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2030-05-01T15:00' } });
    await userEvent.selectOptions(screen.getByLabelText('Scoring'), 'ioi');
    await userEvent.clear(screen.getByLabelText('Freeze minutes'));
    await userEvent.type(screen.getByLabelText('Freeze minutes'), '60');
    await userEvent.selectOptions(screen.getByLabelText('Registration'), 'code');
    await userEvent.type(screen.getByLabelText('Join code'), 'spring-2030');
    await userEvent.click(screen.getByLabelText('The problems become practice problems after the end'));
    await userEvent.selectOptions(screen.getByLabelText('Feedback to participants'), 'verdict-only');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Team contest' }));

    await waitFor(() => expect(screen.getByRole('option', { name: 'Paths' })).toBeTruthy());
    await addProblem('Paths');
    await addProblem('Sum');
    await addProblem('Circle');
    expect(screen.getByLabelText<HTMLInputElement>('Label of Paths').value).toBe('A');
    expect(screen.getByLabelText<HTMLInputElement>('Label of Sum').value).toBe('B');
    await userEvent.click(screen.getByRole('button', { name: 'Remove B' }));
    // The labels are editable.
    const circle = screen.getByLabelText('Label of Circle');
    expect((circle as HTMLInputElement).value).toBe('C');
    await userEvent.clear(circle);
    await userEvent.type(circle, 'B');
    // A balloon colour for Paths; Circle has none.
    fireEvent.change(screen.getByLabelText('Balloon colour of A'), { target: { value: '#ff8800' } });

    await userEvent.click(screen.getByRole('button', { name: 'Create contest' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/contests/${CONTEST_ID}`));
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/contests');
    expect(post?.body).toEqual({
      title: 'Spring Cup',
      description: 'Two problems.',
      startsAt: new Date('2030-05-01T10:00').toISOString(),
      endsAt: new Date('2030-05-01T15:00').toISOString(),
      scoring: 'ioi',
      freezeMinutes: 60,
      registration: 'code',
      joinCode: 'spring-2030',
      practiceAfter: false,
      feedback: 'verdict-only',
      runsEnabled: true,
      teams: true,
      medals: { gold: 4, silver: 4, bronze: 4 },
      balloonsDuringFreeze: true,
      allowedNetworks: [],
      oneSession: false,
      problems: [
        { problemId: PROBLEMS[1].id, label: 'A', color: '#ff8800' },
        { problemId: PROBLEMS[2].id, label: 'B', color: null },
      ],
    });
    // Many fields typed key by key: slow on a busy machine.
  }, 20_000);

  it('refuses an end before the start and twice the same label, without asking the API', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt('/contests/new');
    await userEvent.type(await screen.findByLabelText('Title'), 'Backwards');
    fireEvent.change(screen.getByLabelText('Start'), { target: { value: '2030-05-01T10:00' } });
    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2030-05-01T09:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Create contest' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The end must come after the start.');

    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2030-05-01T12:00' } });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Sum' })).toBeTruthy());
    await addProblem('Sum');
    await addProblem('Paths');
    const second = screen.getByLabelText('Label of Paths');
    await userEvent.clear(second);
    await userEvent.type(second, 'A');
    await userEvent.click(screen.getByRole('button', { name: 'Create contest' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The label A is used twice.'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('edits a contest: the form starts from it and sends PUT with the invited users', async () => {
    signIn('admin');
    const { calls } = api();
    renderAt(`/contests/${CONTEST_ID}/edit`);
    const title = await screen.findByLabelText<HTMLInputElement>('Title');
    expect(title.value).toBe('Spring Cup');
    const invited = screen.getByLabelText<HTMLTextAreaElement>('Invited usernames');
    expect(invited.value).toBe('ann\nben');
    await userEvent.type(invited, ', cleo');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({
      title: 'Spring Cup',
      registration: 'invite',
      invited: ['ann', 'ben', 'cleo'],
      problems: [
        { problemId: contestView().problems[0].problemId, label: 'A' },
        { problemId: contestView().problems[1].problemId, label: 'B' },
      ],
    });
  });

  it('switches runs off for a new contest, with a hint saying what that does', async () => {
    signIn('setter');
    const { calls } = api();
    const { router } = renderAt('/contests/new');
    await userEvent.type(await screen.findByLabelText('Title'), 'Closed book');
    const runs = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Allow runs (custom input)' });
    expect(runs.checked).toBe(true);
    expect(runs.getAttribute('aria-describedby')).toBe('contest-runs-hint');
    expect(document.getElementById('contest-runs-hint')?.textContent).toMatch(/cannot run programs on custom input/);
    await userEvent.click(runs);
    expect(runs.checked).toBe(false);
    await waitFor(() => expect(screen.getByRole('option', { name: 'Sum' })).toBeTruthy());
    await addProblem('Sum');
    await userEvent.click(screen.getByRole('button', { name: 'Create contest' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/contests/${CONTEST_ID}`));
    expect(calls.find((c) => c.method === 'POST' && c.url === '/api/contests')?.body).toMatchObject({
      title: 'Closed book',
      runsEnabled: false,
    });
  });

  it('starts from the contest’s switch when editing, and sends it back on', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (url === '/api/problems') return { body: PROBLEMS };
      if (method === 'PUT' && url === `/api/contests/${CONTEST_ID}`) return { body: { id: CONTEST_ID } };
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true, runsEnabled: false }) };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/edit`);
    const runs = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Allow runs (custom input)' });
    expect(runs.checked).toBe(false);
    await userEvent.click(runs);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ runsEnabled: true });
  });

  it('starts from the contest’s medal counts, sends them as changed, and refuses a negative one', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (url === '/api/problems') return { body: PROBLEMS };
      if (method === 'PUT' && url === `/api/contests/${CONTEST_ID}`) return { body: { id: CONTEST_ID } };
      if (url === `/api/contests/${CONTEST_ID}`)
        return { body: contestView({ canManage: true, medals: { gold: 1, silver: 2, bronze: 3 } }) };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/edit`);
    const gold = await screen.findByLabelText<HTMLInputElement>('Gold medals');
    expect(gold.value).toBe('1');
    expect(screen.getByLabelText<HTMLInputElement>('Bronze medals').value).toBe('3');
    fireEvent.change(screen.getByLabelText('Silver medals'), { target: { value: '-1' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    // The field's own bounds stop it before the form's check or the API.
    expect(screen.getByLabelText<HTMLInputElement>('Silver medals').validity.valid).toBe(false);
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    fireEvent.change(screen.getByLabelText('Silver medals'), { target: { value: '5' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ medals: { gold: 1, silver: 5, bronze: 3 } });
  });
  it('keeps a contest’s "balloons during the freeze" switch when editing, and sends it changed', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (url === '/api/problems') return { body: PROBLEMS };
      if (method === 'PUT' && url === `/api/contests/${CONTEST_ID}`) return { body: { id: CONTEST_ID } };
      if (url === `/api/contests/${CONTEST_ID}`) {
        return { body: contestView({ canManage: true, balloonsDuringFreeze: false }) };
      }
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/edit`);
    const balloons = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Balloons during the freeze' });
    expect(balloons.checked).toBe(false);
    expect(document.getElementById('contest-balloons-hint')?.textContent).toMatch(/wait until it is unfrozen/);
    await userEvent.click(balloons);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ balloonsDuringFreeze: true });
  });

  it('locks a contest down to the networks typed, one a line, with one session', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (url === '/api/problems') return { body: PROBLEMS };
      if (method === 'PUT' && url === `/api/contests/${CONTEST_ID}`) return { body: { id: CONTEST_ID } };
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true, oneSession: true }) };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/edit`);
    const networks = await screen.findByLabelText<HTMLTextAreaElement>('Allowed networks');
    expect(networks.value).toBe('');
    expect(document.getElementById('contest-networks-hint')?.textContent).toMatch(/Staff are never refused/);
    await userEvent.type(networks, '10.1.0.0/16{enter}192.0.2.7');
    const oneSession = screen.getByRole<HTMLInputElement>('checkbox', { name: 'One session per account' });
    expect(oneSession.checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      allowedNetworks: ['10.1.0.0/16', '192.0.2.7'],
      oneSession: true,
    });
  });
});
