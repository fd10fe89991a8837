import { describe, expect, it } from 'vitest';
import type { TestGroupConfig } from '@judge/problem-package';
import { aggregate, failedDependencies, type Graded } from './grading';

const config = (over: Partial<TestGroupConfig> = {}): TestGroupConfig => ({
  onReject: 'break',
  acceptScore: 1,
  rejectScore: 0,
  range: null,
  scoreAggregation: 'sum',
  verdictAggregation: 'first_error',
  ignoreSample: false,
  acceptIfAnyAccepted: false,
  outputValidatorFlags: [],
  inputValidatorFlags: [],
  ...over,
});

const items: Graded[] = [
  { verdict: 'AC', score: 10 },
  { verdict: 'TLE', score: 0 },
  { verdict: 'WA', score: 0 },
  { verdict: 'AC', score: 20 },
];

describe('the default grader', () => {
  it('first_error takes the first rejection, sum adds the scores', () => {
    expect(aggregate(config(), items, false)).toEqual({ verdict: 'TLE', score: 30 });
  });

  it('worst_error takes the most severe rejection', () => {
    expect(aggregate(config({ verdictAggregation: 'worst_error' }), [items[2], items[1]], false).verdict).toBe('TLE');
  });

  it('always_accept accepts whatever the tests say', () => {
    expect(aggregate(config({ verdictAggregation: 'always_accept' }), items, false).verdict).toBe('AC');
  });

  it('min, max and avg aggregate scores (min makes all-or-nothing subtasks)', () => {
    expect(aggregate(config({ scoreAggregation: 'min' }), items, false).score).toBe(0);
    expect(aggregate(config({ scoreAggregation: 'max' }), items, false).score).toBe(20);
    expect(aggregate(config({ scoreAggregation: 'avg' }), items, false).score).toBe(7.5);
  });

  it('accept_if_any_accepted accepts a group with one accepted item', () => {
    expect(aggregate(config({ acceptIfAnyAccepted: true }), items, false).verdict).toBe('AC');
  });

  it('ignore_sample leaves the sample group out at the top only', () => {
    const top: Graded[] = [
      { verdict: 'WA', score: 0, isSample: true },
      { verdict: 'AC', score: 100 },
    ];
    expect(aggregate(config({ ignoreSample: true }), top, true)).toEqual({ verdict: 'AC', score: 100 });
    expect(aggregate(config({ ignoreSample: true }), top, false).verdict).toBe('WA');
  });

  it('a judge error is never hidden behind an accepted verdict', () => {
    const withJe: Graded[] = [
      { verdict: 'AC', score: 1 },
      { verdict: 'JE', score: 0 },
    ];
    expect(aggregate(config({ verdictAggregation: 'always_accept' }), withJe, false).verdict).toBe('JE');
  });

  it('an empty group scores 0 and is accepted', () => {
    expect(aggregate(config(), [], false)).toEqual({ verdict: 'AC', score: 0 });
  });

  it('rounds away floating point noise', () => {
    expect(
      aggregate(
        config(),
        [
          { verdict: 'AC', score: 0.1 },
          { verdict: 'AC', score: 0.2 },
        ],
        false,
      ).score,
    ).toBe(0.3);
  });
});

describe('group dependencies', () => {
  it('a group scores nothing when a group it depends on, directly or not, is not accepted', () => {
    const failed = failedDependencies([
      { name: 'samples', verdict: 'AC', dependencies: [] },
      { name: 'small', verdict: 'WA', dependencies: ['samples'] },
      // Accepted itself, but it needs `small`, which failed.
      { name: 'medium', verdict: 'AC', dependencies: ['small'] },
      // Through `medium`, it needs `small` too.
      { name: 'large', verdict: 'AC', dependencies: ['medium'] },
      { name: 'other', verdict: 'AC', dependencies: ['samples'] },
    ]);
    expect([...failed].sort()).toEqual(['large', 'medium']);
  });

  it('an unknown group or a cycle is not passed', () => {
    const failed = failedDependencies([
      { name: 'a', verdict: 'AC', dependencies: ['b'] },
      { name: 'b', verdict: 'AC', dependencies: ['a'] },
      { name: 'c', verdict: 'AC', dependencies: ['missing'] },
    ]);
    expect([...failed].sort()).toEqual(['a', 'b', 'c']);
  });
});
