import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountImportErrors, AccountImportRequest, AccountImportResult, ImportLineError } from '@judge/contract';
import { ApiError, request } from './client';
import { contestKeys } from './contests';
import { courseKeys } from './courses';
import { keys } from './hooks';

/** Where accounts are imported: every course of the admin's choosing, one course's students, or a contest's teams. */
export type ImportTarget =
  { kind: 'admin' } | { kind: 'course'; courseId: string } | { kind: 'teams'; contestId: string };

const importPath = (target: ImportTarget) =>
  target.kind === 'admin'
    ? '/api/admin/users/import'
    : target.kind === 'course'
      ? `/api/courses/${encodeURIComponent(target.courseId)}/students/import`
      : `/api/contests/${encodeURIComponent(target.contestId)}/teams/import`;

/** POST a CSV (docs/api.md, "Bulk accounts"); the lists that show users and members are read again after. */
export function useAccountImport(target: ImportTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountImportRequest) =>
      request<AccountImportResult>(importPath(target), { method: 'POST', json: body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.users });
      await client.invalidateQueries({ queryKey: courseKeys.courses });
      if (target.kind === 'teams') await client.invalidateQueries({ queryKey: contestKeys.contest(target.contestId) });
    },
  });
}

/** The bad lines of a file the API refused (422 IMPORT_INVALID), or null for any other error. */
export function importErrors(error: unknown): ImportLineError[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_INVALID') return null;
  const details = error.details as Partial<AccountImportErrors> | undefined;
  return Array.isArray(details?.errors) ? details.errors : null;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. Two lines rather than a CSV library
 * in the bundle; values are kept as they are (no formula guard), since a password must come out as it went in.
 */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The sheet as CSV: username, display name, password, course (a team import: team), one account a line. */
export function sheetCsv(result: AccountImportResult, header: string[]): string {
  const rows = result.created.map((a) => [
    a.username,
    a.displayName ?? '',
    a.password,
    result.teams ? (a.team ?? '') : (a.course?.title ?? ''),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
