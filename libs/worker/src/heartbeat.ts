import type { RunnerHeartbeat } from '@judge/contract';
import type { RunnerLog } from './runner-log';

export interface HeartbeatOptions {
  /** What the runner says of itself now (jobsDone changes between beats). */
  beat: () => RunnerHeartbeat;
  /** Delivers one heartbeat: over HTTP for a standalone runner, straight to the database inside the API. */
  send: (beat: RunnerHeartbeat) => Promise<void>;
  intervalMs: number;
  log: RunnerLog;
}

export interface Heartbeat {
  /** Stops the beats; resolves once one on its way has been delivered or has failed. */
  stop(): Promise<void>;
}

/**
 * Tells the API this runner is alive, at once and then every intervalMs, so that operators see their runners
 * (the runners page, /metrics). A lost heartbeat is logged once until one gets through again: an API down for a
 * while must not flood the runner's log, and judging goes on without it.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  let failing = false;
  let sending: Promise<void> | null = null;
  const send = () => {
    if (sending) return;
    sending = options
      .send(options.beat())
      .then(
        () => {
          if (failing) options.log.info('heartbeat: the API hears this runner again');
          failing = false;
        },
        (error: unknown) => {
          if (!failing) options.log.error(`heartbeat not delivered: ${(error as Error).message}`);
          failing = true;
        },
      )
      .finally(() => (sending = null));
  };
  send();
  const timer = setInterval(send, options.intervalMs);
  // A heartbeat never keeps a stopping runner alive.
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await sending;
    },
  };
}

/** Sends heartbeats to the API (PUT /api/runner/heartbeat) with the runner token. */
export function httpHeartbeatSender(apiUrl: string, token: string, timeoutMs = 10_000) {
  const url = new URL('api/runner/heartbeat', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  return async (beat: RunnerHeartbeat): Promise<void> => {
    const response = await fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(beat),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`the API answered ${response.status} to ${url.pathname}`);
  };
}
