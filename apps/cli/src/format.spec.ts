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

describe('a result with no test judged', () => {
  it('prints the verdict and the compiler output, and no empty test table', () => {
    const text = plain(
      resultTable(judged({ verdict: 'CE', score: 0, compileOutput: "main.c:8:5: error: expected ';'" })),
    );
    expect(text).not.toContain('test');
    expect(text).not.toMatch(/[┌│└]/);
    expect(text).toBe("verdict CE (Compilation Error)\nmain.c:8:5: error: expected ';'");
  });

  it('still prints the table when tests ran', () => {
    const test = { name: 'sample/01', group: 'sample', verdict: 'WA' as const, timeMs: 3, wallMs: 5, memoryKb: 1024 };
    const text = plain(resultTable(judged({ verdict: 'WA', score: 0, tests: [{ ...test, score: 0, feedback: '' }] })));
    expect(text).toMatch(/│ sample\/01 │ sample │ WA/);
  });
});
