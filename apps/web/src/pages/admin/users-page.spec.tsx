import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UserView } from '@judge/contract';
import { DAVE, userView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const dave = userView();

function api() {
  let current = dave;
  return mockApi(({ method, url, body }) => {
    if (method === 'GET' && url === '/api/users') return { body: [current] };
    if (method === 'PATCH' && url === `/api/users/${DAVE}`) {
      current = { ...current, ...(body as Partial<UserView>) };
      return { body: current };
    }
    return undefined;
  });
}

describe('users page: blocking and rate limits', () => {
  it("blocks a user's submissions and unblocks them", async () => {
    signIn('admin');
    const { calls } = api();
    renderAt('/admin/users');
    const checkbox = () => screen.getByRole<HTMLInputElement>('checkbox', { name: 'dave blocked' });
    await screen.findByRole('checkbox', { name: 'dave blocked' });
    expect(checkbox().checked).toBe(false);
    await userEvent.click(checkbox());
    await waitFor(() => expect(checkbox().checked).toBe(true));
    expect(screen.getByText('Blocked')).toBeTruthy();
    await userEvent.click(checkbox());
    await waitFor(() => expect(screen.getByText('Allowed')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { blocked: true },
      { blocked: false },
    ]);
  });

  it('sets a rate limit of their own, and clears it back to the default', async () => {
    signIn('admin');
    const { calls } = api();
    renderAt('/admin/users');
    const limit = await screen.findByRole('spinbutton', { name: 'Submissions a minute for dave' });
    await userEvent.type(limit, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Set' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Set' })).toBeNull());
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Submissions a minute for dave' }));
    await userEvent.click(screen.getByRole('button', { name: 'Set' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { submissionsPerMinute: 2 },
      { submissionsPerMinute: null },
    ]);
  });
});

describe('users page: names', () => {
  it('shows the display name and email an import gave beside the username', async () => {
    signIn('admin');
    mockApi(({ method, url }) =>
      method === 'GET' && url === '/api/users'
        ? { body: [userView({ displayName: 'Dave Lister', email: 'dave@example.org' })] }
        : undefined,
    );
    renderAt('/admin/users');
    expect(await screen.findByText('Dave Lister · dave@example.org')).toBeTruthy();
  });
});
