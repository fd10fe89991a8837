import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useRegister, useSettings } from '../api/hooks';
import { peekNotice, setSession, takeNotice } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ErrorMessage, Loading } from '../components/error-message';

/** Where to go after signing in: only a path of this site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/problems';
}

function CredentialsForm({ mode, registrationOpen }: { mode: 'login' | 'register'; registrationOpen: boolean }) {
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

  const title = mode === 'login' ? 'Log in' : 'Register';
  return (
    <div className="page page-narrow">
      <h1>{title}</h1>
      {notice && !mutation.error && (
        <div className="alert alert-info" role="status">
          {notice}
        </div>
      )}
      <form className="form card" onSubmit={submit} aria-label={title}>
        <label className="field">
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={mode === 'register' ? 8 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {mode === 'register' && <p className="hint">At least 8 characters; names use letters, digits, _ . and -.</p>}
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? `${title}…` : title}
        </button>
      </form>
      {mode === 'register' ? (
        <p className="muted">
          Have an account? <Link to="/login">Log in</Link>.
        </p>
      ) : registrationOpen ? (
        <p className="muted">
          No account? <Link to="/register">Register</Link>.
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
  const user = useSession();
  const settings = useSettings();
  if (user) return <Navigate to="/problems" replace />;
  if (settings.isPending) return <Loading what="Loading" />;
  if (settings.data?.registrationOpen === false)
    return (
      <div className="page page-narrow">
        <h1>Register</h1>
        <div className="alert alert-info" role="status">
          This judge does not take registrations: ask its administrator for an account.
        </div>
        <p className="muted">
          Have an account? <Link to="/login">Log in</Link>.
        </p>
      </div>
    );
  // Also when the settings could not be read: the API refuses a registration itself if it is closed.
  return <CredentialsForm mode="register" registrationOpen />;
}
