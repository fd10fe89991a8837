/** Injection tokens for infrastructure made before Nest starts. */
export const LANGUAGES = Symbol('LANGUAGES');
export const PACKAGE_STORE = Symbol('PACKAGE_STORE');
export const JUDGE_QUEUE = Symbol('JUDGE_QUEUE');
export const STATEMENT_FILE_STORE = Symbol('STATEMENT_FILE_STORE');
