import { describe, expect, it } from 'vitest';
import { isPartialScore, partialLabel, resultState } from './result-state';

describe('resultState', () => {
  it('reads an AC with some but not all of the points as partial', () => {
    expect(resultState({ verdict: 'AC', score: 30, maxScore: 100 })).toBe('partial');
    expect(resultState({ verdict: 'AC', score: 0.5, maxScore: 1 })).toBe('partial');
  });

  it('reads an AC with all the points, or on a pass-fail problem, as accepted', () => {
    expect(resultState({ verdict: 'AC', score: 100, maxScore: 100 })).toBe('accepted');
    expect(resultState({ verdict: 'AC', score: 1, maxScore: 1 })).toBe('accepted');
    expect(resultState({ verdict: 'AC', score: null, maxScore: null })).toBe('accepted');
  });

  it('keeps an AC with no points accepted: no points taken away by the rule, nothing partial about it', () => {
    expect(resultState({ verdict: 'AC', score: 0, maxScore: 100 })).toBe('accepted');
  });

  it('keeps rejections and errors whatever their score', () => {
    expect(resultState({ verdict: 'WA', score: 30, maxScore: 100 })).toBe('rejected');
    expect(resultState({ verdict: 'TLE', score: 0, maxScore: 1 })).toBe('rejected');
    expect(resultState({ verdict: 'CE', score: 0, maxScore: 100 })).toBe('error');
    expect(resultState({ verdict: 'JE', score: 0, maxScore: null })).toBe('error');
  });
});

describe('isPartialScore', () => {
  it('is strictly between 0 and the maximum', () => {
    expect(isPartialScore(1, 100)).toBe(true);
    expect(isPartialScore(99.5, 100)).toBe(true);
    expect(isPartialScore(0, 100)).toBe(false);
    expect(isPartialScore(100, 100)).toBe(false);
    expect(isPartialScore(30, null)).toBe(false);
    expect(isPartialScore(null, 100)).toBe(false);
  });
});

describe('partialLabel', () => {
  it('names the score', () => {
    expect(partialLabel(30, 100)).toBe('Partial 30/100');
  });
});
