import type { Role } from '@judge/contract';

/**
 * The signed-in session: the API's access token in localStorage, so that it survives reloads and is shared by
 * tabs. The token carries the user's id and role; the name comes from GET /api/auth/me. Components read the
 * session with useSession().
 */
const TOKEN_KEY = 'judge.token';
/** Where earlier versions kept the name typed at login: removed when the session changes. */
const LEGACY_NAME_KEY = 'judge.username';

export interface SessionUser {
  id: string;
  role: Role;
  /** As the API knows it (GET /api/auth/me); null until it has answered (the token does not carry it). */
  username: string | null;
  /** Expiry of the token in ms since the epoch, if it has one. */
  expiresAt: number | null;
}

const listeners = new Set<() => void>();
let notice: string | null = null;

function emit(): void {
  for (const listener of listeners) listener();
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return read(TOKEN_KEY);
}

export function setSession(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.removeItem(LEGACY_NAME_KEY);
  notice = null;
  emit();
}

/** Signs out; `reason` is shown once on the login page. */
export function clearSession(reason: string | null = null): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(LEGACY_NAME_KEY);
  notice = reason;
  emit();
}

/** The reason of the last sign-out not asked for (an expired token), once. */
export function takeNotice(): string | null {
  const value = notice;
  notice = null;
  return value;
}

export function peekNotice(): string | null {
  return notice;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === TOKEN_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

const ROLES: readonly Role[] = ['admin', 'setter', 'teacher', 'contestant'];

/**
 * The user a token names, read from its payload without checking its signature: for display and for hiding
 * what the role cannot use only. The API checks every request itself.
 */
export function decodeToken(token: string | null): SessionUser | null {
  if (!token) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as {
      sub?: unknown;
      role?: unknown;
      exp?: unknown;
    };
    if (typeof payload.sub !== 'string' || !ROLES.includes(payload.role as Role)) return null;
    const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : null;
    return { id: payload.sub, role: payload.role as Role, username: null, expiresAt };
  } catch {
    return null;
  }
}

/** The user the stored token names, or null when signed out or when the token has expired. */
export function currentUser(): SessionUser | null {
  const user = decodeToken(getToken());
  if (user?.expiresAt && user.expiresAt <= Date.now()) return null;
  return user;
}

export const isStaff = (user: SessionUser | null): boolean => user?.role === 'admin' || user?.role === 'setter';

/** Teachers, setters and admins: they may create courses (the API checks it too). */
export const canTeach = (user: SessionUser | null): boolean =>
  user?.role === 'teacher' || user?.role === 'setter' || user?.role === 'admin';
