/**
 * A server-sent event stream that comes back after a break. The browser's EventSource reconnects by itself after
 * a dropped connection (readyState CONNECTING), but gives up for good when a reconnection is refused (an HTTP
 * error: a proxy's 502 while the API restarts, say; readyState CLOSED). Then this opens a new one, after a wait
 * that doubles from RECONNECT_FIRST_MS up to RECONNECT_MAX_MS and starts again from the first once one opens.
 *
 * The stream does not replay what was sent while it was down: `onRestored` tells the caller to read it again.
 */

export const RECONNECT_FIRST_MS = 1000;
export const RECONNECT_MAX_MS = 30_000;

const CLOSED = 2; // EventSource.CLOSED

export interface LiveStreamOptions {
  /** What to do with each named event. */
  on: Record<string, (event: MessageEvent<string>) => void>;
  /** The browser gave up on the stream: until a new one opens, what is shown may fall behind. */
  onLost(): void;
  /** A connection opened again after a break of either kind: what happened meanwhile was not sent. */
  onRestored(): void;
}

export interface LiveStream {
  /** Closes the stream for good: no new one is opened. Also from inside an event handler. */
  close(): void;
}

export function openLiveStream(url: string, options: LiveStreamOptions): LiveStream {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let broken = false;
  let wait = RECONNECT_FIRST_MS;

  const connect = () => {
    if (closed) return;
    const current = new EventSource(url);
    source = current;
    for (const [type, listener] of Object.entries(options.on)) {
      current.addEventListener(type, listener as EventListener);
    }
    current.addEventListener('open', () => {
      wait = RECONNECT_FIRST_MS;
      if (!broken) return;
      broken = false;
      options.onRestored();
    });
    current.onerror = () => {
      if (closed) return;
      broken = true;
      if (current.readyState !== CLOSED) return; // the browser is reconnecting by itself
      options.onLost();
      retry = setTimeout(connect, wait);
      wait = Math.min(wait * 2, RECONNECT_MAX_MS);
    };
  };

  connect();
  return {
    close: () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    },
  };
}
