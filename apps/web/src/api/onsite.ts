import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BalloonList, BalloonView, PrintInput, PrintView } from '@judge/contract';
import { request } from './client';
import { contestKeys } from './contests';

/** Query keys of a contest's balloons and prints: under the contest's, so that leaving the contest drops them. */
export const onsiteKeys = {
  balloons: (id: string) => [...contestKeys.contest(id), 'balloons'] as const,
  prints: (id: string) => [...contestKeys.contest(id), 'prints'] as const,
};

const path = (id: string, rest: string) => `/api/contests/${encodeURIComponent(id)}${rest}`;

/**
 * How often the runners' and the print desk's lists are read again. Polled rather than streamed: a handful of
 * staff screens read a cheap query, and a done mark made on another runner's screen shows as soon as a verdict does.
 */
export const ONSITE_POLL_MS = 5000;

/** Every balloon the runners may see now, pending and done. */
export function useBalloons(id: string) {
  return useQuery({
    queryKey: onsiteKeys.balloons(id),
    queryFn: () => request<BalloonList>(path(id, '/balloons?status=all')),
    refetchInterval: ONSITE_POLL_MS,
  });
}

export function useBalloonDone(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ submissionId, done }: { submissionId: string; done: boolean }) =>
      request<BalloonView>(path(id, `/balloons/${encodeURIComponent(submissionId)}/done`), {
        method: done ? 'POST' : 'DELETE',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: onsiteKeys.balloons(id) }),
  });
}

/** Staff: the contest's print queue; a participant: their own (and their team's) prints. */
export function usePrints(id: string) {
  return useQuery({
    queryKey: onsiteKeys.prints(id),
    queryFn: () => request<PrintView[]>(path(id, '/prints')),
    refetchInterval: ONSITE_POLL_MS,
  });
}

export function useSendPrint(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PrintInput) => request<PrintView>(path(id, '/prints'), { method: 'POST', json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: onsiteKeys.prints(id) }),
  });
}

/** Staff: `done` hands a printout out, `print` gives it to the print command again. */
export function usePrintAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ printId, action }: { printId: string; action: 'done' | 'print' }) =>
      request<PrintView>(path(id, `/prints/${encodeURIComponent(printId)}/${action}`), { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: onsiteKeys.prints(id) }),
  });
}

export function usePrintContent(id: string, printId: string | null) {
  return useQuery({
    queryKey: [...onsiteKeys.prints(id), 'content', printId],
    queryFn: () => request<string>(path(id, `/prints/${encodeURIComponent(printId ?? '')}/content`)),
    enabled: printId !== null,
  });
}
