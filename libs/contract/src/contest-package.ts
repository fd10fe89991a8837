/**
 * Contest import and export (docs/contests.md, "Import and export"): a contest as a CCS contest package (the layout
 * DOMjudge reads and writes), zipped.
 */

/** Largest contest package upload: its problem packages are in it. */
export const CONTEST_PACKAGE_MAX_BYTES = 512 * 1024 * 1024;

/** One problem of a package that cannot be imported: the file it is in, and what is wrong. */
export interface ContestPackageError {
  /** The package's file, as named in the zip (`teams.json`, `problems/hello/hello.zip`). */
  file: string;
  message: string;
}

/** `details` of a 422 IMPORT_INVALID answer to POST /api/contests/import. */
export interface ContestImportErrors {
  errors: ContestPackageError[];
}

/** An account the import made; its password is shown this once (only its hash is stored). */
export interface ImportedAccount {
  username: string;
  password: string;
  /** The team's name. */
  team: string;
}

export interface ContestImportResult {
  contestId: string;
  title: string;
  /** The contest's problems: made from the package, or an existing problem whose current package is the same. */
  problems: { label: string; problemId: string; created: boolean }[];
  organizations: { created: number; reused: number };
  teams: number;
  /** Stored as judged in the package (verdict, time, score), not run again unless `rejudged`. */
  submissions: number;
  /** Asked for: every submission was then queued to be judged again by the problem's tests. */
  rejudged: boolean;
  createdAccounts: ImportedAccount[];
  /** Usernames of the package's accounts that existed already (kept as they are). */
  reusedAccounts: string[];
  /** What the package says that this judge does not keep (a penalty time other than 20, say). */
  warnings: string[];
}
