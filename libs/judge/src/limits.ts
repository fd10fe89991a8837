import { KiB, MiB, mibToBytes, type RunLimitsSpec } from '@judge/contract';
import type { ProblemLimits, ProblemPackage } from '@judge/problem-package';
import type { RunLimits } from '@judge/sandbox';

/**
 * Every limit of a judgement's runs, from one place: the problem's limits (problem.yaml `limits`, in seconds
 * and MiB, defaults from the spec) and the time limit in force (ms) become the RunLimits the sandbox takes
 * (ms and bytes, units in the names).
 *
 * | run         | CPU time         | wall time                  | memory             | stack     | stdout / largest file                 | processes           | open files |
 * | ----------- | ---------------- | -------------------------- | ------------------ | --------- | ------------------------------------- | ------------------- | ---------- |
 * | compile     | compilation_time | 2 × CPU                    | compilation_memory | unlimited | 64 KiB / compilation_memory           | max(language's, 64) | 512        |
 * | test        | time limit       | 1.5 × CPU + 1 s            | memory             | unlimited | output / max(output, 16 MiB)          | language's (16)     | 256        |
 * | interactive | time limit       | 2 × CPU + 1 s              | memory             | unlimited | output / max(output, 16 MiB)          | language's (16)     | 256        |
 * | validator   | validation_time  | 1.5 × CPU + 1 s            | validation_memory  | unlimited | validation_output / validation_output | 32                  | 64         |
 * | multi-pass  | each pass is a test run (and a validator run) with the limits above; at most validation_passes passes     |
 * |             | (default 2); a pass's input (nextpass.in) is at most validation_output                                  |
 * | submit-answer | nothing runs but the validator; each answer at most output (else OLE), at most 10 000 files, a     |
 * |             | zip's answers at most 256 MiB inflated                                                                  |
 *
 * In an interactive test the submission runs with the interactive row, the interactor beside it with the
 * validator's, but a wall clock of at most the submission's + 1 s. Stderr keeps 64 KiB in every run (more is discarded, never fatal). Validators are compiled with
 * the compile limits. A submission's box holds max(256 MiB, compilation_memory).
 *
 * Wall time catches programs that sleep or block; a run killed by it is TLE. The factors and the extra second
 * of start-up of a judged run are the judge's settings (`WallTimePolicy`: JUDGE_WALL_TIME_FACTOR,
 * JUDGE_INTERACTIVE_WALL_TIME_FACTOR, JUDGE_WALL_TIME_EXTRA_MS, the command line's `--wall-time-factor`); the
 * numbers above are the defaults. An interactive submission also waits for its interactor, hence its larger
 * factor. A validator's clock always uses the defaults.
 *
 * The stack has no rlimit (see docs/security-model.md, "Stacks"): the main thread's stack grows until the memory
 * limit stops it, and threads get glibc's default (2 MiB on x86-64), as under DOMjudge and isolate. An rlimit
 * would also become every thread's stack: glibc sizes threads by RLIMIT_STACK at start.
 *
 * A compiler may write files as large as its memory (tmpfs pages count against the memory of the run that
 * writes them, so its memory bounds them anyway): a program with a static array larger than the test's memory
 * limit compiles, and fails when it runs (MLE when it touches the array, as on DOMjudge).
 *
 * The sandbox turns these into what the kernel takes: RLIMIT_CPU in whole seconds (ceil(CPU / 1 s) + 1, a
 * backstop behind its own CPU watch) and cgroup limits.
 *
 * The time limit in force is, in order: a value given for the judgement (the command line's `--time-limit`, or
 * the API's, which sends the package's written or derived limit with every job); problem.yaml `time_limit`;
 * `.timelimit`; derived from `submissions/accepted` (problemtools' formula, `deriveTimeLimitMs`); else 1 s.
 */

/** When a package neither writes a time limit nor has accepted submissions to derive one from. */
export const DEFAULT_TIME_LIMIT_MS = 1000;

/** Processes of a test run when the language does not say (threads count). */
const DEFAULT_PROCESSES = 16;
const STDERR_BYTES = 64 * KiB;
const COMPILE_OUTPUT_BYTES = 64 * KiB;
/** The least a submission's box holds (the source, the program, what a test run writes in /tmp). */
const MIN_BOX_BYTES = 256 * MiB;
/** A test's files may exceed its output limit a little (temporary files); never below 16 MiB. */
const MIN_TEST_FILE_BYTES = 16 * MiB;

/** The limits a compiler runs with; the language adds its process count (see `compileRunLimits`). */
export interface CompileLimits {
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
}

/** How long a judged run may take on the wall clock: a factor of its CPU limit, and time to start. */
export interface WallTimePolicy {
  /** Times the CPU limit of a test (and of a validator, always the default). */
  factor: number;
  /** Times the time limit of an interactive problem's submission, which also waits for its interactor. */
  interactiveFactor: number;
  /** Added to every judged run: start-up (a JVM, the sandbox). */
  extraMs: number;
}

/** 1.5 × the limit + 1 s (2 × for interactive problems). DOMjudge allows the limit + max(1 s, 10 %). */
export const DEFAULT_WALL_TIME: Readonly<WallTimePolicy> = { factor: 1.5, interactiveFactor: 2, extraMs: 1000 };

/**
 * The clock of a run that is judged (a test, a validator). An interactive submission never gets less than a
 * test would.
 */
export function judgedWallTimeMs(
  cpuTimeMs: number,
  policy: Readonly<WallTimePolicy> = DEFAULT_WALL_TIME,
  interactive = false,
): number {
  const factor = interactive ? Math.max(policy.factor, policy.interactiveFactor) : policy.factor;
  return Math.ceil(cpuTimeMs * factor) + policy.extraMs;
}

/** The clock of a compiler: twice its CPU time. */
export function compileWallTimeMs(cpuTimeMs: number): number {
  return cpuTimeMs * 2;
}

/** Compiling a submission or a validator: problem.yaml `compilation_time` and `compilation_memory`. */
export function compileLimits(limits: ProblemLimits): CompileLimits {
  const cpuTimeMs = limits.compilationTimeS * 1000;
  return {
    cpuTimeMs,
    wallTimeMs: compileWallTimeMs(cpuTimeMs),
    memoryBytes: mibToBytes(limits.compilationMemoryMb),
  };
}

/**
 * Limits for compilers: generous in time and memory, small in output; never a hang (#include </dev/random>).
 * Object files and programs may be as large as the compiler's memory (a static array's initial values are in
 * them): the box's tmpfs pages count against that memory, so it bounds them anyway.
 */
export function compileRunLimits(limits: CompileLimits, processes: number): RunLimits {
  return {
    cpuTimeMs: limits.cpuTimeMs,
    wallTimeMs: limits.wallTimeMs,
    memoryBytes: limits.memoryBytes,
    processes: Math.max(processes, 64),
    stdoutBytes: COMPILE_OUTPUT_BYTES,
    stderrBytes: COMPILE_OUTPUT_BYTES,
    fileSizeBytes: limits.memoryBytes,
    openFiles: 512,
  };
}

/**
 * The size of a submission's box (a tmpfs: a bound, not memory set aside): room for what its compiler may
 * write, an object file and the program, at least 256 MiB.
 */
export function submissionBoxBytes(limits: ProblemLimits): number {
  return Math.max(MIN_BOX_BYTES, mibToBytes(limits.compilationMemoryMb));
}

/** What a test run's wall clock depends on besides the time limit. */
export interface TestRunOptions {
  /** The language's processes (default 16). */
  processes?: number;
  wallTime?: Readonly<WallTimePolicy>;
  /** A submission of an interactive problem (its clock uses the interactive factor). */
  interactive?: boolean;
}

/**
 * One test run of a submission: the time limit in force, problem.yaml `memory` and `output`. No stack limit
 * (see above). `options` may be the language's process count alone.
 */
export function testRunLimits(
  limits: ProblemLimits,
  timeLimitMs: number,
  options: number | TestRunOptions = {},
): RunLimits {
  const { processes, wallTime, interactive } = typeof options === 'number' ? { processes: options } : options;
  const outputBytes = mibToBytes(limits.outputMb);
  return {
    cpuTimeMs: timeLimitMs,
    wallTimeMs: judgedWallTimeMs(timeLimitMs, wallTime, interactive),
    memoryBytes: mibToBytes(limits.memoryMb),
    processes: processes ?? DEFAULT_PROCESSES,
    stdoutBytes: outputBytes,
    stderrBytes: STDERR_BYTES,
    fileSizeBytes: Math.max(outputBytes, MIN_TEST_FILE_BYTES),
    openFiles: 256,
  };
}

/** An output validator or an interactor: problem.yaml `validation_time`, `validation_memory`, `validation_output`. */
export function validatorRunLimits(limits: ProblemLimits): RunLimits {
  const cpuTimeMs = limits.validationTimeS * 1000;
  const outputBytes = mibToBytes(limits.validationOutputMb);
  return {
    cpuTimeMs,
    wallTimeMs: judgedWallTimeMs(cpuTimeMs),
    memoryBytes: mibToBytes(limits.validationMemoryMb),
    processes: 32,
    stdoutBytes: outputBytes,
    stderrBytes: STDERR_BYTES,
    fileSizeBytes: outputBytes,
    openFiles: 64,
  };
}

/**
 * The largest `nextpass.in` a multi-pass validator may hand to the next pass: what it may write at all
 * (validation_output). Each pass then runs with the test limits of its own (`testRunLimits`), as the spec says.
 */
export function nextPassBytes(limits: ProblemLimits): number {
  return mibToBytes(limits.validationOutputMb);
}

/**
 * A submit-answer submission: each answer is held to the output limit (a larger one is OLE, as a program's output
 * would be), a folder or zip of answers to 10 000 files, and a zip's answers to 256 MiB in all once inflated.
 */
export function answerLimits(limits: ProblemLimits): { answerBytes: number; maxFiles: number; zipBytes: number } {
  return { answerBytes: mibToBytes(limits.outputMb), maxFiles: 10_000, zipBytes: 256 * MiB };
}

/** How long an interactor may run past its submission's wall limit: to read the end of its output and decide. */
const INTERACTOR_GRACE_MS = 1000;

/**
 * The interactor of an interactive test: a validator's limits, but it runs beside the submission, so its wall
 * clock is bounded by the submission's too. An interactor that waits on a submission that never writes, or
 * works through a backlog, cannot keep the test going past the submission's limits.
 */
export function interactorRunLimits(limits: ProblemLimits, submission: Pick<RunLimits, 'wallTimeMs'>): RunLimits {
  const validator = validatorRunLimits(limits);
  return { ...validator, wallTimeMs: Math.min(validator.wallTimeMs, submission.wallTimeMs + INTERACTOR_GRACE_MS) };
}

/** An interactive test: the submission as in any test, the interactor beside it (`interactorRunLimits`). */
export function interactiveRunLimits(
  limits: ProblemLimits,
  timeLimitMs: number,
  processes?: number,
  wallTime?: Readonly<WallTimePolicy>,
): { submission: RunLimits; interactor: RunLimits } {
  const submission = testRunLimits(limits, timeLimitMs, { processes, wallTime, interactive: true });
  return { submission, interactor: interactorRunLimits(limits, submission) };
}

/**
 * True when the time limit must be derived from the package's accepted submissions: the package writes none
 * (problem.yaml `time_limit`, `.timelimit`), has accepted submissions to measure, and runs programs (a
 * submit-answer problem's submissions are answers).
 */
export function needsDerivedTimeLimit(
  problem: Pick<ProblemPackage, 'limits' | 'submissions' | 'submitAnswer'>,
): boolean {
  return (
    !problem.submitAnswer &&
    problem.limits.timeLimitMs === null &&
    problem.submissions.some((s) => s.folder === 'accepted')
  );
}

/**
 * Runs (one program, one input, no problem): the compiler gets a problem's default compile limits
 * (problem-package SYSTEM_DEFAULTS: 60 s, 2 GiB).
 */
export const RUN_COMPILE_LIMITS: Readonly<CompileLimits> = {
  cpuTimeMs: 60_000,
  wallTimeMs: compileWallTimeMs(60_000),
  memoryBytes: 2048 * MiB,
};

/** The compiler of a run: the limits the run asked for (RunLimitsSpec `compile*`), else RUN_COMPILE_LIMITS. */
export function runCompileLimits(limits: RunLimitsSpec): CompileLimits {
  return {
    cpuTimeMs: limits.compileCpuTimeMs ?? RUN_COMPILE_LIMITS.cpuTimeMs,
    wallTimeMs: limits.compileWallTimeMs ?? RUN_COMPILE_LIMITS.wallTimeMs,
    memoryBytes: limits.compileMemoryBytes ?? RUN_COMPILE_LIMITS.memoryBytes,
  };
}

/** A run's box: room for what its compiler may write, as a submission's (`submissionBoxBytes`). */
export function runBoxBytes(): number {
  return Math.max(MIN_BOX_BYTES, RUN_COMPILE_LIMITS.memoryBytes);
}

/**
 * The program of a run: the limits asked for (already defaulted and capped by the API), stdout up to its
 * output limit (more is OLE), the rest as a test run's.
 */
export function programRunLimits(limits: RunLimitsSpec, processes?: number): RunLimits {
  return {
    cpuTimeMs: limits.cpuTimeMs,
    wallTimeMs: limits.wallTimeMs,
    memoryBytes: limits.memoryBytes,
    // The run's own stack, process and file size limits when it asks for them (the Judge0 face's).
    ...(limits.stackBytes === undefined ? {} : { stackBytes: limits.stackBytes }),
    processes: limits.processes ?? processes ?? DEFAULT_PROCESSES,
    stdoutBytes: limits.outputBytes,
    stderrBytes: STDERR_BYTES,
    fileSizeBytes: limits.fileSizeBytes ?? Math.max(limits.outputBytes, MIN_TEST_FILE_BYTES),
    openFiles: 256,
  };
}
