/**
 * The three kinds of failure (Hydro's split): the submission's fault is a verdict, not an exception;
 * these are the other two plus bad requests. All are caught in one place at the top of a judgement.
 */

/** The caller asked for something impossible: unknown language, source too large or not text. */
export class JudgeRequestError extends Error {
  constructor(
    readonly code:
      | 'UNKNOWN_LANGUAGE'
      | 'LANGUAGE_UNAVAILABLE'
      | 'SOURCE_TOO_LARGE'
      | 'SOURCE_NOT_TEXT'
      | 'SOURCE_UNREADABLE'
      | 'MULTI_FILE_SOURCE',
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
