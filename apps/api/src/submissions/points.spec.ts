import { describe, expect, it } from 'vitest';
import { bestGroupPoints, submissionPoints, type JudgedScore } from './points';

const scoring = (score: number, groups: [string, number][]): JudgedScore => ({
  verdict: score === 100 ? 'AC' : 'WA',
  score,
  maxScore: 100,
  groups: groups.map(([name, s]) => ({ name, score: s, maxScore: null, verdict: 'AC' })),
});

describe('points', () => {
  it('gives a pass-fail problem all or nothing', () => {
    expect(submissionPoints({ verdict: 'AC', score: 1, maxScore: 1, groups: [] })).toBe(100);
    expect(submissionPoints({ verdict: 'WA', score: 0, maxScore: 1, groups: [] })).toBe(0);
    expect(submissionPoints({ verdict: null, score: null, maxScore: null, groups: [] })).toBe(0);
  });

  it('scales a scoring problem by its best possible score', () => {
    expect(submissionPoints({ verdict: 'WA', score: 15, maxScore: 60, groups: [] })).toBe(25);
  });

  it('adds up the best score of each leaf group across submissions', () => {
    const a = scoring(30, [
      ['sample', 0],
      ['secret', 30],
      ['secret/g1', 30],
      ['secret/g2', 0],
    ]);
    const b = scoring(45, [
      ['sample', 0],
      ['secret', 45],
      ['secret/g1', 0],
      ['secret/g2', 45],
    ]);
    expect(bestGroupPoints([a, b])).toBe(75);
    expect(bestGroupPoints([a])).toBe(30);
  });

  it('ignores compile and judge errors', () => {
    expect(bestGroupPoints([{ verdict: 'CE', score: 0, maxScore: 1, groups: [] }])).toBe(0);
    expect(
      bestGroupPoints([
        { verdict: 'JE', score: 0, maxScore: 1, groups: [] },
        { verdict: 'AC', score: 1, maxScore: 1, groups: [] },
      ]),
    ).toBe(100);
  });
});
