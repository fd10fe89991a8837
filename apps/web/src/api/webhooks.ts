import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookDeliveryView, WebhookEvent, WebhookScope, WebhookView, WebhookWithSecret } from '@judge/contract';
import { request } from './client';

/** The list query of a scope: `?courseId=`, `?contestId=` or `?scope=site`. */
export function scopeQuery(scope: WebhookScope): string {
  if ('courseId' in scope) return `courseId=${encodeURIComponent(scope.courseId)}`;
  if ('contestId' in scope) return `contestId=${encodeURIComponent(scope.contestId)}`;
  return 'scope=site';
}

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: (scope: WebhookScope) => ['webhooks', 'list', scopeQuery(scope)] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};

export function useWebhooks(scope: WebhookScope) {
  return useQuery({
    queryKey: webhookKeys.list(scope),
    queryFn: () => request<WebhookView[]>(`/api/webhooks?${scopeQuery(scope)}`),
  });
}

/** A hook's delivery log, refreshed while any delivery is pending (retries change it). */
export function useDeliveries(id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: () => request<WebhookDeliveryView[]>(`/api/webhooks/${id}/deliveries`),
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === 'pending') ? 3000 : false),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: webhookKeys.all });
}

/** Makes a hook; the answer's secret is shown once and kept nowhere. */
export function useCreateWebhook(scope: WebhookScope) {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (body: { url: string; events: WebhookEvent[] }) =>
      request<WebhookWithSecret>('/api/webhooks', { method: 'POST', json: { ...scope, ...body } }),
    onSuccess,
  });
}

export function useUpdateWebhook() {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: string; enabled?: boolean; url?: string; events?: WebhookEvent[] }) =>
      request<WebhookView>(`/api/webhooks/${id}`, { method: 'PATCH', json: changes }),
    onSuccess,
  });
}

export function useDeleteWebhook() {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => request<void>(`/api/webhooks/${id}`, { method: 'DELETE' }),
    onSuccess,
  });
}

export function useRotateSecret() {
  return useMutation({
    mutationFn: (id: string) => request<WebhookWithSecret>(`/api/webhooks/${id}/secret`, { method: 'POST' }),
  });
}

export function usePingWebhook() {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => request<{ id: string }>(`/api/webhooks/${id}/test`, { method: 'POST' }),
    onSuccess,
  });
}

export function useRedeliver(hookId: string) {
  const onSuccess = useInvalidate();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      request<{ id: string }>(`/api/webhooks/${hookId}/deliveries/${deliveryId}/redeliver`, { method: 'POST' }),
    onSuccess,
  });
}
