import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useRegister } from '../api/hooks';
import { peekNotice, setSession, takeNotice } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ErrorMessage } from '../components/error-message';

/** Where to go after signing in: only a path of this site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/problems';
}

function CredentialsForm({ mode }: { mode: 'login' | 'register' }) {
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
          setSession(accessToken, username.trim());
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
      <p className="muted">
        {mode === 'login' ? (
          <>
            No account? <Link to="/register">Register</Link> (if this judge allows it).
          </>
        ) : (
          <>
            Have an account? <Link to="/login">Log in</Link>.
          </>
        )}
      </p>
    </div>
  );
}

export function LoginPage() {
  const user = useSession();
  const [params] = useSearchParams();
  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <CredentialsForm mode="login" />;
}

export function RegisterPage() {
  const user = useSession();
  if (user) return <Navigate to="/problems" replace />;
  return <CredentialsForm mode="register" />;
}
