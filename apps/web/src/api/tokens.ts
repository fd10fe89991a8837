import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenScope, ApiTokenView, CreatedApiToken } from '@judge/contract';
import { request } from './client';

export const tokenKeys = {
  own: ['tokens', 'own'] as const,
  all: ['tokens', 'all'] as const,
};

/** The signed-in user's API tokens (never their secrets). */
export function useOwnTokens() {
  return useQuery({ queryKey: tokenKeys.own, queryFn: () => request<ApiTokenView[]>('/api/tokens') });
}

/** Everyone's tokens with their owners: admins only. */
export function useAllTokens(enabled: boolean) {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: () => request<ApiTokenView[]>('/api/tokens?all=true'),
    enabled,
  });
}

/** Makes a token; the answer's secret is shown once and kept nowhere. */
export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: ApiTokenScope[] }) =>
      request<CreatedApiToken>('/api/tokens', { method: 'POST', json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<void>(`/api/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
