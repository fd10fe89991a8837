import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LANGUAGES, PROBLEM_ID, problemDetail } from '../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../test/helpers';
import { setActiveLocale } from '../i18n/active-locale';
import { ApiError, request } from './client';

vi.mock('../editor/code-editor', () => import('../test/editor-mock'));

setupDom();

describe('API client', () => {
  it('throws an ApiError carrying the body’s message and code, and sends the bearer token', async () => {
    const token = signIn();
    const { calls } = mockApi(() => ({
      status: 409,
      body: { statusCode: 409, code: 'SLUG_TAKEN', message: 'a problem named sum exists' },
    }));
    const error = await request('/api/problems', { method: 'POST', json: { title: 'Sum' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'SLUG_TAKEN', message: 'a problem named sum exists' });
    expect(calls[0].headers.Authorization).toBe(`Bearer ${token}`);
    expect(calls[0].headers['Content-Type']).toBe('application/json');
  });

  it('signs out when the API no longer accepts the token', async () => {
    signIn();
    mockApi(() => ({
      status: 401,
      body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'invalid or expired token' },
    }));
    await expect(request('/api/problems')).rejects.toThrow('invalid or expired token');
    expect(localStorage.getItem('judge.token')).toBeNull();
  });

  it('says what happened when an error has no JSON body', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
      ),
    );
    await expect(request('/api/health')).rejects.toMatchObject({ status: 502, message: 'Bad Gateway (HTTP 502)' });
  });

  it('words its own messages in the language the page is shown in', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    setActiveLocale('es');
    try {
      await expect(request('/api/health')).rejects.toMatchObject({
        code: 'NETWORK',
        message: 'no se puede conectar con el servidor; revisa tu conexión e inténtalo de nuevo',
      });
      setActiveLocale('zh-CN');
      vi.stubGlobal(
        'fetch',
        vi.fn(() => Promise.resolve(new Response('', { status: 503 }))),
      );
      await expect(request('/api/health')).rejects.toMatchObject({ status: 503, message: '请求失败（HTTP 503）' });
    } finally {
      setActiveLocale('en');
    }
  });
});

describe('4xx answers on the pages', () => {
  it('shows a 404 as its message instead of a blank page', async () => {
    signIn();
    mockApi(({ url }) =>
      url === `/api/problems/${PROBLEM_ID}`
        ? { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'problem not found' } }
        : url === '/api/languages'
          ? { body: LANGUAGES }
          : undefined,
    );
    renderAt(`/problems/${PROBLEM_ID}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('problem not found');
    expect(screen.getByRole('link', { name: 'Back to the problems' })).toBeTruthy();
  });

  it('shows a refused submission’s message (429) and stays on the problem', async () => {
    signIn();
    mockApi(({ method, url }) => {
      if (url === `/api/problems/${PROBLEM_ID}`) return { body: problemDetail() };
      if (url === '/api/languages') return { body: LANGUAGES };
      if (method === 'POST' && url === '/api/submissions')
        return {
          status: 429,
          body: {
            statusCode: 429,
            code: 'RATE_LIMITED',
            message: 'at most 10 submissions a minute; try again shortly',
          },
        };
      return undefined;
    });
    const { router } = renderAt(`/problems/${PROBLEM_ID}`);
    // Typed once CodeMirror (a text area in these tests) has replaced the plain box shown while it loads.
    await waitFor(() => expect(screen.getByLabelText('Source code').classList.contains('plain-editor')).toBe(false));
    await userEvent.type(screen.getByLabelText('Source code'), 'print(1)');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('at most 10 submissions a minute; try again shortly');
    expect(router.state.location.pathname).toBe(`/problems/${PROBLEM_ID}`);
  });

  it('shows why a problem package was refused', async () => {
    signIn('setter');
    const { calls } = mockApi(({ method, url }) =>
      method === 'POST' && url === '/api/problems'
        ? {
            status: 400,
            body: { statusCode: 400, code: 'INVALID_PACKAGE', message: 'problem.yaml: limits.memory must be a number' },
          }
        : undefined,
    );
    renderAt('/admin/problems/new');
    const zip = new File(['PK'], 'broken.zip', { type: 'application/zip' });
    await userEvent.upload(screen.getByLabelText('Problem package'), zip);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('broken.zip was refused');
    expect(alert.textContent).toContain('problem.yaml: limits.memory must be a number');
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.body).toBeInstanceOf(FormData);
    expect(((sent?.body as FormData).get('package') as File).name).toBe('broken.zip');
  });

  it('tells a contestant that setter pages are not for them', async () => {
    signIn('contestant');
    mockApi(() => undefined);
    renderAt('/admin/users');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('for admin accounts'));
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByText('Users')).toBeNull();
  });
});
