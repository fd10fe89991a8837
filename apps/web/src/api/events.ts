import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SubmissionEvent, SubmissionTestView, SubmissionView } from '@judge/contract';
import { getToken } from '../auth/session';
import { keys, refreshJudged } from './hooks';

export interface LiveTest {
  /** Position of the test in the run, from 1. */
  index: number;
  test: SubmissionTestView;
}

/**
 * The rows of a submission being judged: the tests the API had finished when the submission was read (in the
 * order they ran), then those the event stream has reported since. A test in both shows once, as the stream
 * reported it.
 */
export function mergeTests(stored: SubmissionTestView[], live: LiveTest[]): LiveTest[] {
  const streamed = new Set(live.map((t) => t.test.name));
  const earlier = stored.map((test, i) => ({ index: i + 1, test })).filter((t) => !streamed.has(t.test.name));
  return [...earlier, ...live].sort((a, b) => a.index - b.index);
}

export interface LiveProgress {
  status: 'compiling' | 'running' | null;
  tests: LiveTest[];
  total: number | null;
  /** False once the stream has failed for good (the page then falls back to reading the submission). */
  connected: boolean;
}

const initial: LiveProgress = { status: null, tests: [], total: null, connected: true };

const CLOSED = 2; // EventSource.CLOSED

function parse<T extends SubmissionEvent['type']>(event: Event): Extract<SubmissionEvent, { type: T }> | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as Extract<SubmissionEvent, { type: T }>;
  } catch {
    return null;
  }
}

/**
 * Follows a submission being judged over server-sent events: a row per test as it finishes, and the final
 * result, which replaces the cached submission. The stream is open only while `active`. It reports what happens
 * from the moment it opens: the tests finished before are in the submission as read (see mergeTests).
 */
export function useSubmissionEvents(id: string, active: boolean): LiveProgress {
  const client = useQueryClient();
  const [live, setLive] = useState<LiveProgress>(initial);

  useEffect(() => {
    if (!active) return;
    setLive(initial);
    const token = getToken() ?? '';
    const source = new EventSource(
      `/api/submissions/${encodeURIComponent(id)}/events?access_token=${encodeURIComponent(token)}`,
    );
    source.addEventListener('status', (event) => {
      const data = parse<'status'>(event);
      if (!data) return;
      // A status comes before any test of an attempt: a new attempt (the job taken again after its runner
      // stopped) starts its tests afresh, here as in the API.
      setLive((current) => ({ ...current, status: data.status, tests: [], total: null }));
      client.setQueryData<SubmissionView>(keys.submission(id), (old) =>
        old && old.status !== 'done' ? { ...old, status: data.status, tests: [] } : old,
      );
    });
    source.addEventListener('test', (event) => {
      const data = parse<'test'>(event);
      if (!data) return;
      // The engine counts tests from 0; rows are numbered from 1.
      const index = data.index + 1;
      setLive((current) => ({
        ...current,
        status: 'running',
        total: data.total,
        tests: [
          ...current.tests.filter((t) => t.index !== index && t.test.name !== data.test.name),
          { index, test: data.test },
        ].sort((a, b) => a.index - b.index),
      }));
    });
    source.addEventListener('done', (event) => {
      // The stream ends here; closing keeps EventSource from reconnecting.
      source.close();
      const data = parse<'done'>(event);
      if (data) {
        client.setQueryData<SubmissionView>(keys.submission(id), (old) => ({
          ...data.submission,
          // The event leaves the source out: keep the one already read.
          source: data.submission.source ?? old?.source,
        }));
      }
      // Lists and solved marks change with the verdict; this submission is already up to date.
      void refreshJudged(client, id);
    });
    source.onerror = () => {
      if (source.readyState !== CLOSED) return; // reconnecting by itself
      setLive((current) => ({ ...current, connected: false }));
      void client.invalidateQueries({ queryKey: keys.submission(id) });
    };
    return () => source.close();
  }, [id, active, client]);

  return live;
}
