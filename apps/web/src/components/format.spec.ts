import { afterEach, describe, expect, it } from 'vitest';
import { submissionView } from '../test/fixtures';
import { formatDate, formatMemoryKb, formatPoints, formatTime, pointsOf } from './format';
import { setActiveLocale } from '../i18n/active-locale';

describe('points', () => {
  it('reads out of 100 per problem, to two decimals at most', () => {
    expect(formatPoints(100)).toBe('100');
    expect(formatPoints(37.5)).toBe('37.5');
    // 1 of 3 is 33.333…: two decimals, as the grades are rounded.
    expect(formatPoints(100 / 3)).toBe('33.33');
    expect(formatPoints(null)).toBe('—');
  });

  it("puts a submission on the grades' scale: pass-fail all or nothing, a score scaled by its best, an adjustment as given", () => {
    expect(pointsOf(submissionView({ verdict: 'AC', score: 1, maxScore: 1 }))).toBe(100);
    expect(pointsOf(submissionView({ verdict: 'WA', score: 0, maxScore: 1 }))).toBe(0);
    expect(pointsOf(submissionView({ verdict: 'WA', score: 30, maxScore: 100 }))).toBe(30);
    expect(pointsOf(submissionView({ status: 'running', verdict: null, score: null }))).toBeNull();
    const adjustment = {
      points: 80,
      reason: 'Good idea',
      by: { id: 'x', username: 'tom' },
      at: '2025-01-03T10:00:00.000Z',
    };
    expect(pointsOf(submissionView({ verdict: 'WA', score: 0, maxScore: 1, adjustment }))).toBe(80);
  });
});

describe('numbers in the chosen language', () => {
  afterEach(() => setActiveLocale('en'));

  it('writes the decimal mark and grouping of the language, with the units judges print', () => {
    setActiveLocale('en');
    expect(formatTime(12_345)).toBe('12.3 s');
    expect(formatMemoryKb(1536)).toBe('1.5 MB');
    expect(formatPoints(37.5)).toBe('37.5');
    setActiveLocale('es');
    expect(formatTime(12_345)).toBe('12,3 s');
    expect(formatMemoryKb(1536)).toBe('1,5 MB');
    expect(formatPoints(37.5)).toBe('37,5');
    setActiveLocale('zh-CN');
    expect(formatTime(12_345)).toBe('12.3 s');
    expect(formatDate('2025-01-03T10:00:00.000Z')).toMatch(/^2025\/1\/3/);
  });
});
