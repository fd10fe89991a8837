import type { JudgeResult, SubmissionFile, TestCaseResult, Verdict } from '@judge/contract';
import type { ProblemPackage } from '@judge/problem-package';

/**
 * A submission to judge: a file or a folder of files on disk, one source in memory with a file name (used for the
 * extension; it is saved under the language's `source` name), or several files in memory, which keep their names.
 */
export type SubmissionSource = { path: string } | { fileName: string; code: string } | { files: SubmissionFile[] };

export interface JudgeRequest {
  problem: ProblemPackage;
  source: SubmissionSource;
  /** Language id (`cpp`, `python`, ...); guessed from the file extensions when absent. */
  language?: string;
  /**
   * The file (or, in Java and Kotlin, the class) that starts a program of several files, as the language's `entry`
   * rule reads it (languages.yaml); found by that rule when absent.
   */
  entryPoint?: string;
  /** Overrides the package's time limit (the command's `--time-limit`). */
  timeLimitMs?: number;
  onProgress?: (event: JudgeEvent) => void;
  /** Aborts the judgement (kills its runs); the result is then JE. */
  signal?: AbortSignal;
  /**
   * What a bad request (unknown language, source too large or not text, unreadable) becomes. `throw` (the
   * default): a JudgeRequestError before anything runs, as the `judge` command wants it (a usage error).
   * `verdict`: a result like every other failure, CE when the submission is at fault (a queued submission).
   */
  onBadRequest?: 'throw' | 'verdict';
}

export type JudgeEvent =
  | { type: 'compile-started'; language: string }
  /** `cached`: the result came from the compile cache, no compiler ran. */
  | { type: 'compile-finished'; ok: boolean; timeMs: number; cached?: boolean }
  | { type: 'test-started'; name: string; group: string; index: number; total: number }
  | { type: 'test-finished'; result: TestCaseResult; index: number; total: number };

export interface VerifyReport {
  submissions: {
    path: string;
    /** Expected verdicts of the whole submission (empty when the package gives none we know). */
    expected: Verdict[];
    /** `@EXPECTED_SCORE@`, or null. */
    expectedScore: number | null;
    result: JudgeResult;
    /**
     * True when the result meets every expectation (verdict, score, submissions.yaml rules), or the submission
     * was skipped, or nothing was expected of it (`warnings` then says why).
     */
    ok: boolean;
    /** Why the result is not as expected, one line per expectation it misses; empty when `ok`. */
    failures: string[];
    /** What the package says about this submission that could not be understood (an unknown tag). */
    warnings: string[];
    /** Why the submission was not judged here (its language is not installed on this host). */
    skipped?: string;
    /**
     * With `requireAllLanguages`: why the submission could not be judged here (its language is unknown or not
     * installed). It is then a failure (`ok` false) rather than a skip.
     */
    unavailable?: string;
  }[];
  /** Time limit used (explicit, or derived from the slowest accepted submission). */
  timeLimitMs: number;
  timeLimitSource:
    'command-line' | 'problem.yaml' | '.timelimit' | 'domjudge-problem.ini' | 'problem.xml' | 'derived' | 'default';
  /** What the package has that the judge reads past or ignores (ProblemPackage.warnings). */
  warnings: string[];
}

export interface LanguageInfo {
  id: string;
  name: string;
  extensions: string[];
  available: boolean;
  /** Why not available (compiler not found), or the toolchain's paths when available. */
  detail: string;
  /** The first line its `versionArgs` print, when asked for (`languageInfo({ versions: true })`) and it ran. */
  version?: string;
}
