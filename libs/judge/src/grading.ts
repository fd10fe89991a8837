import type { Verdict } from '@judge/contract';
import type { TestGroupConfig } from '@judge/problem-package';

/** One graded item of a group: a test or a subgroup, with its verdict and score. */
export interface Graded {
  verdict: Verdict;
  score: number;
  /** Whether this item is the `sample` group (ignored at the top with the ignore_sample grader flag). */
  isSample?: boolean;
}

/** How bad a verdict is, for `worst_error`: the judge's own failure first, then the submission's. */
const SEVERITY: Record<Verdict, number> = { AC: 0, WA: 1, OLE: 2, MLE: 3, TLE: 4, RE: 5, CE: 6, JE: 7 };

/**
 * The default grader of the problem package format (problemtools): verdicts by first_error, worst_error or
 * always_accept (or accept_if_any_accepted), scores by sum, avg, min or max over the group's items.
 */
export function aggregate(config: TestGroupConfig, items: readonly Graded[], isRoot: boolean): Graded {
  const counted = isRoot && config.ignoreSample ? items.filter((i) => !i.isSample) : items;
  let verdict: Verdict = 'AC';
  if (config.acceptIfAnyAccepted && counted.some((i) => i.verdict === 'AC')) verdict = 'AC';
  else if (config.verdictAggregation === 'first_error')
    verdict = counted.find((i) => i.verdict !== 'AC')?.verdict ?? 'AC';
  else if (config.verdictAggregation === 'worst_error') {
    for (const i of counted) if (SEVERITY[i.verdict] > SEVERITY[verdict]) verdict = i.verdict;
  }
  // A judge error always surfaces: nothing may hide our own failure behind an accepted verdict.
  if (counted.some((i) => i.verdict === 'JE')) verdict = 'JE';
  const scores = counted.map((i) => i.score);
  let score = 0;
  if (scores.length > 0) {
    switch (config.scoreAggregation) {
      case 'sum':
        score = scores.reduce((a, b) => a + b, 0);
        break;
      case 'avg':
        score = scores.reduce((a, b) => a + b, 0) / scores.length;
        break;
      case 'min':
        score = Math.min(...scores);
        break;
      case 'max':
        score = Math.max(...scores);
        break;
    }
  }
  return { verdict, score: roundScore(score) };
}

/** Scores are shown to people: avoid 0.30000000000000004. */
export function roundScore(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}

/** A subgroup's result with the sibling groups it depends on (Polygon's group dependencies). */
export interface DependentGroup {
  name: string;
  verdict: Verdict;
  dependencies: readonly string[];
}

/**
 * The groups that score nothing because a group they depend on, directly or through others, was not accepted
 * (Polygon gives a group's points only when its dependencies passed). A dependency on a group that is not
 * among the siblings, or a cycle, counts as not passed.
 */
export function failedDependencies(groups: readonly DependentGroup[]): Set<string> {
  const byName = new Map(groups.map((g) => [g.name, g]));
  const passed = new Map<string, boolean>();
  const visit = (name: string, path: Set<string>): boolean => {
    const known = passed.get(name);
    if (known !== undefined) return known;
    const group = byName.get(name);
    if (!group || path.has(name)) return false;
    path.add(name);
    const ok = group.verdict === 'AC' && group.dependencies.every((d) => visit(d, path));
    path.delete(name);
    passed.set(name, ok);
    return ok;
  };
  const failed = new Set<string>();
  for (const group of groups) {
    if (group.dependencies.length > 0 && !group.dependencies.every((d) => visit(d, new Set([group.name])))) {
      failed.add(group.name);
    }
  }
  return failed;
}
