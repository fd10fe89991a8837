import { describe, expect, it } from 'vitest';
import type { JudgeResult } from '@judge/contract';
import { resultTable, verdictLine } from './format';

// picocolors colours nothing when stdout is not a terminal (as under vitest); strip escapes anyway.
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

function judged(extra: Partial<JudgeResult>): JudgeResult {
  return { verdict: 'AC', score: 1, maxScore: 1, compileOutput: '', tests: [], groups: [], ...extra };
}

describe('judge run output', () => {
  it('prints an AC with some but not all of the points as PARTIAL with the score', () => {
    expect(plain(verdictLine(judged({ score: 30, maxScore: 100 })))).toBe('verdict PARTIAL (Partial)  score 30 / 100');
    expect(plain(resultTable(judged({ score: 30, maxScore: 100 })))).not.toContain('AC');
  });

  it('prints full points and pass-fail results as their verdict', () => {
    expect(plain(verdictLine(judged({ score: 100, maxScore: 100 })))).toBe('verdict AC (Accepted)  score 100 / 100');
    expect(plain(verdictLine(judged({})))).toBe('verdict AC (Accepted)');
    expect(plain(verdictLine(judged({ verdict: 'WA', score: 30, maxScore: 100 })))).toBe(
      'verdict WA (Wrong Answer)  score 30 / 100',
    );
  });
});
