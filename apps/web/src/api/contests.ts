import { useEffect, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  applyScoreboardPatch,
  type ClarificationView,
  type ContestInput,
  type ContestSummary,
  type ContestView,
  type ProblemDetail,
  type ScoreboardPatch,
  type ScoreboardView,
  type SubmissionPage,
  type SubmissionProgram,
} from '@judge/contract';
import { getToken, subscribe } from '../auth/session';
import { request } from './client';
import { refreshJudged } from './hooks';
import { openLiveStream } from './live-stream';

/** Query keys of contests: everything of one contest sits under `contestKeys.contest(id)`. */
export const contestKeys = {
  all: ['contests'] as const,
  list: ['contests', 'list'] as const,
  contest: (id: string) => ['contests', 'one', id] as const,
  problem: (id: string, label: string) => ['contests', 'one', id, 'problem', label] as const,
  submissions: (id: string, page: number) => ['contests', 'one', id, 'submissions', page] as const,
  scoreboard: (id: string) => ['contests', 'one', id, 'scoreboard'] as const,
  clarifications: (id: string) => ['contests', 'one', id, 'clarifications'] as const,
};

const path = (id: string, rest = '') => `/api/contests/${encodeURIComponent(id)}${rest}`;

export function useContests() {
  return useQuery({ queryKey: contestKeys.list, queryFn: () => request<ContestSummary[]>('/api/contests') });
}

export function useContest(id: string) {
  return useQuery({ queryKey: contestKeys.contest(id), queryFn: () => request<ContestView>(path(id)) });
}

/** A problem as its contest shows it (the API refuses it before the start, or to those who may not see it). */
export function useContestProblem(id: string, label: string) {
  return useQuery({
    queryKey: contestKeys.problem(id, label),
    queryFn: () => request<ProblemDetail>(path(id, `/problems/${encodeURIComponent(label)}`)),
  });
}

/** The caller's submissions in the contest (everyone's for staff), newest first. */
export function useContestSubmissions(id: string, page: number) {
  return useQuery({
    queryKey: contestKeys.submissions(id, page),
    queryFn: () => request<SubmissionPage>(path(id, `/submissions?page=${page}`)),
    placeholderData: (previous) => previous,
    // Verdicts arrive by themselves: look again while any submission is being judged.
    refetchInterval: (query) => (query.state.data?.items.some((s) => s.status !== 'done') ? 3000 : false),
  });
}

/** `poll`: read the board every 15 s (when its event stream is down); `enabled`: false while the API refuses it. */
export function useScoreboard(id: string, poll = false, enabled = true) {
  return useQuery({
    queryKey: contestKeys.scoreboard(id),
    queryFn: () => request<ScoreboardView>(path(id, '/scoreboard')),
    refetchInterval: poll ? 15_000 : false,
    enabled,
  });
}

export function useClarifications(id: string, live: boolean) {
  return useQuery({
    queryKey: contestKeys.clarifications(id),
    queryFn: () => request<ClarificationView[]>(path(id, '/clarifications')),
    // Answers and announcements have no event stream: look now and then while the contest runs.
    refetchInterval: live ? 30_000 : false,
  });
}

export function useSaveContest(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContestInput) =>
      id
        ? request<{ id: string }>(path(id), { method: 'PUT', json: input })
        : request<{ id: string }>('/api/contests', { method: 'POST', json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.all }),
  });
}

export function useRegisterForContest(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code?: string) =>
      request<unknown>(path(id, '/register'), { method: 'POST', json: code ? { code } : {} }),
    onSuccess: () => {
      // Registered at once in the cache: the refetched problem can arrive before the refetched contest, and the
      // page would show the problem and the register box together.
      client.setQueryData<ContestView>(contestKeys.contest(id), (old) => old && { ...old, registered: true });
      return client.invalidateQueries({ queryKey: contestKeys.all });
    },
  });
}

export function useContestSubmit(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmissionProgram & { problem: string }) =>
      request<{ id: string }>(path(id, '/submissions'), { method: 'POST', json: body }),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: contestKeys.contest(id) }), refreshJudged(client)]),
  });
}

export function useUnfreeze(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<unknown>(path(id, '/unfreeze'), { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.contest(id) }),
  });
}

export function useAskClarification(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { problemLabel?: string; question: string }) =>
      request<unknown>(path(id, '/clarifications'), { method: 'POST', json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.clarifications(id) }),
  });
}

export function useAnswerClarification(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ clarificationId, ...body }: { clarificationId: string; answer: string; public: boolean }) =>
      request<unknown>(path(id, `/clarifications/${encodeURIComponent(clarificationId)}/answer`), {
        method: 'POST',
        json: body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.clarifications(id) }),
  });
}

export function useAnnounce(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => request<unknown>(path(id, '/announcements'), { method: 'POST', json: { text } }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.clarifications(id) }),
  });
}

/**
 * Keeps the cached scoreboard current from its event stream: a `scoreboard` event is the whole board as this viewer
 * may see it (a visitor without a session gets the public one), a `scoreboard-patch` the rows that changed since the
 * last (asked for with `patches=1`: with thousands of rows, a verdict is one row, not the whole board). Patches are
 * applied to the stream's own copy, never to a board read meanwhile. Returns false while the stream is lost (the
 * board is then read again now and then) until a new one opens (see openLiveStream); a stream sends the whole board
 * as soon as it opens, so nothing is missed across a break.
 */
export function useScoreboardEvents(id: string, active: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(true);
  // Opened again on log in or out (here or in another tab): the stream's viewer is fixed when it opens.
  const token = useSyncExternalStore(subscribe, getToken, () => null);

  useEffect(() => {
    if (!active) return;
    setConnected(true);
    const query = new URLSearchParams({ patches: '1', ...(token ? { access_token: token } : {}) });
    let board: ScoreboardView | null = null;
    const show = (next: ScoreboardView) => {
      board = next;
      client.setQueryData(contestKeys.scoreboard(id), next);
      setConnected(true);
    };
    const stream = openLiveStream(path(id, `/scoreboard/events?${query.toString()}`), {
      on: {
        scoreboard: (event) => {
          try {
            show(JSON.parse(event.data) as ScoreboardView);
          } catch {
            // A malformed event: the next one carries the whole board again.
          }
        },
        'scoreboard-patch': (event) => {
          // The server patches only a board it sent this stream, which comes first.
          try {
            if (board) show(applyScoreboardPatch(board, JSON.parse(event.data) as ScoreboardPatch));
          } catch {
            // As above.
          }
        },
      },
      onLost: () => {
        board = null;
        setConnected(false);
        void client.invalidateQueries({ queryKey: contestKeys.scoreboard(id) });
      },
      onRestored: () => setConnected(true),
    });
    return () => stream.close();
  }, [id, active, client, token]);

  return connected;
}
