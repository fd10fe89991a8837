import { createIntl } from 'react-intl';
import { LOCKDOWN_ADDRESS, SESSION_REPLACED, type ApiErrorBody, type LockdownRefusalDetails } from '@judge/contract';
import { clearSession, getToken } from '../auth/session';
import { activeLocale } from '../i18n/active-locale';
import { CATALOGS, ENGLISH } from '../i18n/catalogs';
import type { MessageValues } from '../i18n/i18n-provider';

/**
 * The client's own messages (the API's come in its answers), in the language the page is shown in: they are made
 * outside React, when a request fails.
 */
function t(id: string, values?: MessageValues): string {
  const locale = activeLocale();
  return createIntl({ locale, messages: { ...ENGLISH, ...CATALOGS[locale] } }).formatMessage({ id }, values);
}

/** An answer of the API other than 2xx: `message` is for people, `code` is stable (see docs/api.md). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** What the API sends besides the code, e.g. the existing problem of PROBLEM_EXISTS. */
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart/form-data. */
  form?: FormData;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is Partial<ApiErrorBody> {
  return typeof value === 'object' && value !== null && 'message' in value;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, an empty body): fall back to the status text.
  }
  if (isErrorBody(body)) {
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
    const details = typeof body.details === 'object' && body.details !== null ? body.details : undefined;
    return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, message, details);
  }
  const text = response.statusText || t('api.requestFailed');
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    t('api.httpStatus', { text, status: String(response.status) }),
  );
}

/** Calls the API on the same origin with the session's bearer token; throws ApiError for any non-2xx answer. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', t('api.network'));
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    // A token the API no longer accepts (expired, account disabled, ended by a newer log-in under a one-session
    // lock): sign out so that the login page shows, saying why.
    if (error.status === 401 && token) {
      clearSession(error.code === SESSION_REPLACED ? 'auth.notice.sessionReplaced' : 'auth.notice.sessionEnded');
    }
    // A locked contest or exam refuses this account everything from this address: the login page says which.
    const lockdown = lockdownMessage(error);
    if (lockdown && token) clearSession(lockdown);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

/**
 * A lock-down refusal (403 LOCKDOWN_ADDRESS: a locked contest's or exam's participant from outside its allowed
 * networks) in the page's language, naming the contest or exam and the address; null for any other error.
 */
export function lockdownMessage(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== LOCKDOWN_ADDRESS) return null;
  const details = error.details as Partial<LockdownRefusalDetails> | undefined;
  if (!details?.title || !details.address) return error.message;
  const title = t(details.kind === 'contest' ? 'auth.lockdown.contest' : 'auth.lockdown.exam', {
    title: details.title,
  });
  return t('auth.error.lockdownAddress', { title, address: details.address });
}

/** A file the API sends only with a bearer token (a plain link or <img> cannot carry it); throws for any non-2xx. */
export async function fetchFile(path: string, signal?: AbortSignal): Promise<Response> {
  const token = getToken();
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** Downloads a file the API sends only with a bearer token, under the name the API gives it. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await fetchFile(path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Text for any error: the API's message for an ApiError, else the error's own. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
