import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEntryView, AuditPage } from '@judge/contract';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

vi.mock('../../editor/code-editor', () => import('../../test/editor-mock'));

setupDom();

const ALICE = '33333333-3333-4333-8333-333333333333';
const PROBLEM = '55555555-5555-4555-8555-555555555555';

const entry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
  id: '1',
  at: '2026-12-03T10:00:00.000Z',
  actorId: '11111111-1111-4111-8111-111111111111',
  actorUsername: 'admin',
  actorRole: 'admin',
  address: '192.0.2.7',
  action: 'user.role',
  targetType: 'user',
  targetId: ALICE,
  details: { username: 'alice', role: { before: 'contestant', after: 'setter' } },
  ...overrides,
});

/** Every entry, and the role changes alone when the filter asks for them. */
function api() {
  const all: AuditPage = {
    items: [
      entry({}),
      entry({
        id: '2',
        action: 'problem.create',
        targetType: 'problem',
        targetId: PROBLEM,
        details: { title: 'Squares', version: 1 },
      }),
      entry({
        id: '3',
        actorId: null,
        actorUsername: null,
        actorRole: null,
        address: '203.0.113.9',
        action: 'auth.login-throttled',
        targetType: 'address',
        targetId: '203.0.113.9',
        details: { username: 'alice', limits: ['login-address'] },
      }),
    ],
    page: 1,
    more: true,
  };
  return mockApi(({ url }) => {
    if (url === '/api/admin/audit') return { body: all };
    if (url === '/api/admin/audit?action=user.role') return { body: { items: [entry({})], page: 1, more: false } };
    if (url === '/api/admin/audit?page=2') return { body: { items: [entry({ id: '9' })], page: 2, more: false } };
    if (url.startsWith('/api/admin/audit.csv')) return { body: 'at,actor\n' };
    return undefined;
  });
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Audit log entries' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent));

describe('audit log page (admin)', () => {
  it('shows who did what to what, from where, with what changed', async () => {
    signIn('admin');
    api();
    renderAt('/admin/audit');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()).toEqual([
      ['admin (admin)', '192.0.2.7', 'Role changed', `User ${ALICE}`, 'usernamealicerolecontestant → setter'],
      ['admin (admin)', '192.0.2.7', 'Problem created', `Problem ${PROBLEM}`, 'titleSquaresversion1'],
      [
        '(not signed in)',
        '203.0.113.9',
        'Logins throttled',
        'Address 203.0.113.9',
        'usernamealicelimits["login-address"]',
      ],
    ]);
  });

  it('filters by action, keeps the filter in the address, and pages', async () => {
    signIn('admin');
    const { calls } = api();
    const { router } = renderAt('/admin/audit');
    await waitFor(() => expect(rows()).toHaveLength(3));

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(calls.map((c) => c.url)).toContain('/api/admin/audit?page=2'));
    expect(router.state.location.search).toBe('?page=2');

    await userEvent.selectOptions(screen.getByLabelText('Action'), 'Role changed');
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(calls.map((c) => c.url)).toContain('/api/admin/audit?action=user.role');
    // A new filter starts again at its first page.
    expect(router.state.location.search).toBe('?action=user.role');
    expect(screen.getByLabelText<HTMLSelectElement>('Action').value).toBe('user.role');
  });

  it('exports the filtered rows as CSV, fetched with the session', async () => {
    signIn('admin');
    const { calls } = api();
    const createObjectURL = vi.fn(() => 'blob:audit');
    // jsdom has no object URLs and does not navigate: the download stops at the link's click.
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAt('/admin/audit?action=user.role');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const csv = calls.find((c) => c.url.startsWith('/api/admin/audit.csv'));
    expect(csv?.url).toBe('/api/admin/audit.csv?action=user.role');
    expect(csv?.headers.Authorization).toMatch(/^Bearer /);
  });

  it('is in the menu for admins only', async () => {
    signIn('admin');
    api();
    const first = renderAt('/admin/audit');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Audit log' }).getAttribute('href')).toBe('/admin/audit');
    first.unmount();

    signIn('setter');
    api();
    renderAt('/problems');
    const setterNav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(setterNav).queryByText('Audit log')).toBeNull();
  });
});
