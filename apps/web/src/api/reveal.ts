import { useQuery } from '@tanstack/react-query';
import type { RevealData } from '@judge/contract';
import { request } from './client';

/** The reveal's data (staff, after the end): read once; the page steps through it without asking again. */
export function useRevealData(id: string) {
  return useQuery({
    queryKey: ['contests', 'reveal', id],
    queryFn: () => request<RevealData>(`/api/contests/${encodeURIComponent(id)}/reveal`),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
