import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mockApi, renderAt, setupDom, makeToken, signIn } from '../test/helpers';

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
    expect(alert.textContent).toContain('Wrong username or password.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ username: 'alice', password: 'not-her-password' });
    expect(localStorage.getItem('judge.token')).toBeNull();
  });

  it('keeps the token and opens the page asked for', async () => {
    const id = '22222222-2222-2222-2222-222222222222';
    const token = makeToken(id, 'setter');
    const { calls } = mockApi(({ url }) => {
      if (url === '/api/auth/login') return { body: { accessToken: token } };
      if (url === '/api/auth/me') return { body: { id, username: 'bob', role: 'setter' } };
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
    // The setter's links show; the name is the API's, read with the new token.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'New problem' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Users' })).toBeNull();
    expect(await screen.findByText('bob', { exact: false })).toBeTruthy();
    const me = calls.find((c) => c.url === '/api/auth/me');
    expect(me?.headers.Authorization).toBe(`Bearer ${token}`);
    expect(localStorage.getItem('judge.username')).toBeNull();
  });

  it('sends a signed-out visitor to the login page', async () => {
    mockApi(() => undefined);
    const { router } = renderAt('/problems');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Fproblems');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });
});

describe('who is signed in', () => {
  it('shows the name and role the API gives after a reload, not a name kept from the login form', async () => {
    // A reload: only the token is there (and a name an earlier version kept, which is not used).
    signIn('contestant', '33333333-3333-3333-3333-333333333333', 'carol');
    localStorage.setItem('judge.username', 'typed-at-login');
    const { calls } = mockApi(({ url }) => {
      if (url === '/api/auth/me')
        // Made a setter since the token was issued: the API reads the account on every request.
        return { body: { id: '33333333-3333-3333-3333-333333333333', username: 'carol', role: 'setter' } };
      if (url === '/api/problems') return { body: [] };
      return undefined;
    });
    renderAt('/problems');

    const header = screen.getByRole('banner');
    await waitFor(() => expect(header.querySelector('.who')?.textContent).toBe('carol setter'));
    expect(header.textContent).not.toContain('typed-at-login');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'New problem' })).toBeTruthy();
    expect(calls.filter((c) => c.url === '/api/auth/me')).toHaveLength(1);
  });

  it('shows the role of the token and no name while the API has not answered', async () => {
    signIn('contestant');
    mockApi(({ url }) => {
      if (url === '/api/auth/me') return { pending: true };
      if (url === '/api/problems') return { body: [] };
      return undefined;
    });
    renderAt('/problems');
    const who = await waitFor(() => {
      const element = screen.getByRole('banner').querySelector('.who');
      if (!element) throw new Error('no user shown');
      return element;
    });
    expect(who.textContent).toBe('Signed in contestant');
  });
});

describe('registration', () => {
  it('links to the registration form only when the judge takes registrations', async () => {
    const settings = { ...DEFAULT_SETTINGS };
    mockApi(({ url }) => (url === '/api/settings' ? { body: settings } : undefined));
    const closed = renderAt('/login');
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeTruthy();
    await waitFor(() => expect(closed.client.getQueryData(['settings'])).toBeTruthy());
    expect(screen.queryByRole('link', { name: 'Register' })).toBeNull();
    closed.unmount();

    settings.registrationOpen = true;
    renderAt('/login');
    const link = await screen.findByRole('link', { name: 'Register' });
    expect(link.getAttribute('href')).toBe('/register');
  });

  it('says so on the registration page when registration is closed', async () => {
    mockApi(() => undefined);
    renderAt('/register');
    const notice = await screen.findByText('does not take registrations', { exact: false });
    expect(notice.getAttribute('role')).toBe('status');
    expect(screen.queryByLabelText('Password')).toBeNull();
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/login');
  });

  it('registers when registration is open', async () => {
    const token = makeToken('44444444-4444-4444-4444-444444444444', 'contestant');
    const { calls } = mockApi(({ method, url }) => {
      if (url === '/api/settings') return { body: { ...DEFAULT_SETTINGS, registrationOpen: true } };
      if (method === 'POST' && url === '/api/auth/register')
        return { status: 201, body: { id: '44444444-4444-4444-4444-444444444444', accessToken: token } };
      if (url === '/api/auth/me')
        return { body: { id: '44444444-4444-4444-4444-444444444444', username: 'dana', role: 'contestant' } };
      if (url === '/api/problems') return { body: [] };
      return undefined;
    });
    const { router } = renderAt('/register');
    await userEvent.type(await screen.findByLabelText('Username'), 'dana');
    await userEvent.type(screen.getByLabelText('Password'), 'long enough');
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/problems'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ username: 'dana', password: 'long enough' });
    expect(await screen.findByText('dana', { exact: false })).toBeTruthy();
  });
});
