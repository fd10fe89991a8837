import { describe, expect, it } from 'vitest';
import { verdictCounts } from './scoring';
import { VERDICTS } from './verdict';

describe('scoring helpers', () => {
  it('counts every judged verdict except compile and judge errors', () => {
    expect(VERDICTS.filter((v) => verdictCounts(v))).toEqual(['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE']);
    expect(verdictCounts(null)).toBe(false);
  });
});
