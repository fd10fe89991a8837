import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@judge/contract';
import { useSession } from './use-session';

/**
 * Pages for signed-in users (and, with `roles`, for those roles; admins pass every check). This only decides
 * what to show: the API checks every request itself.
 */
export function RequireAuth({ roles, children }: { roles?: Role[]; children?: ReactNode }) {
  const user = useSession();
  const location = useLocation();
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && user.role !== 'admin' && !roles.includes(user.role)) {
    return (
      <div className="page">
        <h1>Not allowed</h1>
        <div className="alert alert-error" role="alert">
          This page is for {roles.join(' or ')} accounts; you are signed in as a {user.role}.
        </div>
      </div>
    );
  }
  return children ?? <Outlet />;
}
