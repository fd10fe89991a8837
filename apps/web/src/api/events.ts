import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SubmissionEvent, SubmissionTestView, SubmissionView } from '@judge/contract';
import { getToken } from '../auth/session';
import { keys, refreshJudged } from './hooks';
import { openLiveStream } from './live-stream';

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
  /** False while the stream is lost, until a new one opens (the page reads the submission meanwhile). */
  connected: boolean;
}

const initial: LiveProgress = { status: null, tests: [], total: null, connected: true };

function parse<T extends SubmissionEvent['type']>(
  event: MessageEvent<string>,
): Extract<SubmissionEvent, { type: T }> | null {
  try {
    return JSON.parse(event.data) as Extract<SubmissionEvent, { type: T }>;
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
    const stream = openLiveStream(
      `/api/submissions/${encodeURIComponent(id)}/events?access_token=${encodeURIComponent(token)}`,
      {
        on: {
          status: (event) => {
            const data = parse<'status'>(event);
            if (!data) return;
            // A status comes before any test of an attempt: a new attempt (the job taken again after its runner
            // stopped) starts its tests afresh, here as in the API.
            setLive((current) => ({ ...current, status: data.status, tests: [], total: null }));
            client.setQueryData<SubmissionView>(keys.submission(id), (old) =>
              old && old.status !== 'done' ? { ...old, status: data.status, tests: [] } : old,
            );
          },
          test: (event) => {
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
          },
          done: (event) => {
            // The stream ends here; closing keeps it from being opened again.
            stream.close();
            const data = parse<'done'>(event);
            if (data) {
              // A read still under way (the stream came back, say) must not put the unjudged submission back.
              void client.cancelQueries({ queryKey: keys.submission(id) });
              // Only staff read a submission's security events, which the event leaves out: read them again.
              const withEvents = client.getQueryData<SubmissionView>(keys.submission(id))?.securityEvents !== undefined;
              client.setQueryData<SubmissionView>(keys.submission(id), (old) => ({
                ...data.submission,
                // The event leaves out the source and files, and where the submission was made and by whom (a
                // single read's): keep the ones already read.
                source: data.submission.source ?? old?.source,
                files: data.submission.files ?? old?.files,
                entryPoint: data.submission.entryPoint ?? old?.entryPoint,
                place: data.submission.place ?? old?.place,
                neighbours: data.submission.neighbours ?? old?.neighbours,
                username: data.submission.username ?? old?.username,
                problemTitle: data.submission.problemTitle ?? old?.problemTitle,
              }));
              if (withEvents) void client.invalidateQueries({ queryKey: keys.submission(id) });
            }
            // Lists and solved marks change with the verdict; this submission is already up to date.
            void refreshJudged(client, id);
          },
        },
        // Lost: the page reads the submission every few seconds until a new stream opens.
        onLost: () => {
          setLive((current) => ({ ...current, connected: false }));
          void client.invalidateQueries({ queryKey: keys.submission(id) });
        },
        // Tests finished while the stream was down were not sent: the submission as stored has them.
        onRestored: () => {
          setLive((current) => ({ ...current, connected: true }));
          void client.invalidateQueries({ queryKey: keys.submission(id) });
        },
      },
    );
    return () => stream.close();
  }, [id, active, client]);

  return live;
}
