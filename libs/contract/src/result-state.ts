import { VERDICT_LABELS, VERDICTS, type Verdict } from './verdict';

/**
 * How people read a judged result, one rule for the web UI, the CLI and the API's filter.
 *
 * A scoring problem's submission is AC when every test it ran was accepted by the grading rules (DOMjudge and
 * Kattis semantics), which says nothing about how many points it got: an AC with 30 of 100 points is `partial`,
 * not `accepted`. Only an AC with some but not all of the points is partial; any other verdict keeps its own state
 * (a WA is rejected whatever its score), and a pass-fail problem (score 1 or 0 of 1) is never partial.
 */
export type ResultState = 'accepted' | 'partial' | 'rejected' | 'error';

export interface ScoredResult {
  verdict: Verdict;
  score: number | null;
  /** Null when the problem has no maximum (not judged, or a result from before scores were kept). */
  maxScore: number | null;
}

export function resultState({ verdict, score, maxScore }: ScoredResult): ResultState {
  if (verdict === 'AC') return isPartialScore(score, maxScore) ? 'partial' : 'accepted';
  // CE and JE are nobody's attempt (see verdictCounts in scoring.ts).
  if (verdict === 'CE' || verdict === 'JE') return 'error';
  return 'rejected';
}

/** Some but not all of the points: strictly above 0 and below the maximum. */
export function isPartialScore(score: number | null, maxScore: number | null): boolean {
  return score !== null && maxScore !== null && score > 0 && score < maxScore;
}

/** The badge's text for a partial result: "Partial 30/100". */
export function partialLabel(score: number, maxScore: number): string {
  return `Partial ${score}/${maxScore}`;
}

/**
 * What a list of submissions can be filtered by: a verdict, or `partial` (an AC with some but not all of the
 * points). `AC` then means fully accepted, so the two never overlap.
 */
export const VERDICT_FILTERS = [...VERDICTS, 'partial'] as const;

export type VerdictFilter = (typeof VERDICT_FILTERS)[number];

export const VERDICT_FILTER_LABELS: Readonly<Record<VerdictFilter, string>> = { ...VERDICT_LABELS, partial: 'Partial' };

export function isVerdictFilter(value: unknown): value is VerdictFilter {
  return typeof value === 'string' && (VERDICT_FILTERS as readonly string[]).includes(value);
}
