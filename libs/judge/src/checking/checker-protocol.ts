import type { Verdict } from '@judge/contract';
import type { RunResult } from '@judge/sandbox';
import { ProblemFaultError } from '../errors';
import { describeRun } from '../verdict-mapping';

/**
 * How the judge talks to a checker: how it is called for one test and what its run means. Each protocol is one
 * file (`default-protocol.ts`, `kattis-protocol.ts`, `testlib-protocol.ts`); where the checker runs (in this
 * process, or a package's program in its box) is not the protocol's business. A new protocol is a new file
 * and a line in `protocols.ts`.
 */
export interface CheckerProtocol {
  readonly name: string;
  /** How the checker gets the contestant's output: on its stdin, or as the file at `paths.output`. */
  readonly outputVia: 'stdin' | 'file';
  /**
   * Files of the feedback folder the outcome reads. When there are any, the folder is emptied before each run
   * and these are read after it.
   */
  readonly feedbackFiles: readonly string[];
  /** Arguments after the checker's own command, to check one contestant output. */
  readonly checkerArgs: (paths: CheckerPaths, flags: readonly string[]) => string[];
  /**
   * Arguments of the checker run as an interactor: its stdin is the submission's stdout and its stdout the
   * submission's stdin. Absent when the protocol has no interactors.
   */
  readonly interactorArgs?: (paths: CheckerPaths, flags: readonly string[]) => string[];
  /** What a finished run says; throws ProblemFaultError when it says nothing a judge can use (a crash, a bad score). */
  readonly outcome: (result: CheckerResult, context: OutcomeContext) => CheckOutcome;
}

/** A test's files as the checker sees them. */
export interface CheckerPaths {
  input: string;
  answer: string;
  /** The contestant's output when the protocol takes it as a file; a testlib interactor writes its log there. */
  output: string;
  /** The feedback folder, with a trailing slash. */
  feedbackDir: string;
}

/** What a checker left behind. */
export interface CheckerResult {
  /** Its run; the built-in checker reports as if it were a program. */
  run: RunResult;
  /** The protocol's feedback files that the checker wrote, by name (each at most FEEDBACK_BYTES). */
  feedback: ReadonlyMap<string, Buffer>;
  /** Multi-pass problems: the `nextpass.in` the validator wrote, the input of another pass. */
  nextPass?: Buffer;
}

export interface OutcomeContext {
  /** A scoring problem: partial points count. */
  scoring: boolean;
  /** What the checker was doing, for messages. */
  role: 'checker' | 'interactor';
}

export interface CheckOutcome {
  verdict: Verdict;
  /** Score reported by the checker (Kattis score.txt, testlib points), else null. */
  score: number | null;
  feedback: string;
  /** Multi-pass problems: the validator asks for another pass with this input (set beside the protocol). */
  nextPass?: Buffer;
}

/** The most read of each feedback file and of a checker's stderr. */
export const FEEDBACK_BYTES = 64 * 1024;

/** A checker that ended in a way its protocol gives no meaning to: the package's fault. */
export function checkerFailure(run: RunResult, what: string): ProblemFaultError {
  const stderr = run.stderr.toString('utf8').trim().slice(0, 2000);
  const how = run.status === 'nonzero-exit' ? `exited with ${run.exitCode}` : describeRun(run);
  return new ProblemFaultError(`${what} ${how}${stderr ? `: ${stderr}` : ''}`);
}

/** A feedback file as trimmed text; '' when the checker wrote none. */
export function feedbackText(result: CheckerResult, name: string): string {
  return result.feedback.get(name)?.toString('utf8').trim() ?? '';
}
