import { useEffect } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ContestPhase, ContestSummary, ContestView } from '@judge/contract';
import { activeLocale } from '../../i18n/active-locale';
import type { Translate } from '../../i18n/i18n-provider';

/** A countdown: `2d 03:04:05`, `03:04:05`, `04:05` (`t` names the days in the reader's language). */
export function formatDuration(ms: number, t?: Translate): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock =
    hours > 0 || days > 0 ? `${two(hours)}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
  if (days === 0) return clock;
  return t ? t('contest.duration.days', { days, clock }) : `${days}d ${clock}`;
}

/** A time in the reader's own time zone, with the zone named. */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle cannot be combined with timeZoneName: the parts are named one by one.
  return date.toLocaleString(activeLocale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** The catalog key naming each phase. */
export const PHASE_KEYS: Record<ContestPhase, string> = {
  upcoming: 'contest.phase.upcoming',
  running: 'contest.phase.running',
  frozen: 'contest.phase.frozen',
  ended: 'contest.phase.ended',
};

type Moment = { what: 'start' | 'freeze' | 'end'; at: number };

/** What the countdown counts to next: the start, the freeze, or the end (null once it has ended). */
export function nextMoment(
  contest: Pick<ContestSummary, 'startsAt' | 'endsAt'> & Partial<Pick<ContestView, 'freezesAt'>>,
  now: number,
): Moment | null {
  const start = Date.parse(contest.startsAt);
  const end = Date.parse(contest.endsAt);
  const freeze = contest.freezesAt ? Date.parse(contest.freezesAt) : null;
  if (now < start) return { what: 'start', at: start };
  if (freeze !== null && now < freeze && freeze < end) return { what: 'freeze', at: freeze };
  if (now < end) return { what: 'end', at: end };
  return null;
}

/**
 * What a contest's header counts down to: the start before it; then the end, and the freeze too while it is ahead
 * (freeze first); nothing once it has ended.
 */
export function countdowns(
  contest: Pick<ContestSummary, 'startsAt' | 'endsAt'> & Partial<Pick<ContestView, 'freezesAt'>>,
  now: number,
): Moment[] {
  const next = nextMoment(contest, now);
  if (!next) return [];
  if (next.what === 'freeze') return [next, { what: 'end', at: Date.parse(contest.endsAt) }];
  return [next];
}

const COUNTDOWN_KEYS = {
  start: 'contest.countdown.start',
  freeze: 'contest.countdown.freeze',
  end: 'contest.countdown.end',
} as const;

export function countdownText(next: Moment, now: number, t: Translate): string {
  return t(COUNTDOWN_KEYS[next.what], { time: formatDuration(next.at - now, t) });
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
