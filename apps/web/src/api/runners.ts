import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueueView, RunnerList } from '@judge/contract';
import { request } from './client';

export const runnerKeys = {
  runners: ['admin', 'runners'] as const,
  queue: ['admin', 'queue'] as const,
};

/** Refreshed every few seconds: the page is watched while judging goes on. */
const REFRESH_MS = 5000;

export function useRunners() {
  return useQuery({
    queryKey: runnerKeys.runners,
    queryFn: () => request<RunnerList>('/api/admin/runners'),
    refetchInterval: REFRESH_MS,
  });
}

export function useJudgeQueue() {
  return useQuery({
    queryKey: runnerKeys.queue,
    queryFn: () => request<QueueView>('/api/admin/queue'),
    refetchInterval: REFRESH_MS,
  });
}

/** Pauses or resumes judging; the answer is the queue as it now stands. */
export function useSetJudgingPaused() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (paused: boolean) =>
      request<QueueView>(`/api/admin/queue/${paused ? 'pause' : 'resume'}`, { method: 'POST' }),
    onSuccess: (queue) => client.setQueryData(runnerKeys.queue, queue),
  });
}
