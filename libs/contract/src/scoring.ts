import type { ContestScoring } from './contests';
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
