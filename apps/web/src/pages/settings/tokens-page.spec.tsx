import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApiTokenView } from '@judge/contract';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const SECRET = 'jt_0123456789abcdefghijABCDEFGHIJ_-0123456789a';

const scriptToken: ApiTokenView = {
  id: '22222222-2222-2222-2222-222222222222',
  name: 'grading script',
  scopes: ['submissions', 'read'],
  createdAt: '2026-12-01T10:00:00.000Z',
  lastUsedAt: null,
};

/** The tokens API as it answers: the list never holds a secret; making one answers it once. */
function api(initial: ApiTokenView[] = [scriptToken], all: ApiTokenView[] = []) {
  let tokens = [...initial];
  return mockApi(({ method, url, body }) => {
    if (method === 'GET' && url === '/api/tokens') return { body: tokens };
    if (method === 'GET' && url === '/api/tokens?all=true') return { body: all };
    if (method === 'POST' && url === '/api/tokens') {
      const { name, scopes } = body as Pick<ApiTokenView, 'name' | 'scopes'>;
      const id = '33333333-3333-3333-3333-333333333333';
      tokens = [{ id, name, scopes, createdAt: '2026-12-03T10:00:00.000Z', lastUsedAt: null }, ...tokens];
      return { status: 201, body: { id, token: SECRET } };
    }
    if (method === 'DELETE' && url.startsWith('/api/tokens/')) {
      tokens = tokens.filter((t) => url !== `/api/tokens/${t.id}`);
      return { status: 204 };
    }
    return undefined;
  });
}

describe('API tokens page', () => {
  it('is linked from the header, and lists the user’s tokens with when they were last used', async () => {
    signIn('contestant');
    api([
      scriptToken,
      {
        ...scriptToken,
        id: '44444444-4444-4444-4444-444444444444',
        name: 'bot',
        scopes: ['runs'],
        lastUsedAt: '2026-12-02T08:00:00.000Z',
      },
    ]);
    renderAt('/problems');
    await userEvent.click(await screen.findByRole('link', { name: 'API tokens' }));
    const yours = await screen.findByRole('region', { name: 'Your tokens' });
    const rows = await within(yours).findAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Last used'),
      expect.stringMatching(/^grading scriptSubmissions, Read.*Never/),
      expect.stringMatching(/^botRuns.*2026/),
    ]);
    expect(screen.queryByRole('region', { name: 'All users’ tokens' })).toBeNull();
  });

  it('makes a token with the chosen scopes and shows its secret once, with a copy button', async () => {
    signIn('contestant');
    const { calls } = api([]);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderAt('/settings/tokens');
    expect(await screen.findByText('You have no tokens yet.')).toBeTruthy();
    const create = screen.getByRole('button', { name: 'Create token' });
    expect((create as HTMLButtonElement).disabled).toBe(true);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'ci bot');
    await userEvent.click(screen.getByRole('checkbox', { name: /^Read/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /^Runs/ }));
    await userEvent.click(create);

    const made = await screen.findByRole('status', { name: 'Token “ci bot” created' });
    expect(within(made).getByText(SECRET)).toBeTruthy();
    expect(within(made).getByText(/shown only this once/)).toBeTruthy();
    // Scopes go in their fixed order, whatever order they were ticked in.
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'ci bot', scopes: ['runs', 'read'] });
    await userEvent.click(within(made).getByRole('button', { name: 'Copy token' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);

    const yours = screen.getByRole('region', { name: 'Your tokens' });
    expect(await within(yours).findByText('ci bot')).toBeTruthy();
    expect(within(yours).queryByText(SECRET)).toBeNull();

    await userEvent.click(within(made).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it('revokes a token after asking', async () => {
    signIn('contestant');
    const { calls } = api();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderAt('/settings/tokens');
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke grading script' }));
    await waitFor(() => expect(screen.getByText('You have no tokens yet.')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual([`/api/tokens/${scriptToken.id}`]);
  });

  it('shows an admin everyone’s tokens with their owners, to revoke', async () => {
    signIn('admin');
    const { calls } = api([], [{ ...scriptToken, owner: { id: 'u1', username: 'bob' } }]);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderAt('/settings/tokens');
    const everyone = await screen.findByRole('region', { name: 'All users’ tokens' });
    expect(await within(everyone).findByText('bob')).toBeTruthy();
    await userEvent.click(within(everyone).getByRole('button', { name: 'Revoke grading script' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  });

  it('speaks Spanish', async () => {
    signIn('contestant');
    api();
    chooseLocale('es');
    renderAt('/settings/tokens');
    expect(await screen.findByRole('heading', { name: 'Tokens de API', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crear token' })).toBeTruthy();
    expect(await screen.findByText('Nunca')).toBeTruthy();
    expect(screen.getByText('Envíos, Lectura')).toBeTruthy();
  });
});
