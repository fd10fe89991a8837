import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganizationInput, OrganizationView, TeamInput, TeamView } from '@judge/contract';
import { request } from './client';
import { contestKeys } from './contests';

export const organizationKeys = { all: ['organizations'] as const };
export const teamKeys = { contest: (id: string) => [...contestKeys.contest(id), 'teams'] as const };

const teamsPath = (contestId: string, rest = '') => `/api/contests/${encodeURIComponent(contestId)}/teams${rest}`;

export function useOrganizations() {
  return useQuery({ queryKey: organizationKeys.all, queryFn: () => request<OrganizationView[]>('/api/organizations') });
}

/** Creates (no id) or changes an organisation; deleting is `useDeleteOrganization`. */
export function useSaveOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: OrganizationInput }) =>
      request<OrganizationView>(id ? `/api/organizations/${encodeURIComponent(id)}` : '/api/organizations', {
        method: id ? 'PUT' : 'POST',
        json: input,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

export function useDeleteOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<void>(`/api/organizations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

export function useTeams(contestId: string) {
  return useQuery({ queryKey: teamKeys.contest(contestId), queryFn: () => request<TeamView[]>(teamsPath(contestId)) });
}

/** Creates (no id) or changes a team; the contest (its participants, its board) is read again after. */
export function useSaveTeam(contestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TeamInput }) =>
      request<TeamView>(id ? teamsPath(contestId, `/${encodeURIComponent(id)}`) : teamsPath(contestId), {
        method: id ? 'PUT' : 'POST',
        json: input,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.contest(contestId) }),
  });
}

export function useDeleteTeam(contestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<void>(teamsPath(contestId, `/${encodeURIComponent(id)}`), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: contestKeys.contest(contestId) }),
  });
}
