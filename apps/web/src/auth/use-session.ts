import { useMemo, useSyncExternalStore } from 'react';
import { currentUser, getToken, subscribe, type SessionUser } from './session';

/** The signed-in user (null when signed out), updated on log in, log out and changes in other tabs. */
export function useSession(): SessionUser | null {
  const token = useSyncExternalStore(subscribe, getToken, () => null);
  return useMemo(() => (token ? currentUser() : null), [token]);
}
