import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderAt, setupDom, makeToken } from '../test/helpers';

setupDom();

describe('login form', () => {
  it('shows the message of a 401 answer', async () => {
    const { calls } = mockApi(({ url }) =>
      url === '/api/auth/login'
        ? {
            status: 401,
            body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'wrong username or password' },
          }
        : undefined,
    );
    renderAt('/login');
    await userEvent.type(screen.getByLabelText('Username'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'not-her-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('wrong username or password');
    expect(calls[0].body).toEqual({ username: 'alice', password: 'not-her-password' });
    expect(localStorage.getItem('judge.token')).toBeNull();
  });

  it('keeps the token and opens the page asked for', async () => {
    const token = makeToken('22222222-2222-2222-2222-222222222222', 'setter');
    mockApi(({ url }) => {
      if (url === '/api/auth/login') return { body: { accessToken: token } };
      if (url === '/api/problems') return { body: [] };
      if (url.startsWith('/api/submissions')) return { body: { items: [], page: 1 } };
      return undefined;
    });
    const { router } = renderAt('/login?next=%2Fproblems');
    await userEvent.type(screen.getByLabelText('Username'), 'bob');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/problems'));
    expect(localStorage.getItem('judge.token')).toBe(token);
    expect(await screen.findByText('No problems yet.', { exact: false })).toBeTruthy();
    // The role from the token shows the setter's links; the name typed is shown.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'New problem' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.getByText('bob', { exact: false })).toBeTruthy();
  });

  it('sends a signed-out visitor to the login page', async () => {
    mockApi(() => undefined);
    const { router } = renderAt('/problems');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Fproblems');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });
});
