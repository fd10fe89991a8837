import { describe, expect, it } from 'vitest';
import { deriveTimeLimitMs, tleThresholdMs, type ProblemLimits } from './index';

const base: ProblemLimits = {
  timeLimitMs: null,
  timeLimitSource: null,
  timeMultiplier: 5,
  timeSafetyMargin: 2,
  timeResolutionS: 1,
  memoryMb: 2048,
  outputMb: 8,
  codeKb: 128,
  compilationTimeS: 60,
  compilationMemoryMb: 2048,
  validationTimeS: 60,
  validationMemoryMb: 2048,
  validationOutputMb: 8,
  validationPasses: 2,
};
const legacy = base;
const draft: ProblemLimits = { ...base, timeMultiplier: 2, timeSafetyMargin: 1.5 };

describe('deriveTimeLimitMs (problemtools: max(1, ceil(T_ac * multiplier / resolution)) * resolution)', () => {
  it.each([
    [legacy, 300, 2000], // 1.5 s rounds up to 2 s
    [legacy, 200, 1000], // exactly 1 s stays 1 s
    [legacy, 201, 2000],
    [draft, 480, 1000],
    [draft, 1000, 2000],
    [draft, 1001, 3000],
    [draft, 0, 1000], // never below one resolution step
    [{ ...draft, timeResolutionS: 0.5 }, 700, 1500],
    [{ ...draft, timeResolutionS: 0.1, timeMultiplier: 1.1 }, 1000, 1100], // 1100.0000000000002 is not 1200
  ])('%#: slowest AC %i ms → %i ms', (limits, slowest, expected) => {
    expect(deriveTimeLimitMs(slowest, limits)).toBe(expected);
  });

  it('rejects nonsense run times', () => {
    expect(() => deriveTimeLimitMs(-1, legacy)).toThrow(RangeError);
    expect(() => deriveTimeLimitMs(Number.NaN, legacy)).toThrow(RangeError);
  });
});

describe('tleThresholdMs', () => {
  it('is the time limit times the safety margin', () => {
    expect(tleThresholdMs(2000, legacy)).toBe(4000);
    expect(tleThresholdMs(2000, draft)).toBe(3000);
    expect(tleThresholdMs(1100, { ...draft, timeSafetyMargin: 1.1 })).toBe(1210);
  });
});
