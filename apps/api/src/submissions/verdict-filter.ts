import { Raw, type FindOptionsWhere } from 'typeorm';
import type { VerdictFilter } from '@judge/contract';
import type { SubmissionEntity } from '../database/entities';

/**
 * The condition of a list filtered by verdict, the rule of `resultState` in SQL: `partial` is an AC with a score
 * strictly between 0 and the maximum, and `AC` is every other AC (full points, pass-fail, or no maximum known).
 * `max_score` is the submission's own column (the lists query one table, no join to name it apart).
 */
export function verdictWhere(filter: VerdictFilter): FindOptionsWhere<SubmissionEntity> {
  if (filter === 'partial') return { verdict: 'AC', score: Raw((score) => `(${score} > 0 AND ${score} < max_score)`) };
  if (filter === 'AC') return { verdict: 'AC', score: Raw(notPartial) };
  return { verdict: filter };
}

/** No partial score: NULL in either column makes the comparison NULL, which is not partial either. */
function notPartial(score: string): string {
  return `COALESCE(${score} > 0 AND ${score} < max_score, false) = false`;
}

/**
 * A submission that solved its problem, over the submissions table's own columns: an AC that is not partial (full
 * points, or a pass-fail problem's 1 of 1). For the problems' and contest problems' solved marks.
 */
export const SOLVED_SQL = `(verdict = 'AC' AND ${notPartial('score')})`;
