import { ICPC_PENALTY_MINUTES, TOTALS_ORDER, verdictCounts } from '@judge/contract';
import { emptyCell, isPending, minutesFrom, type ScoringRule } from './scoring-rule';

/**
 * ICPC: submissions up to and including the first accepted one are attempts, compile and judge errors aside;
 * later ones are ignored. A pending submission (not judged, or hidden by the freeze) does not end the count:
 * a later accepted one still solves the problem for this viewer. Solved problems rank first, then the penalty:
 * the minute of each solve plus 20 minutes for each attempt before it.
 */
export const icpcRule: ScoringRule = {
  cell(submissions, context) {
    const cell = emptyCell(null);
    for (const s of submissions) {
      if (isPending(s, context)) {
        cell.pending += 1;
        continue;
      }
      if (!verdictCounts(s.verdict)) continue;
      cell.attempts += 1;
      if (s.verdict === 'AC') {
        cell.solvedAt = s.createdAt;
        cell.solvedAtMinutes = minutesFrom(context.startsAt, s.createdAt);
        break;
      }
    }
    return cell;
  },

  total(cells) {
    let solved = 0;
    let penalty = 0;
    for (const c of cells) {
      if (c.solvedAtMinutes === null) continue;
      solved += 1;
      penalty += c.solvedAtMinutes + (c.attempts - 1) * ICPC_PENALTY_MINUTES;
    }
    // `score` mirrors `solved`, so that a client may sort any board by it.
    return { solved, penalty, score: solved };
  },

  compare: TOTALS_ORDER.icpc,
};
