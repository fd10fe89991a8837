import type { JudgeResult } from '@judge/contract';
import { isPackageError } from '@judge/problem-package';

/**
 * The three kinds of failure (Hydro's split): the submission's fault (a bad request of its own doing, or a
 * verdict), the problem's fault (a broken package) and the judge's fault (everything else). They are told apart
 * here, by `faultOf`, and caught in one place at the top of a judgement (`JudgeEngine.judge`), which turns them
 * into a result with `failedJudgement`.
 */

/**
 * The caller asked for something impossible: unknown language, source too large or not text, a language the
 * problem does not take, files whose names, kinds or number a submission may not have.
 */
export class JudgeRequestError extends Error {
  constructor(
    readonly code:
      | 'UNKNOWN_LANGUAGE'
      | 'LANGUAGE_UNAVAILABLE'
      | 'SOURCE_TOO_LARGE'
      | 'SOURCE_NOT_TEXT'
      | 'SOURCE_UNREADABLE'
      | 'FILES_INVALID'
      | 'LANGUAGE_NOT_ALLOWED'
      /** A submit-answer problem's answers that cannot be judged: two for one test, links, too many files. */
      | 'ANSWERS_INVALID'
      /** A program for a submit-answer problem, whose submissions are answers (or answers for any other). */
      | 'ANSWERS_EXPECTED',
    message: string,
  ) {
    super(message);
    this.name = 'JudgeRequestError';
  }
}

/** The problem package is broken: a validator that does not compile or crashes, bad flags. Reported as JE. */
export class ProblemFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemFaultError';
  }
}

/** Our own fault: the sandbox failed. Reported as JE; the submission can be rejudged. */
export class JudgeSystemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JudgeSystemError';
  }
}

export type Fault = 'submission' | 'problem' | 'judge';

/** Bad requests that are the submission's doing: its author sees why, as a compilation error. */
const SUBMISSION_FAULTS: ReadonlySet<JudgeRequestError['code']> = new Set<JudgeRequestError['code']>([
  'UNKNOWN_LANGUAGE',
  'LANGUAGE_UNAVAILABLE',
  'SOURCE_TOO_LARGE',
  'SOURCE_NOT_TEXT',
  'FILES_INVALID',
  'LANGUAGE_NOT_ALLOWED',
  'ANSWERS_INVALID',
  'ANSWERS_EXPECTED',
]);

/**
 * Whose fault a failure is. A bad request the caller made (a source file it cannot read) is not the
 * submission's; a package that does not load is the problem's; anything unforeseen is ours.
 */
export function faultOf(error: unknown): Fault {
  if (error instanceof JudgeRequestError && SUBMISSION_FAULTS.has(error.code)) return 'submission';
  if (error instanceof ProblemFaultError || isPackageError(error)) return 'problem';
  return 'judge';
}

/**
 * The result of a judgement that failed: CE with the reason as compiler output when the submission is at fault,
 * else JE with the reason for operators (the submission can be rejudged once the package or the judge is fixed).
 */
export function failedJudgement(error: unknown, maxScore: number | null): JudgeResult {
  const message = error instanceof Error ? error.message : String(error);
  const fault = faultOf(error);
  if (fault === 'submission') {
    return { verdict: 'CE', score: 0, maxScore, compileOutput: message, tests: [], groups: [] };
  }
  const judgeError = `${fault === 'problem' ? 'problem package' : 'judge'}: ${message}`;
  return { verdict: 'JE', score: 0, maxScore, compileOutput: '', tests: [], groups: [], judgeError };
}
