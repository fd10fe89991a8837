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
  // NULL in either column makes the comparison NULL: no partial score, so accepted.
  if (filter === 'AC')
    return { verdict: 'AC', score: Raw((score) => `COALESCE(${score} > 0 AND ${score} < max_score, false) = false`) };
  return { verdict: filter };
}
