import type { SecurityEvent } from './security-events';
import type { Verdict } from './verdict';

/** One test case's outcome, as reported by the engine and stored by the platform. */
export interface TestCaseResult {
  /** Path of the test below `data/` without extension, e.g. `secret/group1/03`. */
  name: string;
  /** Test group path, e.g. `sample`, `secret` or `secret/group1`. */
  group: string;
  verdict: Verdict;
  /** CPU time of all the submission's processes and threads together. */
  timeMs: number;
  wallMs: number;
  /** Peak memory of all the submission's processes together. */
  memoryKb: number;
  /** Score of this test for scoring problems, else null. */
  score: number | null;
  /** Validator or checker message (Kattis teammessage/judgemessage, testlib's message), or how the run ended. */
  feedback: string;
  /** For sample tests of problems that are not interactive: what the program printed, cut at SAMPLE_OUTPUT_BYTES. */
  output?: string;
  /**
   * How the submission's own run ended when no checker judged it (RE): its exit code, or the signal that killed
   * it. `feedback` then describes the run, not a checker's message.
   */
  exitCode?: number;
  signal?: number;
  /** For sample tests of problems that are not interactive, when not empty: what the program wrote to stderr, cut at SAMPLE_STDERR_BYTES. */
  stderr?: string;
  /**
   * Multi-pass problems: how many times the submission ran on this test (the verdict and feedback are the last
   * run's; the time and memory the largest of one run, each run having the full limits).
   */
  passes?: number;
}

/** How much of a sample test's output a result keeps. */
export const SAMPLE_OUTPUT_BYTES = 64 * 1024;

/** How much of a sample test's stderr a result keeps: enough for an exception's message and trace. */
export const SAMPLE_STDERR_BYTES = 4 * 1024;

const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
  31: 'SIGSYS',
};

/** The usual name of a Linux signal (SIGSEGV for 11), when it has one people know. */
export function signalName(signal: number): string | undefined {
  return SIGNAL_NAMES[signal];
}

/** A test group's outcome (scoring problems report one per group). */
export interface TestGroupResult {
  name: string;
  verdict: Verdict;
  score: number;
  maxScore: number | null;
}

export interface JudgeResult {
  verdict: Verdict;
  /** Total score for scoring problems; for pass-fail problems 1 when accepted, else 0. */
  score: number;
  maxScore: number | null;
  compileOutput: string;
  tests: TestCaseResult[];
  groups: TestGroupResult[];
  /** Set when verdict is JE: what went wrong on our side (never blamed on the submission). */
  judgeError?: string;
  /** What the runs did that probes the sandbox (see security-events.ts); absent or empty when nothing. */
  securityEvents?: SecurityEvent[];
}
