import { describe, expect, it } from 'vitest';
import { VERDICTS } from '@judge/contract';
import type { RunResult, RunStatus } from '@judge/sandbox';
import { SUBMISSION_VERDICT, submissionVerdict } from './verdict-mapping';

const run = (status: RunStatus, stderr = ''): RunResult => ({
  status,
  exitCode: status === 'nonzero-exit' ? 1 : null,
  signal: null,
  cpuTimeMs: 0,
  wallTimeMs: 0,
  memoryBytes: 0,
  stdout: Buffer.alloc(0),
  stderr: Buffer.from(stderr),
});

describe('sandbox status to verdict', () => {
  it('maps every status, and only to verdicts of the closed set', () => {
    const expected: Record<RunStatus, string | null> = {
      ok: null,
      'nonzero-exit': 'RE',
      signaled: 'RE',
      'cpu-time-limit': 'TLE',
      'wall-time-limit': 'TLE',
      'memory-limit': 'MLE',
      'output-limit': 'OLE',
      aborted: 'JE',
      'sandbox-error': 'JE',
    };
    expect(SUBMISSION_VERDICT).toEqual(expected);
    for (const v of Object.values(SUBMISSION_VERDICT)) if (v) expect(VERDICTS).toContain(v);
  });

  it("a sandbox failure is the judge's error, never the submission's", () => {
    expect(submissionVerdict(run('sandbox-error'))).toBe('JE');
  });

  it('a runtime that reports its own heap exhaustion gets MLE, other crashes RE', () => {
    const patterns = ['java.lang.OutOfMemoryError'];
    expect(
      submissionVerdict(
        run('nonzero-exit', 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space'),
        patterns,
      ),
    ).toBe('MLE');
    expect(submissionVerdict(run('nonzero-exit', 'java.lang.ArithmeticException: / by zero'), patterns)).toBe('RE');
  });
});
