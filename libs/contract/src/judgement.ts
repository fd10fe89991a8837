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
   * Multi-pass problems: how many times the submission ran on this test (the verdict and feedback are the last
   * run's; the time and memory the largest of one run, each run having the full limits).
   */
  passes?: number;
}

/** How much of a sample test's output a result keeps. */
export const SAMPLE_OUTPUT_BYTES = 64 * 1024;

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
