import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, lockdownMessage } from '../api/client';
import { useLogin, useRegister, useSettings } from '../api/hooks';
import { peekNotice, setSession, takeNotice } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ErrorMessage, Loading } from '../components/error-message';
import { useT, type Translate } from '../i18n/i18n-provider';

/** Where to go after signing in: only a path of this site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/problems';
}

/** The API's refusals of a login or registration that the page words itself, by code; others show as the API says. */
const AUTH_ERRORS: Record<string, string> = {
  INVALID_CREDENTIALS: 'auth.error.invalidCredentials',
  ACCOUNT_DISABLED: 'auth.error.accountDisabled',
  USERNAME_TAKEN: 'auth.error.usernameTaken',
  TOO_MANY_ATTEMPTS: 'auth.error.rateLimited',
};

function AuthError({ error, t }: { error: unknown; t: Translate }) {
  if (!error) return null;
  // A locked contest or exam refusing this address: which one, and the address (api/client.ts).
  const text =
    lockdownMessage(error) ??
    (error instanceof ApiError && AUTH_ERRORS[error.code] ? t(AUTH_ERRORS[error.code]) : null);
  if (!text) return <ErrorMessage error={error} />;
  return (
    <div className="alert alert-error" role="alert">
      <span className="alert-message">{text}</span>
    </div>
  );
}

/** A notice of the session (set by api/client.ts as a message id, e.g. auth.notice.sessionEnded), in words. */
function noticeText(notice: string, t: Translate): string {
  return notice.startsWith('auth.') ? t(notice) : notice;
}

function CredentialsForm({ mode, registrationOpen }: { mode: 'login' | 'register'; registrationOpen: boolean }) {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const login = useLogin();
  const register = useRegister();
  const mutation = mode === 'login' ? login : register;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [notice] = useState(() => (mode === 'login' ? peekNotice() : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { username: username.trim(), password },
      {
        onSuccess: ({ accessToken }) => {
          takeNotice();
          // Nothing read as someone else (or as nobody) is kept.
          client.clear();
          // The name shown is the API's (GET /api/auth/me), not the one typed.
          setSession(accessToken);
          void navigate(safeNext(params.get('next')), { replace: true });
        },
      },
    );
  };

  const title = mode === 'login' ? t('auth.login') : t('auth.register');
  return (
    <div className="page page-narrow">
      <h1>{title}</h1>
      {notice && !mutation.error && (
        <div className="alert alert-info" role="status">
          {noticeText(notice, t)}
        </div>
      )}
      <form className="form card" onSubmit={submit} aria-label={title}>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            // Only a new password has rules; logging in checks the password, not its length.
            minLength={mode === 'register' ? 8 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {mode === 'register' && <p className="hint">{t('auth.register.rules')}</p>}
        <AuthError error={mutation.error} t={t} />
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('auth.pending', { action: title }) : title}
        </button>
      </form>
      {mode === 'register' ? (
        <p className="muted">
          <FormattedMessage id="auth.haveAccount" values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }} />
        </p>
      ) : registrationOpen ? (
        <p className="muted">
          <FormattedMessage id="auth.noAccount" values={{ link: (chunks) => <Link to="/register">{chunks}</Link> }} />
        </p>
      ) : null}
    </div>
  );
}

export function LoginPage() {
  const user = useSession();
  const [params] = useSearchParams();
  const settings = useSettings();
  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;
  // The link to register shows only when the judge takes registrations.
  return <CredentialsForm mode="login" registrationOpen={settings.data?.registrationOpen === true} />;
}

export function RegisterPage() {
  const t = useT();
  const user = useSession();
  const settings = useSettings();
  if (user) return <Navigate to="/problems" replace />;
  if (settings.isPending) return <Loading what={t('auth.loading')} />;
  if (settings.data?.registrationOpen === false)
    return (
      <div className="page page-narrow">
        <h1>{t('auth.register')}</h1>
        <div className="alert alert-info" role="status">
          {t('auth.register.closed')}
        </div>
        <p className="muted">
          <FormattedMessage id="auth.haveAccount" values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }} />
        </p>
      </div>
    );
  // Also when the settings could not be read: the API refuses a registration itself if it is closed.
  return <CredentialsForm mode="register" registrationOpen />;
}
