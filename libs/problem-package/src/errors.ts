/** Stable identifiers of everything that can be wrong with a problem package; callers switch on these, not on messages. */
export type PackageErrorCode =
  | 'PACKAGE_NOT_FOUND'
  | 'PACKAGE_UNREADABLE'
  | 'PROBLEM_YAML_MISSING'
  | 'PROBLEM_YAML_INVALID'
  | 'PROBLEM_XML_INVALID'
  | 'POLYGON_TESTS_NOT_BUILT'
  | 'UNSUPPORTED_CHECKER'
  | 'UNSUPPORTED_FORMAT_VERSION'
  | 'UNSUPPORTED_PROBLEM_TYPE'
  | 'TIMELIMIT_INVALID'
  | 'TESTDATA_MISSING'
  | 'TESTDATA_MISSING_ANSWER'
  | 'TESTDATA_EMPTY'
  | 'TESTDATA_YAML_INVALID'
  | 'UNSUPPORTED_GRADING'
  | 'VALIDATOR_MISSING'
  | 'SUBMISSION_EXPECTED_INVALID'
  | 'SUBMISSIONS_YAML_INVALID'
  | 'SYMLINK_OUTSIDE_PACKAGE'
  | 'SYMLINK_LOOP'
  | 'ZIP_INVALID'
  | 'ZIP_UNSAFE_ENTRY'
  | 'ZIP_TOO_LARGE';

/** Bad input in a problem package: the message names the file (and the field or zip entry) at fault. */
export class PackageError extends Error {
  override readonly name = 'PackageError';

  constructor(
    readonly code: PackageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isPackageError(error: unknown): error is PackageError {
  return error instanceof PackageError;
}

/** Node's system errors (ENOENT, EACCES, ...) carry a string `code`. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
