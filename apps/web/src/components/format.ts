import { KiB, MiB, roundPoints, submissionPoints, type SubmissionView } from '@judge/contract';
import { activeLocale } from '../i18n/active-locale';

/** How numbers read on the pages, in the conventions of the chosen language (decimal mark, unit names, dates). */

/** A plain number in the chosen language's conventions ("1,234.5", "1.234,5"), to `digits` decimals at most. */
export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(activeLocale(), { maximumFractionDigits: digits }).format(value);
}

/**
 * A measure with its unit symbol ("1.5 s", "1,5 s" in Spanish): the symbols (ms, s, B, KB, MB, GB) are the ones
 * judges everywhere print, Chinese ones included; the number follows the language. `digits` decimals exactly.
 */
export function formatUnit(value: number, symbol: string, digits = 0): string {
  const number = new Intl.NumberFormat(activeLocale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${symbol}`;
}

export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 10_000 ? formatUnit(ms / 1000, 's', 1) : formatUnit(Math.round(ms), 'ms');
}

export function formatMemoryKb(kb: number | null | undefined): string {
  if (kb === null || kb === undefined) return '—';
  if (kb < 1024) return formatUnit(kb, 'KB');
  const mb = kb / 1024;
  return formatUnit(mb, 'MB', mb >= 100 ? 0 : 1);
}

export function formatMemoryMb(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return '—';
  return mb >= 1024 && mb % 1024 === 0 ? formatUnit(mb / 1024, 'GB') : formatUnit(mb, 'MB');
}

export function formatBytes(bytes: number): string {
  if (bytes < KiB) return formatUnit(bytes, 'B');
  if (bytes < MiB) return formatUnit(bytes / KiB, 'KB', 1);
  return formatUnit(bytes / MiB, 'MB', 1);
}

export function formatTimeLimit(ms: number | null | undefined): string {
  // A package may leave it out: the judge then derives it from the package's accepted solutions.
  if (ms === null || ms === undefined) return '—';
  return `${formatNumber(ms / 1000, 2)} s`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(activeLocale());
}

export const shortId = (id: string) => id.slice(0, 8);

/**
 * Points as the grades and a course's lists show them: out of PROBLEM_POINTS (100) per problem, to two decimals
 * at most ("100", "37.5"), on one scale with the grades page.
 */
export function formatPoints(points: number | null | undefined): string {
  if (points === null || points === undefined) return '—';
  return formatNumber(roundPoints(points), 2);
}

/** A submission's points out of 100: a teacher's adjustment when there is one, else the judge's; null until judged. */
export function pointsOf(s: SubmissionView): number | null {
  if (s.adjustment) return s.adjustment.points;
  if (s.status !== 'done' || s.score === null) return null;
  return submissionPoints(s);
}
