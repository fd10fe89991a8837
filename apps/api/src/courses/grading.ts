import type { LatePenalty } from '@judge/contract';
import { roundPoints } from '../submissions/points';

const DAY = 24 * 60 * 60_000;

/** Started days past the deadline: a minute late is one day, exactly 24 hours late is still one. */
export function daysLate(deadline: Date, submittedAt: Date): number {
  const late = submittedAt.getTime() - deadline.getTime();
  return late <= 0 ? 0 : Math.ceil(late / DAY);
}

/**
 * Points after the late penalty: `per-day` takes `percent` of the points off per started day late, never
 * below zero; `factor` multiplies them. On time, or with no penalty, the points stay as they are.
 */
export function afterLatePenalty(
  points: number,
  penalty: LatePenalty | null,
  deadline: Date,
  submittedAt: Date,
): number {
  const days = daysLate(deadline, submittedAt);
  if (days === 0 || penalty === null) return points;
  if (penalty.type === 'factor') return roundPoints(points * penalty.factor);
  return roundPoints(points * Math.max(0, 1 - (penalty.percent * days) / 100));
}

export interface Candidate {
  id: string;
  points: number;
  createdAt: Date;
}

/** The submission with the most points; the earliest of those on ties. */
export function bestOf<T extends Candidate>(candidates: T[]): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if (
      !best ||
      c.points > best.points ||
      (c.points === best.points && c.createdAt.getTime() < best.createdAt.getTime())
    )
      best = c;
  }
  return best;
}
