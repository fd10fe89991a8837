import { describe, expect, it } from 'vitest';
import { RUN_VERDICTS } from '@judge/contract';
import type { RunResult, RunStatus } from '@judge/sandbox';
import { combineRuns, cutText, failedRun, runOutcome, runVerdict } from './run-once';
import { programRunLimits } from './limits';

const run = (status: RunStatus, fields: Partial<RunResult> = {}): RunResult => ({
  status,
  exitCode: status === 'ok' ? 0 : null,
  signal: null,
  cpuTimeMs: 12,
  wallTimeMs: 30,
  memoryBytes: 2048 * 1024,
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
  ...fields,
});

describe('run verdicts', () => {
  it("follow the submissions' table, with a clean exit as OK", () => {
    const expected: Record<RunStatus, string> = {
      ok: 'OK',
      'nonzero-exit': 'RE',
      signaled: 'RE',
      'cpu-time-limit': 'TLE',
      'wall-time-limit': 'TLE',
      'memory-limit': 'MLE',
      'output-limit': 'OLE',
      aborted: 'JE',
      'sandbox-error': 'JE',
    };
    for (const [status, verdict] of Object.entries(expected)) {
      expect(runVerdict(run(status as RunStatus))).toBe(verdict);
      expect(RUN_VERDICTS).toContain(verdict);
    }
  });

  it('a runtime that reports its heap exhaustion is MLE', () => {
    const oom = run('nonzero-exit', { exitCode: 1, stderr: Buffer.from('java.lang.OutOfMemoryError') });
    expect(runVerdict(oom, ['OutOfMemoryError'])).toBe('MLE');
    expect(runVerdict(oom)).toBe('RE');
  });
});

describe('cutting output', () => {
  it('keeps text up to the limit as it is', () => {
    expect(cutText('abc', 3)).toEqual({ text: 'abc', truncated: false });
  });

  it('cuts at characters, never inside one', () => {
    expect(cutText('ééé', 2)).toEqual({ text: 'éé', truncated: true });
    // Two UTF-16 units, one character: four of them are within a limit of four.
    expect(cutText('😀😀😀😀', 4)).toEqual({ text: '😀😀😀😀', truncated: false });
    expect(cutText('😀😀😀😀', 3)).toEqual({ text: '😀😀😀', truncated: true });
  });
});

describe('run outcomes', () => {
  it('report what the sandbox measured, and each cut', () => {
    const outcome = runOutcome(
      run('ok', { stdout: Buffer.from('x'.repeat(10)), stderr: Buffer.from('warn') }),
      'note',
      [],
      5,
    );
    expect(outcome).toEqual({
      verdict: 'OK',
      compileOutput: 'note',
      stdout: 'xxxxx',
      stderr: 'warn',
      exitCode: 0,
      signal: null,
      timeMs: 12,
      wallMs: 30,
      memoryKb: 2048,
      stdoutTruncated: true,
      stderrTruncated: false,
      compileOutputTruncated: false,
    });
  });

  it("name the judge's error, and only for JE", () => {
    expect(runOutcome(run('sandbox-error', { error: 'no cgroup' }), '', [], 10).judgeError).toMatch(/^judge: /);
    expect(runOutcome(run('signaled', { signal: 11 }), '', [], 10)).toMatchObject({ verdict: 'RE', signal: 11 });
    expect(failedRun('CE', 'error: x', 10)).toMatchObject({ verdict: 'CE', compileOutput: 'error: x', stdout: '' });
    expect(failedRun('CE', 'error: x', 10).judgeError).toBeUndefined();
  });
});

describe('run limits', () => {
  it('are the ones asked for, stdout bounded by the output limit', () => {
    const limits = programRunLimits(
      { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 64 << 20, outputBytes: 4096, outputChars: 100 },
      4,
    );
    expect(limits).toMatchObject({
      cpuTimeMs: 1000,
      wallTimeMs: 3000,
      memoryBytes: 64 << 20,
      stdoutBytes: 4096,
      processes: 4,
    });
  });
});

describe('settings of the Judge0 face', () => {
  it('keeps the bytes of output that is not UTF-8, base64, beside the text', () => {
    const outcome = runOutcome(run('ok', { stdout: Buffer.from([0x61, 0xff]) }), '', [], 100);
    expect(outcome.stdout).toBe('a\uFFFD');
    expect(outcome.stdoutBase64).toBe(Buffer.from([0x61, 0xff]).toString('base64'));
    expect(runOutcome(run('ok', { stdout: Buffer.from('é') }), '', [], 100)).not.toHaveProperty('stdoutBase64');
  });

  it('several runs: the last run, the average time (12, 20, 31 → 21) and the largest memory', () => {
    const outcomes = [12, 20, 31].map((ms, i) => ({
      ...runOutcome(run('ok', { cpuTimeMs: ms, memoryBytes: (i === 1 ? 4096 : 2048) * 1024 }), '', [], 100),
      stdout: `run ${i}`,
    }));
    expect(combineRuns(outcomes)).toMatchObject({ stdout: 'run 2', timeMs: 21, memoryKb: 4096 });
  });

  it('the stack, process and file size limits a run asks for reach the sandbox', () => {
    const limits = { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 1 << 28, outputBytes: 1 << 20, outputChars: 100 };
    expect(programRunLimits(limits, 16)).not.toHaveProperty('stackBytes');
    expect(programRunLimits({ ...limits, stackBytes: 1 << 23, processes: 4, fileSizeBytes: 1024 }, 16)).toMatchObject({
      stackBytes: 1 << 23,
      processes: 4,
      fileSizeBytes: 1024,
    });
  });
});
