import { describe, expect, it } from 'vitest';
import type { ScoreboardCell, Verdict } from '@judge/contract';
import { ioiRule } from './ioi-rule';
import type { CellContext, ScoredSubmission } from './scoring-rule';

const START = new Date('2025-01-01T10:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

let counter = 0;
/** A scoring submission out of 100 with leaf groups g1 (worth 40) and g2 (worth 60). */
function scored(minute: number, g1: number, g2: number): ScoredSubmission {
  counter += 1;
  const score = g1 + g2;
  return {
    id: `s${counter}`,
    userId: 'ann',
    problemId: 'pa',
    createdAt: at(minute),
    verdict: score === 100 ? 'AC' : 'WA',
    score,
    maxScore: 100,
    groups: [
      { name: 'secret', verdict: 'WA', score, maxScore: 100 },
      { name: 'secret/g1', verdict: 'WA', score: g1, maxScore: 40 },
      { name: 'secret/g2', verdict: 'WA', score: g2, maxScore: 60 },
    ],
  };
}

/** A submission with no result to score: not judged (null), or a compile or judge error. */
function unscored(minute: number, verdict: Verdict | null): ScoredSubmission {
  counter += 1;
  return {
    id: `s${counter}`,
    userId: 'ann',
    problemId: 'pa',
    createdAt: at(minute),
    verdict,
    score: verdict === null ? null : 0,
    maxScore: verdict === null ? null : 100,
    groups: [],
  };
}

const seen: CellContext = { startsAt: START, hidden: () => false };
const cell = (submissions: ScoredSubmission[], context = seen) => ioiRule.cell(submissions, context);

const points = (score: number, solvedAtMinutes: number | null = null): ScoreboardCell => ({
  attempts: 1,
  solvedAtMinutes,
  score,
  pending: 0,
  firstToSolve: false,
});

describe('IOI rule: a cell', () => {
  it('takes the best of each group across submissions; solved when that reaches 100', () => {
    // g1 40 at minute 10, g2 60 at minute 30: 100 at minute 30; the 0 in between takes nothing away.
    expect(cell([scored(10, 40, 0), scored(20, 0, 0), scored(30, 0, 60)])).toEqual({
      attempts: 3,
      solvedAtMinutes: 30,
      score: 100,
      pending: 0,
      firstToSolve: false,
      solvedAt: at(30),
    });
  });

  it('counts every judged submission as an attempt, compile and judge errors too, which score nothing', () => {
    expect(cell([unscored(5, 'CE'), scored(10, 40, 0), unscored(15, 'JE')])).toMatchObject({
      attempts: 3,
      score: 40,
      solvedAtMinutes: null,
    });
  });

  it('counts unjudged and hidden submissions as pending, without their points', () => {
    const hidden: CellContext = { startsAt: START, hidden: (s) => s.createdAt >= at(240) };
    expect(cell([scored(100, 40, 0), unscored(120, null), scored(250, 40, 60)], hidden)).toMatchObject({
      attempts: 1,
      score: 40,
      pending: 2,
      solvedAtMinutes: null,
    });
  });

  it('scores 0 with no submissions', () => {
    expect(cell([])).toMatchObject({ attempts: 0, score: 0, pending: 0, solvedAt: null });
  });
});

describe('IOI rule: totals and order', () => {
  it('adds the points to two decimals, counts full ones as solved, and has no penalty', () => {
    // 33.33 × 2 + 100 = 166.66, not 166.66000000000003.
    expect(ioiRule.total([points(33.33), points(33.33), points(100, 80)])).toEqual({
      solved: 1,
      penalty: 0,
      score: 166.66,
    });
  });

  it('ranks by points alone: more solved problems do not break a tie', () => {
    expect(
      ioiRule.compare({ solved: 0, penalty: 0, score: 90 }, { solved: 1, penalty: 0, score: 100 }),
    ).toBeGreaterThan(0);
    expect(ioiRule.compare({ solved: 0, penalty: 0, score: 100 }, { solved: 1, penalty: 0, score: 100 })).toBe(0);
  });
});
