import { describe, expect, it } from 'vitest';
import type { PackageSubmission, ProblemLimits } from '@judge/problem-package';
import {
  compileLimits,
  compileRunLimits,
  DEFAULT_WALL_TIME,
  interactiveRunLimits,
  judgedWallTimeMs,
  needsDerivedTimeLimit,
  RUN_COMPILE_LIMITS,
  runCompileLimits,
  submissionBoxBytes,
  testRunLimits,
  validatorRunLimits,
} from './limits';

/** The spec's defaults (as problem.yaml without a `limits` map gives them), with a 256 MiB, 8 MiB problem. */
const LIMITS: ProblemLimits = {
  timeLimitMs: null,
  timeLimitSource: null,
  timeMultiplier: 5,
  timeSafetyMargin: 2,
  timeResolutionS: 1,
  memoryMb: 256,
  outputMb: 8,
  codeKb: 128,
  compilationTimeS: 60,
  compilationMemoryMb: 2048,
  validationTimeS: 60,
  validationMemoryMb: 2048,
  validationOutputMb: 8,
  validationPasses: 2,
};

const MiB = 1048576;

describe('limits of every run, from the problem limits', () => {
  it('a test: the time limit as CPU, 1.5 × it + 1 s as wall, memory and output in bytes, no stack limit', () => {
    const run = testRunLimits(LIMITS, 2000, 4);
    expect(run).toEqual({
      cpuTimeMs: 2000,
      wallTimeMs: 4000, // 1.5 × 2000 + 1000
      memoryBytes: 256 * MiB,
      processes: 4,
      stdoutBytes: 8 * MiB,
      stderrBytes: 65536,
      fileSizeBytes: 16 * MiB, // max(8 MiB of output, 16 MiB)
      openFiles: 256,
    });
    // Unset: unlimited. A limit would become every thread's stack too (glibc sizes threads by it).
    expect(run).not.toHaveProperty('stackBytes');
  });

  it('a test: 16 processes when the language does not say; files may grow to the output limit above 16 MiB', () => {
    const run = testRunLimits({ ...LIMITS, outputMb: 64 }, 1500);
    expect(run.processes).toBe(16);
    expect(run.wallTimeMs).toBe(3250); // 1.5 × 1500 + 1000
    expect(run.stdoutBytes).toBe(64 * MiB);
    expect(run.fileSizeBytes).toBe(64 * MiB);
  });

  it('compiling: compilation_time as CPU, twice it as wall (no extra second), compilation_memory for memory and files', () => {
    const compile = compileLimits({ ...LIMITS, compilationTimeS: 30, compilationMemoryMb: 1024 });
    expect(compile).toEqual({ cpuTimeMs: 30_000, wallTimeMs: 60_000, memoryBytes: 1024 * MiB });
    expect(compileRunLimits(compile, 8)).toEqual({
      ...compile,
      processes: 64, // at least 64: compiler drivers start several programs
      stdoutBytes: 65536,
      stderrBytes: 65536,
      fileSizeBytes: 1024 * MiB, // an initialised static array larger than the test's memory compiles
      openFiles: 512,
    });
    expect(compileRunLimits(compile, 200).processes).toBe(200);
  });

  it('a validator: validation_time as CPU, 1.5 × it + 1 s as wall, validation_memory and validation_output', () => {
    expect(
      validatorRunLimits({ ...LIMITS, validationTimeS: 5, validationMemoryMb: 512, validationOutputMb: 2 }),
    ).toEqual({
      cpuTimeMs: 5000,
      wallTimeMs: 8500, // 1.5 × 5000 + 1000
      memoryBytes: 512 * MiB,
      processes: 32,
      stdoutBytes: 2 * MiB,
      stderrBytes: 65536,
      fileSizeBytes: 2 * MiB,
      openFiles: 64,
    });
  });

  it("an interactive test: the submission with 2 × its time limit + 1 s, the interactor within the submission's clock", () => {
    const { submission, interactor } = interactiveRunLimits(LIMITS, 1000, 2);
    expect(submission).toEqual({ ...testRunLimits(LIMITS, 1000, 2), wallTimeMs: 3000 }); // 2 × 1000 + 1000
    // The validator's own clock (1.5 × 60 s + 1 s) is cut to the submission's wall time and a second more.
    expect(interactor).toEqual({ ...validatorRunLimits(LIMITS), wallTimeMs: submission.wallTimeMs + 1000 });
    expect(testRunLimits(LIMITS, 1000, { processes: 2, interactive: true })).toEqual(
      interactiveRunLimits(LIMITS, 1000, 2).submission,
    );
  });

  it("an interactor keeps its own clock when it is shorter than the submission's", () => {
    const short = { ...LIMITS, validationTimeS: 1 };
    const { submission, interactor } = interactiveRunLimits(short, 10_000);
    expect(interactor.wallTimeMs).toBe(validatorRunLimits(short).wallTimeMs);
    expect(interactor.wallTimeMs).toBeLessThan(submission.wallTimeMs);
  });

  it("a submission's box holds what its compiler may write, at least 256 MiB", () => {
    expect(submissionBoxBytes(LIMITS)).toBe(2048 * MiB);
    expect(submissionBoxBytes({ ...LIMITS, compilationMemoryMb: 128 })).toBe(256 * MiB);
  });
});

describe('the wall clock of judged runs', () => {
  it('defaults to 1.5 × the CPU limit + 1 s, and 2 × + 1 s for an interactive submission', () => {
    expect(DEFAULT_WALL_TIME).toEqual({ factor: 1.5, interactiveFactor: 2, extraMs: 1000 });
    expect(judgedWallTimeMs(5000)).toBe(8500);
    expect(judgedWallTimeMs(5000, DEFAULT_WALL_TIME, true)).toBe(11_000);
  });

  it('kills a 10 s sleep under a 5 s limit (it used to end at 10 s, within 2 × 5 s + 1 s, and be WA)', () => {
    expect(judgedWallTimeMs(5000)).toBeLessThan(10_000);
  });

  it('takes the configured factors and start-up time, rounding up to a whole ms', () => {
    const policy = { factor: 3, interactiveFactor: 4, extraMs: 500 };
    expect(judgedWallTimeMs(1000, policy)).toBe(3500);
    expect(judgedWallTimeMs(1000, policy, true)).toBe(4500);
    expect(judgedWallTimeMs(333, { ...policy, factor: 1.5 })).toBe(1000); // ceil(499.5) + 500
    expect(testRunLimits(LIMITS, 2000, { wallTime: policy }).wallTimeMs).toBe(6500);
    expect(interactiveRunLimits(LIMITS, 2000, undefined, policy).submission.wallTimeMs).toBe(8500);
  });

  it('never gives an interactive submission less than a test, whatever the factors say', () => {
    const policy = { factor: 3, interactiveFactor: 2, extraMs: 1000 };
    expect(judgedWallTimeMs(1000, policy, true)).toBe(judgedWallTimeMs(1000, policy));
  });
});

describe('needsDerivedTimeLimit', () => {
  const nothingElse = { expectedScore: null, expectations: [], language: null, warnings: [] };
  const accepted: PackageSubmission = {
    path: '/p/submissions/accepted/a.py',
    folder: 'accepted',
    expected: ['AC'],
    ...nothingElse,
  };
  const wrong: PackageSubmission = {
    path: '/p/submissions/wrong_answer/w.py',
    folder: 'wrong_answer',
    expected: ['WA'],
    ...nothingElse,
  };

  it('only when the package writes no limit and has an accepted submission to measure', () => {
    expect(needsDerivedTimeLimit({ limits: LIMITS, submissions: [wrong, accepted], submitAnswer: false })).toBe(true);
    expect(needsDerivedTimeLimit({ limits: LIMITS, submissions: [wrong], submitAnswer: false })).toBe(false);
    const written = { ...LIMITS, timeLimitMs: 1000, timeLimitSource: '.timelimit' as const };
    expect(needsDerivedTimeLimit({ limits: written, submissions: [accepted], submitAnswer: false })).toBe(false);
  });

  it('never for a submit-answer problem, whose accepted submissions are answers that do not run', () => {
    expect(needsDerivedTimeLimit({ limits: LIMITS, submissions: [accepted], submitAnswer: true })).toBe(false);
  });
});

describe('the compiler of a run', () => {
  const run = { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 64 << 20, outputBytes: 1024, outputChars: 100 };

  it('gets the run defaults unless the run carries limits of its own (jobs of older APIs carry none)', () => {
    expect(runCompileLimits(run)).toEqual(RUN_COMPILE_LIMITS);
    expect(
      runCompileLimits({ ...run, compileCpuTimeMs: 500, compileWallTimeMs: 900, compileMemoryBytes: 32 << 20 }),
    ).toEqual({ cpuTimeMs: 500, wallTimeMs: 900, memoryBytes: 32 << 20 });
  });
});
