import { TOTALS_ORDER } from '@judge/contract';
import { bestGroupPoints, PROBLEM_POINTS, roundPoints } from '../../submissions/points';
import { emptyCell, isPending, minutesFrom, type ScoredSubmission, type ScoringRule } from './scoring-rule';

/**
 * IOI: a problem's points are the best per test group across the judged submissions (bestGroupPoints, which
 * leaves compile and judge errors out); every judged submission is an attempt. Solved once the points reach
 * full, at the time of the submission that got them there. More points rank first; there is no penalty.
 */
export const ioiRule: ScoringRule = {
  cell(submissions, context) {
    const cell = emptyCell(0);
    const judged: ScoredSubmission[] = [];
    for (const s of submissions) {
      if (isPending(s, context)) {
        cell.pending += 1;
        continue;
      }
      cell.attempts += 1;
      judged.push(s);
      if (cell.solvedAt === null && bestGroupPoints(judged) >= PROBLEM_POINTS) {
        cell.solvedAt = s.createdAt;
        cell.solvedAtMinutes = minutesFrom(context.startsAt, s.createdAt);
      }
    }
    cell.score = bestGroupPoints(judged);
    return cell;
  },

  total(cells) {
    return {
      solved: cells.filter((c) => c.solvedAtMinutes !== null).length,
      penalty: 0,
      score: roundPoints(cells.reduce((sum, c) => sum + (c.score ?? 0), 0)),
    };
  },

  compare: TOTALS_ORDER.ioi,
};
