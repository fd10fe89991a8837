import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '@judge/contract';
import { judge0OutputsMatch, judge0StatusOf, parseFields, renderSubmission, NotUtf8 } from './judge0-mapping';
import { judge0LanguageName, languageOfJudge0Id } from './judge0-languages';
import { shellWords } from './judge0.service';

const done = (outcome: Partial<RunOutcome>) => judge0StatusOf('done', outcome, { cpuTimeLimitMs: 1000 });

describe('judge0StatusOf: one table from a run to a Judge0 status', () => {
  // [what the run did, the status id Judge0 gives, its message]
  const cases: [string, Partial<RunOutcome>, number, string | null][] = [
    ['a clean exit, nothing to compare', { verdict: 'OK', exitCode: 0, timeMs: 10 }, 3, null],
    ['a compile error', { verdict: 'CE' }, 6, null],
    ['a time limit', { verdict: 'TLE', signal: 9 }, 5, 'Time limit exceeded'],
    ['SIGSEGV', { verdict: 'RE', signal: 11 }, 7, 'Caught fatal signal 11'],
    ['SIGXFSZ', { verdict: 'RE', signal: 25 }, 8, 'Caught fatal signal 25'],
    ['SIGFPE', { verdict: 'RE', signal: 8 }, 9, 'Caught fatal signal 8'],
    ['SIGABRT', { verdict: 'RE', signal: 6 }, 10, 'Caught fatal signal 6'],
    ['another signal', { verdict: 'RE', signal: 5 }, 12, 'Caught fatal signal 5'],
    ['a non-zero exit', { verdict: 'RE', exitCode: 3 }, 11, 'Exited with error status 3'],
    // Judge0 has no memory status: a program stopped at its memory limit is a runtime error by how it ended.
    ['MLE by the kernel (SIGKILL)', { verdict: 'MLE', signal: 9 }, 12, 'Memory limit exceeded'],
    ['MLE seen in the runtime (exit 1)', { verdict: 'MLE', exitCode: 1 }, 11, 'Memory limit exceeded'],
    ['MLE as std::bad_alloc (SIGABRT)', { verdict: 'MLE', signal: 6 }, 10, 'Memory limit exceeded'],
    ['too much output', { verdict: 'OLE' }, 8, 'Output limit exceeded'],
    ['a judge error', { verdict: 'JE', judgeError: 'judge: no sandbox' }, 13, 'judge: no sandbox'],
    ['an exec format error', { verdict: 'JE', judgeError: 'judge: Exec format error' }, 14, 'judge: Exec format error'],
    // Given extra time (cpu_extra_time), a run past its limit is still TLE.
    ['OK past the CPU limit', { verdict: 'OK', exitCode: 0, timeMs: 1200 }, 5, 'Time limit exceeded'],
  ];
  for (const [what, outcome, id, message] of cases) {
    it(`${what} → ${id}`, () => {
      const result = done(outcome);
      expect(result.status.id).toBe(id);
      expect(result.message).toBe(message);
    });
  }

  it('In Queue and Processing before the run is done', () => {
    expect(judge0StatusOf('queued', {}, { cpuTimeLimitMs: 1000 }).status.id).toBe(1);
    expect(judge0StatusOf('running', {}, { cpuTimeLimitMs: 1000 }).status.id).toBe(2);
  });

  it('Accepted or Wrong Answer by expected_output', () => {
    const run = { verdict: 'OK' as const, stdout: '1 2\n3\n', timeMs: 1 };
    expect(judge0StatusOf('done', run, { cpuTimeLimitMs: 1000, expectedOutput: '1 2  \n3' }).status.id).toBe(3);
    expect(judge0StatusOf('done', run, { cpuTimeLimitMs: 1000, expectedOutput: '1 2 3' }).status.id).toBe(4);
  });
});

describe('judge0OutputsMatch', () => {
  it('ignores trailing blanks of lines and trailing blank lines, nothing else', () => {
    expect(judge0OutputsMatch('a\nb', 'a \nb\n\n')).toBe(true);
    expect(judge0OutputsMatch('a\nb', ' a\nb')).toBe(false);
    expect(judge0OutputsMatch('a\n\nb', 'a\nb')).toBe(false);
  });
});

describe('fields and encoding', () => {
  it('parses the default set, *, named fields and unknown names', () => {
    expect(parseFields(undefined).fields).toContain('status');
    expect(parseFields('*').fields).toContain('cpu_time_limit');
    expect(parseFields('stdout, nope')).toEqual({ fields: ['stdout'], invalid: ['nope'] });
  });

  it('encodes text fields under base64, and refuses bytes that are not UTF-8 without it', () => {
    const values = { stdout: 'é', time: '0.001', stderr: new NotUtf8(Buffer.from([0xff])) };
    expect(renderSubmission(values, ['stdout', 'time'], true)).toEqual({ stdout: 'w6k=', time: '0.001' });
    expect(renderSubmission(values, ['stdout', 'stderr'], true)).toEqual({ stdout: 'w6k=', stderr: '/w==' });
    expect(renderSubmission(values, ['stdout', 'stderr'], false)).toBeNull();
  });
});

describe('languages', () => {
  it("names a language as Judge0 does, with this host's version", () => {
    const python = { id: 71, language: 'python', name: 'Python' };
    expect(judge0LanguageName(python, 'Python 3.11.2')).toBe('Python (3.11.2)');
    const cpp = { id: 54, language: 'cpp', name: 'C++', toolchain: 'GCC' };
    expect(judge0LanguageName(cpp, 'g++ (Debian 12.2.0-14) 12.2.0')).toBe('C++ (GCC 12.2.0)');
    expect(judge0LanguageName(cpp, null)).toBe('C++ (GCC)');
    expect(languageOfJudge0Id(54)).toBe('cpp');
    expect(languageOfJudge0Id(53)).toBe('cpp');
    expect(languageOfJudge0Id(70)).toBeUndefined();
  });
});

describe('shellWords', () => {
  it('splits as a shell would, without expansion', () => {
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g $HOME`)).toEqual(['a', 'b c', 'd "e"', 'f g', '$HOME']);
    expect(shellWords(`'open`)).toBeNull();
    expect(shellWords('')).toEqual([]);
  });
});
