import { useMemo, useSyncExternalStore } from 'react';
import { useMe } from '../api/hooks';
import { currentUser, getToken, subscribe, type SessionUser } from './session';

/**
 * The signed-in user (null when signed out), updated on log in, log out and changes in other tabs. Its name and
 * role are the API's (GET /api/auth/me, read again on every request there, so a changed role counts at once);
 * until the API has answered, the role is the token's and the name is null.
 */
export function useSession(): SessionUser | null {
  const token = useSyncExternalStore(subscribe, getToken, () => null);
  const user = useMemo(() => (token ? currentUser() : null), [token]);
  const me = useMe(user?.id ?? null);
  return useMemo(() => {
    if (!user || !me.data || me.data.id !== user.id) return user;
    return { ...user, username: me.data.username, role: me.data.role };
  }, [user, me.data]);
}
