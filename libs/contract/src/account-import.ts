/**
 * Bulk accounts: a CSV of accounts imported in one go (POST /api/admin/users/import by admins,
 * POST /api/courses/:id/students/import by a course's teachers). All or nothing: a file with any bad line is
 * refused whole (422 IMPORT_INVALID, every bad line in `details.errors`).
 */

/** The most accounts one file may hold (each password is hashed with argon2id: about 10 ms each). */
export const ACCOUNT_IMPORT_MAX_ROWS = 2000;

/** The most bytes of CSV one import takes. */
export const ACCOUNT_IMPORT_MAX_BYTES = 1024 * 1024;

/** The columns a file may have (headers compared case-insensitively; `_` and `-` read as spaces). */
export const ACCOUNT_IMPORT_COLUMNS = [
  'username',
  'display name',
  'email',
  'course',
  'password',
  'team',
  'affiliation',
  'country',
  'location',
] as const;
export type AccountImportColumn = (typeof ACCOUNT_IMPORT_COLUMNS)[number];

/**
 * What a line naming an account that exists already means: `refuse` (the default) is an error, a duplicate;
 * `enrol` enrols that account into the line's course as a student and changes nothing else of it.
 */
export type ExistingAccounts = 'refuse' | 'enrol';

export interface AccountImportRequest {
  csv: string;
  existing?: ExistingAccounts;
  /** An admin's import only: the team contest whose teams the `team` column names (they are made there). */
  contestId?: string;
}

/** One problem of a refused file: `line` counts from 1 (the header); `field` is the column, null for the line. */
export interface ImportLineError {
  line: number;
  field: AccountImportColumn | null;
  message: string;
}

/** `details` of a 422 IMPORT_INVALID. */
export interface AccountImportErrors {
  errors: ImportLineError[];
}

export interface ImportedCourse {
  id: string;
  title: string;
}

/** An account the import made: its password is shown this once (generated ones are never stored in clear). */
export interface CreatedAccount {
  line: number;
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  password: string;
  /** True when the file left the password empty and the judge chose it. */
  generated: boolean;
  course: ImportedCourse | null;
  /** The team it joined (an import into a team contest), or null. */
  team?: string | null;
}

/** An account that existed already, enrolled into a course (`existing: 'enrol'`). */
export interface EnrolledAccount {
  line: number;
  id: string;
  username: string;
  course: ImportedCourse;
}

/** A team an import made in a contest, with its members (new accounts and existing ones). */
export interface ImportedTeam {
  id: string;
  name: string;
  organization: string | null;
  members: string[];
}

export interface AccountImportResult {
  created: CreatedAccount[];
  enrolled: EnrolledAccount[];
  /** Present when the import was into a contest (a `team` column): the teams it made. */
  teams?: ImportedTeam[];
}
