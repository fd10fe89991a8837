import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useMatches } from 'react-router';
import type { Role } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { useSession } from './use-session';

/**
 * The `handle` of a page under a plain RequireAuth that visitors without a session may open too (the contest
 * scoreboard). Marked on the page rather than moved out of the tree, so that its frame stays mounted when a
 * signed-in user moves between it and its sibling pages.
 */
export const OPEN_TO_VISITORS = { openToVisitors: true } as const;

function isOpenToVisitors(handle: unknown): boolean {
  return typeof handle === 'object' && handle !== null && 'openToVisitors' in handle;
}

/**
 * Pages for signed-in users (and, with `roles`, for those roles; admins pass every check). This only decides
 * what to show: the API checks every request itself.
 */
export function RequireAuth({ roles, children }: { roles?: Role[]; children?: ReactNode }) {
  const t = useT();
  const user = useSession();
  const location = useLocation();
  const openToVisitors = useMatches().some((match) => isOpenToVisitors(match.handle));
  // Only without `roles`: a page for some roles is never shown to visitors who have none.
  if (!user && openToVisitors && !roles) return children ?? <Outlet />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && user.role !== 'admin' && !roles.includes(user.role)) {
    return (
      <div className="page">
        <h1>{t('auth.notAllowed')}</h1>
        <div className="alert alert-error" role="alert">
          {t('auth.notAllowed.detail', {
            roles: roles.map((r) => t(`common.role.${r}`)).join(' / '),
            role: t(`common.role.${user.role}`),
          })}
        </div>
      </div>
    );
  }
  return children ?? <Outlet />;
}
