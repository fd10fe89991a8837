import { PROBLEM_POINTS, roundPoints, submissionPoints, verdictCounts, type JudgedScore } from '@judge/contract';

// The points of one submission are the contract's, so that the web UI shows the same scale (grades, submission lists).
export { PROBLEM_POINTS, roundPoints, submissionPoints, type JudgedScore } from '@judge/contract';

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
