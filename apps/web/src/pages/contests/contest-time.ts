import { useEffect } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ContestPhase, ContestSummary, ContestView } from '@judge/contract';

/** A countdown: `2d 03:04:05`, `03:04:05`, `04:05`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock =
    hours > 0 || days > 0 ? `${two(hours)}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** A time in the reader's own time zone, with the zone named. */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle cannot be combined with timeZoneName: the parts are named one by one.
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export const PHASE_LABELS: Record<ContestPhase, string> = {
  upcoming: 'Upcoming',
  running: 'Running',
  frozen: 'Running, scoreboard frozen',
  ended: 'Ended',
};

/** What the countdown counts to next: the start, the freeze, or the end (null once it has ended). */
export function nextMoment(
  contest: Pick<ContestSummary, 'startsAt' | 'endsAt'> & Partial<Pick<ContestView, 'freezesAt'>>,
  now: number,
): { what: 'start' | 'freeze' | 'end'; at: number } | null {
  const start = Date.parse(contest.startsAt);
  const end = Date.parse(contest.endsAt);
  const freeze = contest.freezesAt ? Date.parse(contest.freezesAt) : null;
  if (now < start) return { what: 'start', at: start };
  if (freeze !== null && now < freeze && freeze < end) return { what: 'freeze', at: freeze };
  if (now < end) return { what: 'end', at: end };
  return null;
}

const COUNTDOWN_WORDS = { start: 'Starts in', freeze: 'Scoreboard freezes in', end: 'Ends in' } as const;

export function countdownText(next: { what: 'start' | 'freeze' | 'end'; at: number }, now: number): string {
  return `${COUNTDOWN_WORDS[next.what]} ${formatDuration(next.at - now)}`;
}

/**
 * Reads `queryKey` again just after each of `moments` (ms since the epoch) passes: the API decides the phase,
 * and it changes at the start, the freeze and the end.
 */
export function useRefreshAt(queryKey: QueryKey, moments: number[]): void {
  const client = useQueryClient();
  const next = moments.filter((m) => m > Date.now()).sort((a, b) => a - b)[0];
  const keyText = JSON.stringify(queryKey);
  useEffect(() => {
    if (next === undefined) return;
    // setTimeout takes at most 2^31-1 ms; a moment further away is looked at again by a later render.
    const delay = Math.min(next - Date.now() + 1000, 2_000_000_000);
    const timer = setTimeout(() => void client.invalidateQueries({ queryKey: JSON.parse(keyText) as QueryKey }), delay);
    return () => clearTimeout(timer);
  }, [next, keyText, client]);
}
