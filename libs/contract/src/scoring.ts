import type { ContestScoring, ScoreboardRow } from './contests';
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

/** A board row's totals: what ranks it. */
export interface RowTotals {
  solved: number;
  /** In minutes (0 where the rule has no penalty). */
  penalty: number;
  score: number;
}

/**
 * How totals order a board under each rule: negative when `a` ranks above `b`, positive when below, 0 when they
 * share a rank. ICPC: more solved, then less penalty; IOI: more points. The API's rules rank by it, and so does the
 * reveal (reveal.ts), which re-ranks in the browser.
 */
export const TOTALS_ORDER: Readonly<Record<ContestScoring, (a: RowTotals, b: RowTotals) => number>> = {
  icpc: (a, b) => b.solved - a.solved || a.penalty - b.penalty,
  ioi: (a, b) => b.score - a.score,
};

/**
 * The order of a board's rows: by the rule's totals, then equal totals by name, then (two rows of one name) by id,
 * so that every client ranking the same rows lists them alike (ScoreboardPatch).
 */
function listOrder(scoring: ContestScoring, a: ScoreboardRow, b: ScoreboardRow): number {
  return TOTALS_ORDER[scoring](a, b) || a.username.localeCompare(b.username) || a.userId.localeCompare(b.userId);
}

/** Whether row `a` is listed before row `b` on the board. */
export function listedBefore(scoring: ContestScoring, a: ScoreboardRow, b: ScoreboardRow): boolean {
  return listOrder(scoring, a, b) < 0;
}

/** Rows in the rule's order with their ranks: equal totals share a rank (1, 1, 3) and are listed by name. */
export function rankRows(rows: readonly ScoreboardRow[], scoring: ContestScoring): ScoreboardRow[] {
  return assignRanks(
    [...rows].sort((a, b) => listOrder(scoring, a, b)),
    scoring,
  );
}

/** The ranks of rows already in the rule's order (rankRows); a row whose rank stays is the same object. */
export function assignRanks(sorted: readonly ScoreboardRow[], scoring: ContestScoring): ScoreboardRow[] {
  const compare = TOTALS_ORDER[scoring];
  const ranked: ScoreboardRow[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    const rank = previous && compare(previous, row) === 0 ? previous.rank : i + 1;
    ranked.push(row.rank === rank ? row : { ...row, rank });
  });
  return ranked;
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
