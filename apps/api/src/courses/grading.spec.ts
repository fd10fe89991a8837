import { describe, expect, it } from 'vitest';
import { afterLatePenalty, bestOf, daysLate } from './grading';

const deadline = new Date('2025-03-08T09:00:00Z');
const after = (minutes: number) => new Date(deadline.getTime() + minutes * 60_000);
const DAY = 24 * 60;

describe('late penalties', () => {
  it('counts started days late', () => {
    expect(daysLate(deadline, after(0))).toBe(0);
    expect(daysLate(deadline, after(-5))).toBe(0);
    expect(daysLate(deadline, after(1))).toBe(1);
    expect(daysLate(deadline, after(DAY))).toBe(1);
    expect(daysLate(deadline, after(DAY + 1))).toBe(2);
  });

  it('takes a percentage per started day, never below zero', () => {
    const perDay = { type: 'per-day', percent: 15 } as const;
    expect(afterLatePenalty(100, perDay, deadline, after(0))).toBe(100);
    expect(afterLatePenalty(100, perDay, deadline, after(1))).toBe(85);
    expect(afterLatePenalty(80, perDay, deadline, after(DAY + 1))).toBe(56);
    expect(afterLatePenalty(100, perDay, deadline, after(6 * DAY + 1))).toBe(0);
    expect(afterLatePenalty(100, perDay, deadline, after(30 * DAY))).toBe(0);
  });

  it('multiplies by a factor however late', () => {
    const factor = { type: 'factor', factor: 0.6 } as const;
    expect(afterLatePenalty(75, factor, deadline, after(1))).toBe(45);
    expect(afterLatePenalty(75, factor, deadline, after(100 * DAY))).toBe(45);
    expect(afterLatePenalty(75, factor, deadline, after(-1))).toBe(75);
  });

  it('rounds to hundredths', () => {
    expect(afterLatePenalty(100, { type: 'factor', factor: 1 / 3 }, deadline, after(1))).toBe(33.33);
  });
});

describe('the best submission', () => {
  it('has the most points, the earliest on ties', () => {
    const s = (id: string, points: number, minute: number) => ({ id, points, createdAt: after(minute) });
    expect(bestOf([])).toBeNull();
    expect(bestOf([s('a', 40, 0), s('b', 90, 5), s('c', 90, 2), s('d', 10, 1)])?.id).toBe('c');
  });
});
