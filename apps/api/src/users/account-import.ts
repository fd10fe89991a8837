import { randomInt } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  ACCOUNT_IMPORT_COLUMNS,
  ACCOUNT_IMPORT_MAX_ROWS,
  COUNTRY_PATTERN,
  TEAM_MAX_MEMBERS,
  type AccountImportColumn,
  type ImportLineError,
} from '@judge/contract';
import { passwordSchema, usernameSchema } from './users.schemas';

/** One account line of an import file, as written (empty cells read as null). */
export interface ImportRow {
  line: number;
  username: string;
  displayName: string | null;
  email: string | null;
  /** A course id or join code, resolved by the service. */
  course: string | null;
  password: string | null;
  /** The team (in the contest imported into) the account joins, with what the line says of it. */
  team: string | null;
  affiliation: string | null;
  /** ISO 3166-1 alpha-3, in capitals. */
  country: string | null;
  location: string | null;
}

/**
 * What the `team` column may hold: `none` without a contest (a team cell is an error), `optional` when an admin
 * imports into a contest, `required` on a contest's team import (every line is a member).
 */
export type TeamColumn = 'none' | 'optional' | 'required';

/** Cells that describe a line's team, checked to agree across its lines. */
const TEAM_DETAILS = ['affiliation', 'country', 'location'] as const;

export interface ParsedImport {
  rows: ImportRow[];
  errors: ImportLineError[];
}

const displayNameSchema = z.string().max(200, 'at most 200 characters');
const emailSchema = z.email('not an email address').max(320);

/** `Display_Name`, `display-name` and `DISPLAY NAME` are one column. */
function columnName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const isColumn = (name: string): name is AccountImportColumn =>
  (ACCOUNT_IMPORT_COLUMNS as readonly string[]).includes(name);

/**
 * Reads an import file and checks what can be checked without the database: the header (required, known columns
 * only, `username` present), each line's fields by the rules of new accounts, duplicate usernames within the file,
 * and the number of lines. Every problem is listed; the service adds those the database finds (existing accounts,
 * unknown courses).
 */
export function parseImport(csv: string, maxRows = ACCOUNT_IMPORT_MAX_ROWS, teams: TeamColumn = 'none'): ParsedImport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // bom: files saved by spreadsheet programs start with one; relax_column_count: a short line is reported below
    // with its line number, beside the other lines' problems, rather than ending the parse. With `info`, each
    // record comes as {record, info}, which the typings do not say.
    records = parse(csv, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      return { rows: [], errors: [{ line, field: null, message: `not readable as CSV: ${error.message}` }] };
    }
    throw error;
  }
  if (records.length === 0) {
    return { rows: [], errors: [{ line: 1, field: null, message: 'the file is empty: a header line is required' }] };
  }

  const errors: ImportLineError[] = [];
  const [header, ...lines] = records;
  const columns = header.record.map(columnName);
  const seen = new Set<string>();
  for (const column of columns) {
    if (!isColumn(column)) {
      errors.push({
        line: header.info.lines,
        field: null,
        message: `unknown column "${column}": the columns are ${ACCOUNT_IMPORT_COLUMNS.join(', ')}`,
      });
    } else if (seen.has(column)) {
      errors.push({ line: header.info.lines, field: column, message: `the column "${column}" appears twice` });
    }
    seen.add(column);
  }
  if (!seen.has('username')) {
    errors.push({ line: header.info.lines, field: 'username', message: 'the column "username" is required' });
  }
  if (teams === 'required' && !seen.has('team')) {
    errors.push({ line: header.info.lines, field: 'team', message: 'the column "team" is required' });
  }
  if (errors.length > 0) return { rows: [], errors };
  if (lines.length === 0) {
    return { rows: [], errors: [{ line: header.info.lines, field: null, message: 'no accounts below the header' }] };
  }
  if (lines.length > maxRows) {
    const line = lines[maxRows].info.lines;
    return { rows: [], errors: [{ line, field: null, message: `at most ${maxRows} accounts in one file` }] };
  }

  const rows: ImportRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of lines) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push({ line, field: null, message: `${record.length} fields where the header has ${columns.length}` });
      continue;
    }
    const cell = (column: AccountImportColumn): string | null => {
      const index = columns.indexOf(column);
      return index >= 0 && record[index] !== '' ? record[index] : null;
    };
    const check = (column: AccountImportColumn, schema: z.ZodType, value: string | null) => {
      if (value === null) return;
      const result = schema.safeParse(value);
      if (!result.success) errors.push({ line, field: column, message: result.error.issues[0].message });
    };
    const username = cell('username');
    if (username === null) errors.push({ line, field: 'username', message: 'required' });
    check('username', usernameSchema, username);
    check('display name', displayNameSchema, cell('display name'));
    check('email', emailSchema, cell('email'));
    check('password', passwordSchema, cell('password'));
    const team = cell('team');
    const country = cell('country')?.toUpperCase() ?? null;
    if (teams !== 'none' && country !== null && !COUNTRY_PATTERN.test(country)) {
      errors.push({ line, field: 'country', message: `"${country}" is not an ISO 3166-1 alpha-3 code (such as SWE)` });
    }
    if (teams === 'none') {
      for (const column of ['team', ...TEAM_DETAILS] as const) {
        if (cell(column) !== null) {
          errors.push({
            line,
            field: column,
            message: 'teams are made in a contest: give the contest to import into (contestId)',
          });
        }
      }
    } else if (team === null) {
      if (teams === 'required') errors.push({ line, field: 'team', message: 'required' });
      for (const column of TEAM_DETAILS) {
        if (cell(column) !== null)
          errors.push({ line, field: column, message: 'describes a team: this line has none' });
      }
    }
    if (username !== null) {
      const first = firstLine.get(username);
      if (first !== undefined) {
        errors.push({ line, field: 'username', message: `${username} is also on line ${first}` });
      } else {
        firstLine.set(username, line);
      }
      rows.push({
        line,
        username,
        displayName: cell('display name'),
        email: cell('email'),
        course: cell('course'),
        password: cell('password'),
        team,
        affiliation: cell('affiliation'),
        country,
        location: cell('location'),
      });
    }
  }
  if (teams !== 'none') checkTeams(rows, errors);
  return { rows, errors };
}

/**
 * Lines of one team: at most TEAM_MAX_MEMBERS, and where two give the team's affiliation, country or location,
 * the same one (the first line that gives it is the team's).
 */
function checkTeams(rows: readonly ImportRow[], errors: ImportLineError[]): void {
  const byTeam = new Map<string, ImportRow[]>();
  for (const row of rows) {
    if (row.team !== null) byTeam.set(row.team, [...(byTeam.get(row.team) ?? []), row]);
  }
  for (const [team, members] of byTeam) {
    for (const extra of members.slice(TEAM_MAX_MEMBERS)) {
      errors.push({
        line: extra.line,
        field: 'team',
        message: `team "${team}" has more than ${TEAM_MAX_MEMBERS} members (lines ${members.map((m) => m.line).join(', ')})`,
      });
    }
    for (const column of TEAM_DETAILS) {
      const first = members.find((m) => m[column] !== null);
      for (const other of members) {
        if (first && other[column] !== null && other[column] !== first[column]) {
          errors.push({
            line: other.line,
            field: column,
            message: `team "${team}" has ${column} "${first[column]}" on line ${first.line}`,
          });
        }
      }
    }
  }
}

// No 0/O, 1/l/I: the passwords are printed on a sheet and typed in from it.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PASSWORD_LENGTH = 14;

/** 14 characters from 56: about 81 bits, from the system's cryptographic source. */
export function generatePassword(): string {
  return Array.from({ length: PASSWORD_LENGTH }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}
