import { verdictCounts, type TestGroupResult, type Verdict } from '@judge/contract';

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

/**
 * Points of the best result per test group across several submissions (IOI rules): each leaf group
 * counts with the best score any of them got there. Pass-fail problems, and submissions without groups,
 * count with their best single result.
 */
export function bestGroupPoints(submissions: JudgedScore[]): number {
  const judged = submissions.filter((s) => verdictCounts(s.verdict));
  const single = Math.max(0, ...judged.map(submissionPoints));
  const maxScore = judged.find((s) => s.maxScore !== null)?.maxScore ?? null;
  if (!maxScore || maxScore === 1) return single;
  const best = new Map<string, number>();
  for (const s of judged) {
    const names = s.groups.map((g) => g.name);
    for (const g of s.groups) {
      // Only leaf groups: a parent's score is the sum (or other aggregate) of its children's.
      if (names.some((n) => n.startsWith(`${g.name}/`))) continue;
      best.set(g.name, Math.max(best.get(g.name) ?? 0, g.score));
    }
  }
  if (best.size === 0) return single;
  const total = [...best.values()].reduce((a, b) => a + b, 0);
  return Math.max(single, roundPoints(Math.min(1, total / maxScore) * PROBLEM_POINTS));
}
