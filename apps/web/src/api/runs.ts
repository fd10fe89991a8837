import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunEvent, RunRequest, RunView } from '@judge/contract';
import { getToken } from '../auth/session';
import { request } from './client';
import { openLiveStream, type LiveStream } from './live-stream';

/** Where the last run is: being sent, waiting or running (the event stream says which), done, or refused. */
export type RunState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'waiting'; id: string; status: 'queued' | 'running' }
  | { phase: 'done'; run: RunView }
  | { phase: 'failed'; error: unknown };

function parse<T extends RunEvent['type']>(event: MessageEvent<string>): Extract<RunEvent, { type: T }> | null {
  try {
    return JSON.parse(event.data) as Extract<RunEvent, { type: T }>;
  } catch {
    return null;
  }
}

/**
 * Runs a program (POST /api/runs) and follows it over its event stream until it is done. A new run replaces the
 * last one, whose stream is closed; so does leaving the page.
 */
export function useRun(): { state: RunState; start: (body: RunRequest) => void; busy: boolean } {
  const [state, setState] = useState<RunState>({ phase: 'idle' });
  const stream = useRef<LiveStream | null>(null);
  // Which start() is current: the answer of an older POST is dropped.
  const generation = useRef(0);

  const stop = useCallback(() => {
    stream.current?.close();
    stream.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const follow = useCallback(
    (id: string, mine: number) => {
      const current = () => generation.current === mine;
      const finish = (run: RunView) => {
        if (!current()) return;
        stop();
        setState({ phase: 'done', run });
      };
      const path = `/api/runs/${encodeURIComponent(id)}`;
      stream.current = openLiveStream(`${path}/events?access_token=${encodeURIComponent(getToken() ?? '')}`, {
        on: {
          status: (event) => {
            const data = parse<'status'>(event);
            if (data && current()) setState({ phase: 'waiting', id, status: data.status });
          },
          done: (event) => {
            const data = parse<'done'>(event);
            if (data) finish(data.run);
          },
        },
        // The stream is down for a while: the run as stored may be done already.
        onLost: () => {
          void request<RunView>(path)
            .then((run) => {
              if (run.status === 'done') finish(run);
            })
            .catch(() => undefined);
        },
        // A stream that opens again starts with the run's status (or `done`): nothing to read.
        onRestored: () => undefined,
      });
    },
    [stop],
  );

  const start = useCallback(
    (body: RunRequest) => {
      stop();
      const mine = ++generation.current;
      setState({ phase: 'sending' });
      request<{ id: string }>('/api/runs', { method: 'POST', json: body }).then(
        ({ id }) => {
          if (generation.current !== mine) return;
          setState({ phase: 'waiting', id, status: 'queued' });
          follow(id, mine);
        },
        (error: unknown) => {
          if (generation.current === mine) setState({ phase: 'failed', error });
        },
      );
    },
    [follow, stop],
  );

  return { state, start, busy: state.phase === 'sending' || state.phase === 'waiting' };
}
