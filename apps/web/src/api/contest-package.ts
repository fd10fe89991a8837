import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContestImportErrors, ContestImportResult, ContestPackageError } from '@judge/contract';
import { ApiError, download, request } from './client';
import { contestKeys } from './contests';

/** Downloads a contest as a CCS contest package zip (staff; docs/contests.md, "Import and export"). */
export function exportContest(contestId: string): Promise<void> {
  return download(`/api/contests/${encodeURIComponent(contestId)}/export`, 'contest.zip');
}

/** POSTs a contest package zip (admins); the contest list is read again after. */
export function useContestImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, rejudge }: { file: File; rejudge: boolean }) => {
      const form = new FormData();
      form.append('package', file);
      if (rejudge) form.append('rejudge', 'true');
      return request<ContestImportResult>('/api/contests/import', { method: 'POST', form });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: contestKeys.list });
    },
  });
}

/** The problems of a package the API refused (422 IMPORT_INVALID), or null for any other error. */
export function contestPackageErrors(error: unknown): ContestPackageError[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_INVALID') return null;
  const details = error.details as Partial<ContestImportErrors> | undefined;
  return Array.isArray(details?.errors) ? details.errors : null;
}
