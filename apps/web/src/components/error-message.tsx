import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useT } from '../i18n/i18n-provider';

/** An error as people should read it: the API's own message (a 4xx names what is wrong), never a blank page. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const t = useT();
  if (!error) return null;
  const status = error instanceof ApiError && error.status > 0 ? error.status : null;
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{t('errors.titled', { title })} </strong>}
      <span className="alert-message">{errorMessage(error)}</span>
      {status !== null && status >= 500 && <span className="muted"> {t('errors.serverError', { status })}</span>}
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

/** `what` is the caller's words for what loads (translated), without the ellipsis. */
export function Loading({ what }: { what?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('errors.loading', { what: what ?? t('errors.loadingDefault') })}
    </p>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}
