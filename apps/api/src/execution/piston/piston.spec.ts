import { describe, expect, it } from 'vitest';
import type { RunView } from '@judge/contract';
import { parseExecuteRequest, parseLimits } from './piston-request';
import { pistonResult, runLimitsOf, signalName } from './piston-result';
import { semverOf } from './piston-runtimes';

const settings = { RUN_MAX_TIME_MS: 10_000, RUN_MAX_MEMORY_KB: 1_048_576 };

describe('versions of toolchains as semver', () => {
  it.each([
    ['x86_64-linux-gnu-gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0', '12.2.0'],
    ['Python 3.11.2', '3.11.2'],
    ['v20.20.2', '20.20.2'],
    ['go version go1.19.8 linux/amd64', '1.19.8'],
    ['info: kotlinc-jvm 1.3-SNAPSHOT (JRE 17.0.15+6-Debian-1deb12u1)', '1.3.0'],
    ['Mono JIT compiler version 6.8.0.105 (Debian 6.8.0.105+dfsg-3.3)', '6.8.0'],
    ['dash 0.5.12-2', '0.5.12'],
    ['something 7', '7.0.0'],
    ['', '0.0.0'],
  ])('%s is %s', (line, version) => {
    expect(semverOf(line)).toBe(version);
  });
});

describe('an execute request', () => {
  it('decodes files, ends stdin with a newline and defaults args, as Piston does', () => {
    const request = parseExecuteRequest({
      language: 'py',
      version: '3.x',
      files: [
        { content: 'print(1)' },
        { name: 'a.txt', content: Buffer.from('é').toString('base64'), encoding: 'base64' },
      ],
      stdin: 'x',
    });
    expect(request).toMatchObject({
      files: [{ content: 'print(1)' }, { name: 'a.txt', content: 'é' }],
      stdin: 'x\n',
      args: [],
    });
  });

  it('refuses a file that is not text once decoded', () => {
    expect(() =>
      parseExecuteRequest({ language: 'c', version: '*', files: [{ content: 'ff00fe', encoding: 'hex' }] }),
    ).toThrow('files[0].content is not UTF-8 text once decoded from hex');
  });

  it("checks limits against the server's maxima in Piston's words; -1 memory is the default", () => {
    expect(parseLimits({ run_memory_limit: -1, compile_memory_limit: -1, run_timeout: 0 }, settings)).toEqual({});
    expect(() => parseLimits({ compile_timeout: 120_001 }, settings)).toThrow(
      'compile_timeout cannot exceed the configured limit of 120000',
    );
    expect(() => parseLimits({ run_cpu_time: -5 }, settings)).toThrow('run_cpu_time must be non-negative');
    expect(() => parseLimits({ run_memory_limit: '1' }, settings)).toThrow(
      'If specified, run_memory_limit must be a number',
    );
  });

  it('becomes run limits in ms and KiB; a wall clock alone lowers the CPU time to it', () => {
    expect(runLimitsOf({ runTimeoutMs: 500, runMemoryBytes: 1_000_000, compileTimeoutMs: 10_000 }, 2000)).toEqual({
      timeMs: 500,
      wallTimeMs: 500,
      memoryKb: 977,
      compileWallTimeMs: 10_000,
    });
    expect(runLimitsOf({ runTimeoutMs: 3000 }, 2000)).toEqual({ timeMs: 2000, wallTimeMs: 3000 });
    expect(runLimitsOf({}, 2000)).toEqual({});
  });
});

describe('a run as a Piston result', () => {
  const runtime = { language: 'c++', version: '12.2.0' };
  const done: RunView = {
    id: 'r',
    status: 'done',
    language: 'cpp',
    createdAt: '',
    finishedAt: '',
    verdict: 'OK',
    compileOutput: 'warning: w',
    stdout: 'out',
    stderr: 'err',
    exitCode: 0,
    signal: null,
    timeMs: 3,
    wallMs: 5,
    memoryKb: 2,
  };

  it('has both stages for a compiled language, output as stdout then stderr', () => {
    expect(pistonResult(done, runtime, true)).toEqual({
      language: 'c++',
      version: '12.2.0',
      compile: {
        stdout: '',
        stderr: 'warning: w',
        output: 'warning: w',
        code: 0,
        signal: null,
        status: null,
        message: null,
      },
      run: {
        stdout: 'out',
        stderr: 'err',
        output: 'outerr',
        code: 0,
        signal: null,
        status: null,
        message: null,
        cpu_time: 3,
        wall_time: 5,
        memory: 2048,
      },
    });
    expect(pistonResult(done, runtime, false).compile).toBeUndefined();
  });

  it('names the signals and statuses of programs that fail', () => {
    expect(pistonResult({ ...done, verdict: 'TLE', signal: 9, exitCode: null }, runtime, false).run).toMatchObject({
      code: null,
      signal: 'SIGKILL',
      status: 'TO',
    });
    expect(pistonResult({ ...done, verdict: 'RE', signal: 11, exitCode: null }, runtime, false).run).toMatchObject({
      code: null,
      signal: 'SIGSEGV',
      status: 'SG',
    });
    expect(pistonResult({ ...done, verdict: 'RE', exitCode: 2 }, runtime, false).run).toMatchObject({
      code: 2,
      signal: null,
      status: 'RE',
    });
    expect(signalName(15)).toBe('SIGTERM');
  });

  it('shows a compile error as the compile stage and again as run; a stopped compiler as killed', () => {
    const failed = pistonResult({ ...done, verdict: 'CE', compileOutput: 'error: x' }, runtime, true);
    expect(failed.compile).toMatchObject({ stderr: 'error: x', code: 1, status: 'RE' });
    expect(failed.run).toEqual(failed.compile);
    const stopped = pistonResult(
      { ...done, verdict: 'CE', compileOutput: 'compiler stopped: wall time limit exceeded (100 ms)' },
      runtime,
      true,
    );
    expect(stopped.compile).toMatchObject({ code: null, signal: 'SIGKILL', status: 'TO' });
    // An interpreted language's syntax error is its run's, as the interpreter would report it.
    const script = pistonResult({ ...done, verdict: 'CE', compileOutput: 'SyntaxError' }, runtime, false);
    expect(script).toEqual({ ...runtime, run: expect.objectContaining({ stderr: 'SyntaxError', code: 1 }) as object });
  });
});
