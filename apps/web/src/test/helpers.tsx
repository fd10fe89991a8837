import { act, cleanup, render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, vi } from 'vitest';
import { createQueryClient } from '../api/query-client';
import type { ReactElement } from 'react';
import { I18nProvider } from '../i18n/i18n-provider';
import type { Locale } from '../i18n/locales';
import { routes } from '../routes';
import type { MeView, Role, SettingsView } from '@judge/contract';

/** Registers the clean-up every spec needs: the DOM, storage and stubbed globals. */
export function setupDom(): void {
  afterEach(() => {
    cleanup();
    localStorage.clear();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.useRealTimers();
    FakeEventSource.instances = [];
    signedIn = null;
  });
}

/** Who GET /api/auth/me names unless a spec's handler answers it: the user of the last signIn(). */
let signedIn: MeView | null = null;

/** What GET /api/settings answers unless a spec's handler does. */
export const DEFAULT_SETTINGS: SettingsView = { registrationOpen: false, submissionsPerMinute: 10 };

const base64Url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A token shaped as the API's (header.payload.signature); the UI reads only the payload. */
export function makeToken(sub: string, role: Role): string {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url({ sub, role, exp })}.signature`;
}

/** Stores a token as logging in does; GET /api/auth/me then answers with this user (see mockApi). */
export function signIn(
  role: Role = 'contestant',
  sub = '11111111-1111-1111-1111-111111111111',
  username = 'alice',
): string {
  const token = makeToken(sub, role);
  localStorage.setItem('judge.token', token);
  signedIn = { id: sub, username, role };
  return token;
}

function defaultReply({ method, url }: Call): Reply {
  if (method !== 'GET') return undefined;
  if (url === '/api/auth/me' && signedIn) return { body: signedIn };
  if (url === '/api/settings') return { body: DEFAULT_SETTINGS };
  return undefined;
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** `pending`: the API has not answered yet (the request stays open). */
type Answer = { status?: number; body?: unknown; pending?: boolean };
type Reply = Answer | undefined;

const notFound = ({ method, url }: Call): Answer => ({
  status: 404,
  body: { statusCode: 404, code: 'NOT_FOUND', message: `no mock for ${method} ${url}` },
});

/**
 * Answers fetch from `handler`, then (for what it leaves unanswered) GET /api/auth/me and /api/settings as
 * above; any other request is a 404 in the API's error shape.
 */
export function mockApi(handler: (call: Call) => Reply) {
  const calls: Call[] = [];
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    let body: unknown = init?.body;
    if (typeof body === 'string') body = JSON.parse(body);
    const call: Call = { method, url, body, headers: (init?.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const reply = handler(call) ?? defaultReply(call) ?? notFound(call);
    if (reply.pending) return new Promise<Response>(() => {});
    const status = reply.status ?? 200;
    return Promise.resolve(
      new Response(status === 204 ? null : JSON.stringify(reply.body ?? null), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/**
 * Renders the app's routes at `path`, as the browser router would, in the language the visitor chose (see
 * chooseLocale) or else the browser's (jsdom's is en-US).
 */
export function renderAt(path: string) {
  const client = createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <I18nProvider>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...view, router, client };
}

/** Renders one component as the app would, in `locale` (English unless told): for components that speak. */
export function renderComponent(ui: ReactElement, locale: Locale = 'en') {
  return render(<I18nProvider locale={locale}>{ui}</I18nProvider>);
}

/** The language a later renderAt starts in, as if the visitor had picked it in the switcher before. */
export function chooseLocale(locale: Locale): void {
  localStorage.setItem('judge.locale', locale);
}

type Listener = (event: MessageEvent<string>) => void;

/** Stands in for the browser's EventSource: tests push the server's events with `emit`, and break it with `fail`. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = 2;
  }

  emit(type: string, data: unknown): void {
    this.readyState = 1;
    this.dispatch(type, JSON.stringify(data));
  }

  /** The connection opened (again). */
  open(): void {
    this.readyState = 1;
    this.dispatch('open', '');
  }

  /**
   * The connection broke. `reconnecting`: the browser tries again by itself (a dropped connection); otherwise it
   * gives up for good, as after an HTTP error answer.
   */
  fail({ reconnecting }: { reconnecting: boolean }): void {
    this.readyState = reconnecting ? 0 : 2;
    act(() => this.onerror?.(new Event('error')));
  }

  private dispatch(type: string, data: string): void {
    act(() => {
      for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
    });
  }

  static latest(): FakeEventSource {
    const last = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }
}
