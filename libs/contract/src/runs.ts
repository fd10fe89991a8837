import type { SubmissionFile } from './submission-files';

/**
 * Runs: one program, one input, no problem (POST /api/runs). The request and view types live here, for the API,
 * the runners and the faces built on them (Judge0, Piston).
 */

/** What a run ended as: a closed set, as verdicts are (OK where a submission would go to its validator). */
export const RUN_VERDICTS = ['OK', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'JE'] as const;
export type RunVerdict = (typeof RUN_VERDICTS)[number];

/** Lifecycle of a run as users see it. */
export const RUN_STATUSES = ['queued', 'running', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Characters of stdout, stderr and compiler output a run returns by default (Piston's `output_max_size`). */
export const DEFAULT_RUN_OUTPUT_CHARS = 65_536;

/** Limits a caller may ask for; each defaults to the language's and is capped by the server's settings. */
export interface RunLimitsInput {
  /** CPU time of the run, in ms. */
  timeMs?: number;
  /** Wall-clock time of the run, in ms. */
  wallTimeMs?: number;
  memoryKb?: number;
  /** Bytes the program may write to stdout; more is OLE. */
  outputKb?: number;
  /** CPU time of the compiler, in ms (default and maximum: RUN_COMPILE_LIMITS in libs/judge, 60 s). */
  compileTimeMs?: number;
  /** Wall-clock time of the compiler, in ms (default and maximum 120 s). */
  compileWallTimeMs?: number;
  /** Memory of the compiler (default and maximum 2 GiB). */
  compileMemoryKb?: number;
}

/** POST /api/runs. `source` or `files` (as a submission's). */
export interface RunRequest {
  language: string;
  source?: string;
  files?: SubmissionFile[];
  /** The file (or class) that starts a program of several files. */
  entryPoint?: string;
  stdin?: string;
  args?: string[];
  limits?: RunLimitsInput;
}

/** The limits a run ran with, all set: what the runner receives. */
export interface RunLimitsSpec {
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
  /** Bytes of stdout the program may write (more is OLE). */
  outputBytes: number;
  /** Characters of each of stdout, stderr and compiler output returned; the rest is cut and the cut reported. */
  outputChars: number;
  /**
   * The compiler's limits, when the caller asked for them (Piston's compile_timeout, compile_memory_limit); each
   * absent one is the runner's default (RUN_COMPILE_LIMITS). Absent from jobs of APIs that predate them.
   */
  compileCpuTimeMs?: number;
  compileWallTimeMs?: number;
  compileMemoryBytes?: number;
  /** RLIMIT_STACK of the program; unset: unlimited (limits.ts). */
  stackBytes?: number;
  /** Processes and threads of the program; unset: the language's. */
  processes?: number;
  /** Largest file the program may write; unset: a test run's. */
  fileSizeBytes?: number;
}

/**
 * How a run is compiled and run beyond its limits (the Judge0 face's settings); each optional, absent is the
 * usual. Kept with the run and sent with its job.
 */
export interface RunSettings {
  /** Flags added after the language's compile command, each allowed by languages.yaml `compilerOptions`. */
  compilerOptions?: string[];
  /** The program's stderr goes to its stdout (interleaved, as a shell's `2>&1`). */
  redirectStderrToStdout?: boolean;
  /** A zip archive (base64) whose files are put in the box before the program's (problem-package zip rules). */
  additionalFiles?: string;
  /** Runs of the program (after one compile); time is their average, memory their maximum. */
  numberOfRuns?: number;
  /**
   * False: a language whose compile step only checks the syntax (no artifact: Python, JavaScript, Ruby...) is run
   * without it, and a syntax error comes as the run's own failure, as Piston shows it. Saves one sandboxed start.
   */
  syntaxCheck?: boolean;
}

/** What one run did. */
export interface RunOutcome {
  verdict: RunVerdict;
  compileOutput: string;
  stdout: string;
  stderr: string;
  /** The exit code, when the program exited. */
  exitCode: number | null;
  /** The signal that ended the program, when one did. */
  signal: number | null;
  /** CPU time of the run (not of compiling). */
  timeMs: number;
  wallMs: number;
  memoryKb: number;
  /** Whether stdout, stderr or the compiler's output were cut at `outputChars`. */
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  compileOutputTruncated: boolean;
  /** For JE: what failed. */
  judgeError?: string;
  /** stdout's bytes (base64, cut at `outputChars` bytes) when they are not valid UTF-8: `stdout` then has U+FFFD. */
  stdoutBase64?: string;
  stderrBase64?: string;
}

/** GET /api/runs/:id. The outcome's fields are there once `status` is `done`. */
export interface RunView extends Partial<RunOutcome> {
  id: string;
  status: RunStatus;
  language: string;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * The error code of POST /api/runs (403) while a contest the caller takes part in, or an assignment of a course they
 * study in, is running or open with runs switched off (`runsEnabled: false`); the message names it.
 */
export const RUNS_DISABLED = 'RUNS_DISABLED';

/**
 * Server-sent events of GET /api/runs/:id/events (the SSE event name is `type`): the run's status when the stream
 * opens and as it changes, then `done` with the whole run; the stream ends after it.
 */
export type RunEvent = { type: 'status'; status: 'queued' | 'running' } | { type: 'done'; run: RunView };
