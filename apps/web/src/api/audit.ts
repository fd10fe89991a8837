import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@judge/contract';
import { request } from './client';

/** The audit log's filters as the API and the page's address take them (`from`/`to` are ISO instants). */
export const AUDIT_FILTERS = ['from', 'to', 'actor', 'action', 'targetType', 'targetId'] as const;
export type AuditFilterName = (typeof AUDIT_FILTERS)[number];
export type AuditFilters = Partial<Record<AuditFilterName, string>>;

/** The query string of these filters, without empty ones; the same for a page and for the CSV export. */
export function auditQuery(filters: AuditFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (page && page > 1) params.set('page', String(page));
  return params.toString();
}

export const auditCsvPath = (filters: AuditFilters): string => {
  const query = auditQuery(filters);
  return query ? `/api/admin/audit.csv?${query}` : '/api/admin/audit.csv';
};

export function useAuditLog(filters: AuditFilters, page: number) {
  const query = auditQuery(filters, page);
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => request<AuditPage>(query ? `/api/admin/audit?${query}` : '/api/admin/audit'),
    // The old page stays on screen while the next loads.
    placeholderData: keepPreviousData,
  });
}
