import type { RowTotals, ScoreboardCell, TestGroupResult, Verdict } from '@judge/contract';

/**
 * A scoring rule: how one contestant's submissions on one problem make a cell, how a row's cells make its
 * totals, and how totals order the board. ICPC and IOI are the two (icpc-rule.ts, ioi-rule.ts); a new rule is
 * one more file and one more entry in SCORING_RULES (index.ts). What stays the same under every rule (the
 * freeze, first to solve, equal totals sharing a rank) is the board's, in scoreboard.ts.
 */
export interface ScoringRule {
  /**
   * One contestant's standing on one problem, from their submissions there, oldest first. A submission the
   * viewer may not see (`context.hidden`) or not judged yet counts as pending.
   */
  cell(submissions: readonly ScoredSubmission[], context: CellContext): RuleCell;
  /** A row's totals from its cells, one per problem. */
  total(cells: readonly ScoreboardCell[]): RowTotals;
  /**
   * Negative when `a` ranks above `b`, positive when below, 0 when they share a rank: the rule's entry of TOTALS_ORDER
   * (@judge/contract), which boards and the reveal rank by.
   */
  compare(a: RowTotals, b: RowTotals): number;
}

export interface ScoredSubmission {
  id: string;
  userId: string;
  problemId: string;
  createdAt: Date;
  /** Null until judged. */
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  groups: TestGroupResult[];
}

export interface CellContext {
  startsAt: Date;
  /** Whether this viewer may not see the submission's result (the freeze): it then counts as pending. */
  hidden(submission: ScoredSubmission): boolean;
}

export interface RuleCell extends ScoreboardCell {
  /** When the submission that solved it was made (first to solve compares these), or null. */
  solvedAt: Date | null;
}

/** A row's totals (in @judge/contract: the reveal re-ranks by them in the browser). */
export type { RowTotals } from '@judge/contract';

/** Whole minutes from the start: a solve at 10:59 of the contest is at minute 10. */
export function minutesFrom(start: Date, at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - start.getTime()) / 60_000));
}

/** A cell with nothing in it yet, as the rule's `score` starts (null where the rule has no points). */
export function emptyCell(score: number | null): RuleCell {
  return { attempts: 0, solvedAtMinutes: null, score, pending: 0, firstToSolve: false, solvedAt: null };
}

/** Whether a submission shows as pending to this viewer: not judged yet, or hidden by the freeze. */
export function isPending(submission: ScoredSubmission, context: CellContext): boolean {
  return submission.verdict === null || context.hidden(submission);
}
