import type { ContestScoring } from './contests';
import type { TestGroupResult } from './judgement';
import type { Verdict } from './verdict';

/**
 * What the scoring rules share between the API (which computes boards and points) and the web UI (which names
 * the rules). The rules themselves are the API's `contests/scoring/`; docs/contests.md says them in words.
 */

/** Minutes added to an ICPC penalty for each rejected submission before the first accepted one. */
export const ICPC_PENALTY_MINUTES = 20;

/**
 * Whether a verdict counts under the scoring rules: a judged one that is neither a compile error nor a judge
 * error. Those two are nobody's attempt: no ICPC attempt or penalty, no IOI or course points. Null (not judged
 * yet) does not count either.
 */
export function verdictCounts(verdict: Verdict | null): boolean {
  return verdict !== null && verdict !== 'CE' && verdict !== 'JE';
}

export interface ScoringLabels {
  /** Short, for lists: "ICPC". */
  name: string;
  /** What ranks the board, in a few words. */
  ranking: string;
}

/** How people read each scoring rule's name. */
export const SCORING_LABELS: Readonly<Record<ContestScoring, ScoringLabels>> = {
  icpc: { name: 'ICPC', ranking: 'problems solved, then penalty minutes' },
  ioi: { name: 'IOI', ranking: 'points, best per subtask' },
};

/**
 * Every problem is worth this many points in contests (IOI) and courses: a pass-fail problem all or
 * nothing, a scoring problem its score scaled by its best possible score.
 */
export const PROBLEM_POINTS = 100;

export interface JudgedScore {
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  groups: TestGroupResult[];
}

/** Points are shown to two decimals. */
export const roundPoints = (points: number) => Math.round(points * 100) / 100;

/** Points of one judged submission. */
export function submissionPoints(s: JudgedScore): number {
  if (s.verdict === null || s.score === null) return 0;
  // Pass-fail problems have a best score of 1; a submission judged before scores existed has none.
  if (!s.maxScore || s.maxScore === 1) return s.verdict === 'AC' ? PROBLEM_POINTS : 0;
  return roundPoints(Math.min(1, Math.max(0, s.score / s.maxScore)) * PROBLEM_POINTS);
}
