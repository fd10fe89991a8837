import { describe, expect, it } from 'vitest';
import type { PackageSubmission, ProblemLimits } from '@judge/problem-package';
import {
  compileLimits,
  compileRunLimits,
  interactiveRunLimits,
  needsDerivedTimeLimit,
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
  it('a test: the time limit as CPU, 2 × it + 1 s as wall, memory and output in bytes', () => {
    expect(testRunLimits(LIMITS, 2000, 4)).toEqual({
      cpuTimeMs: 2000,
      wallTimeMs: 5000, // 2 × 2000 + 1000
      memoryBytes: 256 * MiB,
      processes: 4,
      stdoutBytes: 8 * MiB,
      stderrBytes: 65536,
      fileSizeBytes: 16 * MiB, // max(8 MiB of output, 16 MiB)
      openFiles: 256,
    });
  });

  it('a test: 16 processes when the language does not say; files may grow to the output limit above 16 MiB', () => {
    const run = testRunLimits({ ...LIMITS, outputMb: 64 }, 1500);
    expect(run.processes).toBe(16);
    expect(run.wallTimeMs).toBe(4000); // 2 × 1500 + 1000
    expect(run.stdoutBytes).toBe(64 * MiB);
    expect(run.fileSizeBytes).toBe(64 * MiB);
  });

  it('compiling: compilation_time as CPU, twice it as wall (no extra second), compilation_memory', () => {
    const compile = compileLimits({ ...LIMITS, compilationTimeS: 30, compilationMemoryMb: 1024 });
    expect(compile).toEqual({ cpuTimeMs: 30_000, wallTimeMs: 60_000, memoryBytes: 1024 * MiB });
    expect(compileRunLimits(compile, 8)).toEqual({
      ...compile,
      processes: 64, // at least 64: compiler drivers start several programs
      stdoutBytes: 65536,
      stderrBytes: 65536,
      fileSizeBytes: 256 * MiB,
      openFiles: 512,
    });
    expect(compileRunLimits(compile, 200).processes).toBe(200);
  });

  it('a validator: validation_time as CPU, 2 × it + 1 s as wall, validation_memory and validation_output', () => {
    expect(
      validatorRunLimits({ ...LIMITS, validationTimeS: 5, validationMemoryMb: 512, validationOutputMb: 2 }),
    ).toEqual({
      cpuTimeMs: 5000,
      wallTimeMs: 11_000, // 2 × 5000 + 1000
      memoryBytes: 512 * MiB,
      processes: 32,
      stdoutBytes: 2 * MiB,
      stderrBytes: 65536,
      fileSizeBytes: 2 * MiB,
      openFiles: 64,
    });
  });

  it('an interactive test: the submission as a test, the interactor as a validator', () => {
    expect(interactiveRunLimits(LIMITS, 1000, 2)).toEqual({
      submission: testRunLimits(LIMITS, 1000, 2),
      interactor: validatorRunLimits(LIMITS),
    });
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
    expect(needsDerivedTimeLimit({ limits: LIMITS, submissions: [wrong, accepted] })).toBe(true);
    expect(needsDerivedTimeLimit({ limits: LIMITS, submissions: [wrong] })).toBe(false);
    const written = { ...LIMITS, timeLimitMs: 1000, timeLimitSource: '.timelimit' as const };
    expect(needsDerivedTimeLimit({ limits: written, submissions: [accepted] })).toBe(false);
  });
});
