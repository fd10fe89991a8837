import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../test/helpers';

setupDom();

/** The API's refusal of a locked exam's student at home (403 LOCKDOWN_ADDRESS). */
const examRefusal = {
  status: 403,
  body: {
    statusCode: 403,
    code: 'LOCKDOWN_ADDRESS',
    message: 'the exam "Midterm" is locked down: this address (203.0.113.9) is not allowed to use the judge',
    details: { kind: 'exam', id: 'a', courseId: 'c', title: 'Midterm', address: '203.0.113.9' },
  },
};

async function logIn(): Promise<void> {
  await userEvent.type(screen.getByLabelText('Username'), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'alice-password');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('lock-down on the login page', () => {
  it('says which exam refused the log-in and from which address', async () => {
    mockApi(({ url }) => (url === '/api/auth/login' ? examRefusal : undefined));
    renderAt('/login');
    await logIn();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'You cannot use the judge from here now: the exam “Midterm” is locked down, and this address ' +
        '(203.0.113.9) is not in its allowed networks. Use a computer in the room or network it allows.',
    );
    expect(localStorage.getItem('judge.token')).toBeNull();
  });

  it('says it in the language of the page, naming a contest as a contest', async () => {
    chooseLocale('es');
    mockApi(({ url }) =>
      url === '/api/auth/login'
        ? { ...examRefusal, body: { ...examRefusal.body, details: { ...examRefusal.body.details, kind: 'contest' } } }
        : undefined,
    );
    renderAt('/login');
    await userEvent.type(screen.getByLabelText('Usuario'), 'alice');
    await userEvent.type(screen.getByLabelText('Contraseña'), 'alice-password');
    await userEvent.click(screen.getByRole('button', { name: 'Iniciar sesión' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('el concurso «Midterm» está bloqueado');
    expect(alert.textContent).toContain('(203.0.113.9)');
  });
});

describe('lock-down of a signed-in student', () => {
  it('signs out a session a newer log-in ended, and says so on the login page', async () => {
    signIn('contestant');
    mockApi(({ url }) =>
      url === '/api/problems' || url === '/api/auth/me'
        ? {
            status: 401,
            body: { statusCode: 401, code: 'SESSION_REPLACED', message: 'this session was ended by a newer log-in' },
          }
        : undefined,
    );
    const { router } = renderAt('/problems');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toBe(
      'You were signed out: a newer log-in to your account ended this session. While a locked contest or exam ' +
        'runs, an account keeps only its latest session.',
    );
    expect(localStorage.getItem('judge.token')).toBeNull();
  });

  it('signs out a student refused at this address, and the login page says why', async () => {
    signIn('contestant');
    mockApi(({ url }) => (url === '/api/problems' || url === '/api/auth/me' ? examRefusal : undefined));
    const { router } = renderAt('/problems');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('the exam “Midterm” is locked down');
    expect(notice.textContent).toContain('(203.0.113.9)');
  });
});
