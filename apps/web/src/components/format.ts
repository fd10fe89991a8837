import { KiB, MiB, roundPoints, submissionPoints, type SubmissionView } from '@judge/contract';

/** How numbers read on the pages. */

export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function formatMemoryKb(kb: number | null | undefined): string {
  if (kb === null || kb === undefined) return '—';
  if (kb < 1024) return `${kb} KB`;
  const mb = kb / 1024;
  return `${mb >= 100 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export function formatMemoryMb(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}

export function formatBytes(bytes: number): string {
  if (bytes < KiB) return `${bytes} B`;
  if (bytes < MiB) return `${(bytes / KiB).toFixed(1)} KB`;
  return `${(bytes / MiB).toFixed(1)} MB`;
}

export function formatTimeLimit(ms: number | null | undefined): string {
  // A package may leave it out: the judge then derives it from the package's accepted solutions.
  if (ms === null || ms === undefined) return 'from solutions';
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(2).replace(/0+$/, '')} s`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export const shortId = (id: string) => id.slice(0, 8);

/**
 * Points as the grades and a course's lists show them: out of PROBLEM_POINTS (100) per problem, to two decimals
 * at most ("100", "37.5"), on one scale with the grades page.
 */
export function formatPoints(points: number | null | undefined): string {
  if (points === null || points === undefined) return '—';
  return String(roundPoints(points));
}

/** A submission's points out of 100: a teacher's adjustment when there is one, else the judge's; null until judged. */
export function pointsOf(s: SubmissionView): number | null {
  if (s.adjustment) return s.adjustment.points;
  if (s.status !== 'done' || s.score === null) return null;
  return submissionPoints(s);
}
