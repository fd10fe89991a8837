import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpsolvingView, VirtualParticipationView, VirtualScoreboardView, VirtualState } from '@judge/contract';
import { request } from './client';
import { contestKeys } from './contests';

/** Virtual participation and upsolving of an ended contest: under the contest's key, so they follow its changes. */
export const virtualKeys = {
  state: (id: string) => [...contestKeys.contest(id), 'virtual'] as const,
  scoreboard: (id: string) => [...contestKeys.contest(id), 'virtual', 'scoreboard'] as const,
  upsolving: (id: string) => [...contestKeys.contest(id), 'upsolving'] as const,
};

const path = (id: string, rest: string) => `/api/contests/${encodeURIComponent(id)}${rest}`;

/** The caller's virtual participation (or whether they may start one); `enabled`: only once the contest has ended. */
export function useVirtualState(id: string, enabled: boolean) {
  return useQuery({
    queryKey: virtualKeys.state(id),
    queryFn: () => request<VirtualState>(path(id, '/virtual')),
    enabled,
  });
}

export function useStartVirtual(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<VirtualParticipationView>(path(id, '/virtual'), { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.contest(id) }),
  });
}

/** The virtual board; read every 30 s while the participation runs (the real contestants move on with its clock). */
export function useVirtualScoreboard(id: string, running: boolean, enabled: boolean) {
  return useQuery({
    queryKey: virtualKeys.scoreboard(id),
    queryFn: () => request<VirtualScoreboardView>(path(id, '/virtual/scoreboard')),
    refetchInterval: running ? 30_000 : false,
    enabled,
  });
}

export function useUpsolving(id: string) {
  return useQuery({
    queryKey: virtualKeys.upsolving(id),
    queryFn: () => request<UpsolvingView>(path(id, '/upsolving')),
  });
}
