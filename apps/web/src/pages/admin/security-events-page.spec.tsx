import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  SecurityEventsReport,
  SecurityEventSubmissionRow,
  SecurityEventUserRow,
  SubmissionView,
} from '@judge/contract';
import { PROBLEM_ID, submissionView } from '../../test/fixtures';
import { FakeEventSource, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

vi.mock('../../editor/code-editor', () => import('../../test/editor-mock'));

setupDom();

const MALLORY = '33333333-3333-4333-8333-333333333333';
const OSCAR = '44444444-4444-4444-8444-444444444444';
const SUBMISSION = 'dddddddd-dddd-dddd-dddd-dddddddddddd';

const user = (overrides: Partial<SecurityEventUserRow>): SecurityEventUserRow => ({
  userId: MALLORY,
  username: 'mallory',
  role: 'contestant',
  blocked: false,
  submissionsPerMinute: null,
  events: 5,
  submissions: 2,
  lastEventAt: '2025-01-02T10:00:00.000Z',
  ...overrides,
});

const submission = (overrides: Partial<SecurityEventSubmissionRow>): SecurityEventSubmissionRow => ({
  submissionId: SUBMISSION,
  userId: MALLORY,
  username: 'mallory',
  problemId: PROBLEM_ID,
  problemTitle: 'Squares',
  verdict: 'RE',
  events: 3,
  kinds: ['fork-bomb', 'syscall-denied'],
  judgedAt: '2025-01-02T10:00:00.000Z',
  ...overrides,
});

/** The API as the page sees it: by count mallory leads, by recency oscar. */
function api() {
  const byCount: SecurityEventsReport = {
    sort: 'count',
    users: [user({}), user({ userId: OSCAR, username: 'oscar', events: 1, submissions: 1 })],
    submissions: [submission({})],
  };
  const byRecent: SecurityEventsReport = { ...byCount, sort: 'recent', users: [...byCount.users].reverse() };
  return mockApi(({ method, url, body }) => {
    if (url === '/api/security-events?sort=count') return { body: byCount };
    if (url === '/api/security-events?sort=recent') return { body: byRecent };
    if (method === 'PATCH' && url === `/api/users/${MALLORY}`) {
      return { body: { id: MALLORY, username: 'mallory', role: 'contestant', disabled: false, ...(body as object) } };
    }
    return undefined;
  });
}

const usernames = () =>
  within(screen.getByRole('region', { name: 'Users' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('td a')?.textContent);

describe('security events page (admin)', () => {
  it('lists the users with the most events first, and the most recent on request', async () => {
    signIn('admin');
    const { calls } = api();
    renderAt('/admin/security-events');
    await waitFor(() => expect(usernames()).toEqual(['mallory', 'oscar']));
    const submissions = within(screen.getByRole('region', { name: 'Submissions' }));
    expect(submissions.getByRole('link', { name: 'dddddddd' }).getAttribute('href')).toBe(`/submissions/${SUBMISSION}`);
    expect(submissions.getByText('Fork bomb killed, Denied system call')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'mallory' }).getAttribute('href')).toBe(
      `/admin/submissions?user=${MALLORY}`,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Most recent' }));
    await waitFor(() => expect(usernames()).toEqual(['oscar', 'mallory']));
    expect(calls.map((c) => c.url)).toContain('/api/security-events?sort=recent');
    expect(screen.getByRole('button', { name: 'Most recent' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('blocks a user from the list', async () => {
    signIn('admin');
    const { calls } = api();
    renderAt('/admin/security-events');
    await userEvent.click(await screen.findByRole('button', { name: 'Block mallory' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch).toMatchObject({ url: `/api/users/${MALLORY}`, body: { blocked: true } });
  });

  it('is in the menu for admins only', async () => {
    signIn('setter');
    api();
    renderAt('/problems');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByText('Security events')).toBeNull();
  });
});

describe('security events panel on a submission', () => {
  function submissionApi(view: SubmissionView) {
    return mockApi(({ url }) => {
      if (url === `/api/submissions/${view.id}`) return { body: view };
      if (url === '/api/problems' || url === '/api/languages') return { body: [] };
      if (url === `/api/submissions/${view.id}/comments`) return { body: [] };
      return undefined;
    });
  }

  it("shows staff what the submission's runs did", async () => {
    signIn('setter', '22222222-2222-2222-2222-222222222222', 'carol');
    submissionApi(
      submissionView({
        verdict: 'RE',
        assignmentId: null,
        securityEvents: [
          { kind: 'fork-bomb', test: 'secret/01', detail: 'killed at 64 processes', count: 1 },
          { kind: 'syscall-denied', test: null, detail: 'keyctl', count: 12 },
        ],
      }),
    );
    renderAt(`/submissions/${SUBMISSION}`);
    const panel = await screen.findByRole('region', { name: 'Security events' });
    const rows = within(panel)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['Fork bomb killed', 'secret/01', 'killed at 64 processes', '1'],
      ['Denied system call', 'compilation', 'keyctl', '12'],
    ]);
  });

  it('reads the events again when the submission a staff member watches is judged', async () => {
    signIn('admin');
    vi.stubGlobal('EventSource', FakeEventSource);
    const stored = {
      current: submissionView({ status: 'running', verdict: null, assignmentId: null, securityEvents: [] }),
    };
    mockApi(({ url }) => {
      if (url === `/api/submissions/${SUBMISSION}`) return { body: stored.current };
      if (url === '/api/problems' || url === '/api/languages') return { body: [] };
      if (url === `/api/submissions/${SUBMISSION}/comments`) return { body: [] };
      return undefined;
    });
    renderAt(`/submissions/${SUBMISSION}`);
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    expect(screen.queryByRole('region', { name: 'Security events' })).toBeNull();

    const judged = submissionView({ verdict: 'RE', assignmentId: null });
    stored.current = {
      ...judged,
      securityEvents: [{ kind: 'output-flood', test: 'sample/1', detail: '8 MiB', count: 1 }],
    };
    // The stream's result has no events (its author hears it too): the page reads the submission again for them.
    act(() => FakeEventSource.latest().emit('done', { type: 'done', submission: judged }));
    const panel = await screen.findByRole('region', { name: 'Security events' });
    expect(await within(panel).findByText('Output flood')).toBeTruthy();
  });

  it('says so when there were none, and shows nothing to the author', async () => {
    signIn('admin');
    submissionApi(submissionView({ assignmentId: null, securityEvents: [] }));
    const first = renderAt(`/submissions/${SUBMISSION}`);
    expect(await screen.findByText(/None: its runs did nothing/)).toBeTruthy();
    first.unmount();

    // The API never sends the author the events; the page has no panel for them.
    signIn('contestant');
    submissionApi(submissionView({ assignmentId: null }));
    renderAt(`/submissions/${SUBMISSION}`);
    await screen.findByTestId('verdict');
    expect(screen.queryByRole('region', { name: 'Security events' })).toBeNull();
  });
});
