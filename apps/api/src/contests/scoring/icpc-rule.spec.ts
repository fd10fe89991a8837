import { describe, expect, it } from 'vitest';
import type { ScoreboardCell, Verdict } from '@judge/contract';
import { icpcRule } from './icpc-rule';
import type { CellContext, ScoredSubmission } from './scoring-rule';

const START = new Date('2025-01-01T10:00:00Z');
const at = (minutes: number, seconds = 0) => new Date(START.getTime() + minutes * 60_000 + seconds * 1000);

/** Submissions on one problem, one per [minute, verdict] (null: not judged yet), oldest first. */
const subs = (...list: [number, Verdict | null][]): ScoredSubmission[] =>
  list.map(([minute, verdict], i) => ({
    id: `s${i}`,
    userId: 'ann',
    problemId: 'pa',
    createdAt: at(minute),
    verdict,
    score: verdict === null ? null : verdict === 'AC' ? 1 : 0,
    maxScore: verdict === null ? null : 1,
    groups: [],
  }));

const seen: CellContext = { startsAt: START, hidden: () => false };
const cell = (submissions: ScoredSubmission[], context = seen) => icpcRule.cell(submissions, context);

/** A cell as the board shows it: attempts, minute of the solve, pending. */
const solved = (minute: number | null, attempts: number, pending = 0): ScoreboardCell => ({
  attempts,
  solvedAtMinutes: minute,
  score: null,
  pending,
  firstToSolve: false,
});

describe('ICPC rule: a cell', () => {
  it('counts the rejections before the first AC, and the AC', () => {
    expect(cell(subs([3, 'WA'], [5, 'TLE'], [8, 'RE'], [9, 'MLE'], [12, 'AC']))).toMatchObject(solved(12, 5));
  });

  it('leaves compile and judge errors out', () => {
    expect(cell(subs([3, 'CE'], [5, 'JE'], [7, 'WA'], [8, 'CE'], [10, 'AC']))).toMatchObject(solved(10, 2));
  });

  it('ignores everything after the first AC, pending ones too', () => {
    expect(cell(subs([4, 'AC'], [5, 'WA'], [6, 'AC'], [7, null]))).toEqual({ ...solved(4, 1), solvedAt: at(4) });
  });

  it('goes on past a pending submission: a later AC still solves it', () => {
    // The one at minute 5 is being (re)judged; the AC at 9 counts with the WA at 2, the pending one apart.
    expect(cell(subs([2, 'WA'], [5, null], [9, 'AC']))).toMatchObject(solved(9, 2, 1));
  });

  it('counts a submission hidden from the viewer as pending, whatever its verdict', () => {
    const hidden: CellContext = { startsAt: START, hidden: (s) => s.createdAt >= at(240) };
    expect(cell(subs([200, 'WA'], [240, 'WA'], [250, 'AC']), hidden)).toMatchObject(solved(null, 1, 2));
  });

  it('takes whole minutes from the start: 59 seconds past minute 60 is minute 60', () => {
    const [s] = subs([60, 'AC']);
    expect(cell([{ ...s, createdAt: at(60, 59) }])).toMatchObject({ solvedAtMinutes: 60, solvedAt: at(60, 59) });
  });

  it('is empty with no submissions', () => {
    expect(cell([])).toEqual({ ...solved(null, 0), solvedAt: null });
  });
});

describe('ICPC rule: totals and order', () => {
  it('adds each solve minute and 20 per rejection before it; unsolved problems add nothing', () => {
    // 12 + 4 × 20 = 92; 40 + 0 = 40; the unsolved one with 3 rejections: 0. Penalty 132.
    expect(icpcRule.total([solved(12, 5), solved(40, 1), solved(null, 3), solved(null, 0)])).toEqual({
      solved: 2,
      penalty: 132,
      score: 2,
    });
    expect(icpcRule.total([])).toEqual({ solved: 0, penalty: 0, score: 0 });
  });

  it('ranks more solved first, then less penalty; equal both is a tie', () => {
    const row = (solvedCount: number, penalty: number) => ({ solved: solvedCount, penalty, score: solvedCount });
    expect(icpcRule.compare(row(2, 300), row(1, 10))).toBeLessThan(0);
    expect(icpcRule.compare(row(2, 90), row(2, 80))).toBeGreaterThan(0);
    expect(icpcRule.compare(row(2, 80), row(2, 80))).toBe(0);
  });
});
