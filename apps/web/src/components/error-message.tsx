import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';

/** An error as people should read it: the API's own message (a 4xx names what is wrong), never a blank page. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const status = error instanceof ApiError && error.status > 0 ? error.status : null;
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title}: </strong>}
      <span className="alert-message">{errorMessage(error)}</span>
      {status !== null && status >= 500 && <span className="muted"> (server error {status})</span>}
    </div>
  );
}

/** A page whose subject could not be read: its title, the API's reason, and where to go instead. */
export function PageError({ title, error, back }: { title: string; error: unknown; back?: ReactNode }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <ErrorMessage error={error} />
      {back}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}
