import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AccountImportResult,
  CreatedAccount,
  EnrolledAccount,
  ExistingAccounts,
  ImportedCourse,
  ImportLineError,
} from '@judge/contract';
import type { Caller } from '../auth/auth.decorators';
import { hashPassword } from '../auth/password';
import { AppError, conflict } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { CoursesService } from '../courses/courses.service';
import { generatePassword, parseImport, type ImportRow } from './account-import';

export interface AccountImportInput {
  csv: string;
  existing?: ExistingAccounts;
}

interface CourseRow {
  id: string;
  title: string;
  join_code: string;
}

/** A line checked against the database: the course it enrols into, and the account when it exists already. */
interface ResolvedRow extends ImportRow {
  target: ImportedCourse | null;
  existingId: string | null;
}

/**
 * Bulk accounts from CSV (docs/courses.md, "Importing students"): every line is checked, against the file and the
 * database, before anything is written; a file with any problem is refused whole with all of them listed, and a
 * good one is written in one transaction.
 */
@Injectable()
export class AccountImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly courses: CoursesService,
  ) {}

  /** An admin's import: each line may name its course (id or join code), or none. */
  importAccounts(input: AccountImportInput): Promise<AccountImportResult> {
    return this.run(input, null);
  }

  /** A course's teachers (and admins): every line is enrolled into this course, and may name no other. */
  async importStudents(caller: Caller, courseId: string, input: AccountImportInput): Promise<AccountImportResult> {
    const { course } = await this.courses.asTeacher(caller, courseId);
    return this.run(input, { id: course.id, title: course.title, join_code: course.joinCode });
  }

  private async run(input: AccountImportInput, only: CourseRow | null): Promise<AccountImportResult> {
    const { rows, errors } = parseImport(input.csv);
    // Lines with problems of their own are checked against the database too: the answer lists every problem at once.
    const resolved = rows.length > 0 ? await this.resolve(rows, input.existing ?? 'refuse', only, errors) : [];
    if (errors.length > 0) {
      errors.sort((a, b) => a.line - b.line);
      throw new AppError(
        422,
        'IMPORT_INVALID',
        `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the file: nothing was imported`,
        { errors },
      );
    }
    return this.write(resolved);
  }

  /** Adds to `errors` what the database says of the lines: accounts that exist, courses that do not. */
  private async resolve(
    rows: ImportRow[],
    existing: ExistingAccounts,
    only: CourseRow | null,
    errors: ImportLineError[],
  ): Promise<ResolvedRow[]> {
    const found = await this.dataSource.query<{ id: string; username: string }[]>(
      'SELECT id, username FROM users WHERE username = ANY($1)',
      [rows.map((r) => r.username)],
    );
    const accounts = new Map(found.map((u) => [u.username, u.id]));
    const courses = await this.namedCourses(rows, only);
    return rows.map((row) => {
      let target: ImportedCourse | null = only && { id: only.id, title: only.title };
      if (row.course !== null) {
        const named = courses.get(courseKey(row.course));
        if (only && named?.id !== only.id) {
          errors.push({
            line: row.line,
            field: 'course',
            message: `not this course: this import enrols into "${only.title}" only`,
          });
        } else if (!named) {
          errors.push({ line: row.line, field: 'course', message: `no course has the id or join code ${row.course}` });
        } else {
          target = { id: named.id, title: named.title };
        }
      }
      const existingId = accounts.get(row.username) ?? null;
      if (existingId !== null) {
        if (existing === 'refuse') {
          errors.push({ line: row.line, field: 'username', message: `${row.username} exists already` });
        } else if (row.course === null && !only) {
          errors.push({
            line: row.line,
            field: 'course',
            message: `${row.username} exists already and the line names no course to enrol it into`,
          });
        } else if (row.password !== null) {
          // The sheet would show a password that does not work: an import never changes an existing account.
          errors.push({
            line: row.line,
            field: 'password',
            message: `${row.username} exists already and keeps its password: leave this empty`,
          });
        }
      }
      return { ...row, target, existingId };
    });
  }

  /**
   * The courses the lines name, by id and by join code (see courseKey). A course's import looks up no other: its
   * teacher learns nothing of other courses' ids and join codes (a join code lets anyone join).
   */
  private async namedCourses(rows: ImportRow[], only: CourseRow | null): Promise<Map<string, CourseRow>> {
    const named = [...new Set(rows.flatMap((r) => (r.course === null ? [] : [courseKey(r.course)])))];
    const found =
      only !== null
        ? [only]
        : named.length === 0
          ? []
          : await this.dataSource.query<CourseRow[]>(
              'SELECT id, title, join_code FROM courses WHERE id = ANY($1::uuid[]) OR join_code = ANY($2)',
              [named.filter(isUuid), named],
            );
    return new Map(found.flatMap((c) => [[c.id, c] as const, [c.join_code, c] as const]));
  }

  private async write(rows: ResolvedRow[]): Promise<AccountImportResult> {
    const fresh = rows.filter((r) => r.existingId === null);
    const passwords = fresh.map((r) => r.password ?? generatePassword());
    // One at a time: argon2 is sized to take the machine's memory and time, and a login waiting behind 2000
    // parallel hashes would time out.
    const hashes: string[] = [];
    for (const password of passwords) hashes.push(await hashPassword(password));
    try {
      return await this.dataSource.transaction(async (tx) => {
        const inserted = await tx.query<{ id: string; username: string }[]>(
          `INSERT INTO users (username, display_name, email, password_hash, role, disabled)
           SELECT u, d, e, h, 'contestant', false FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(u, d, e, h)
           RETURNING id, username`,
          [fresh.map((r) => r.username), fresh.map((r) => r.displayName), fresh.map((r) => r.email), hashes],
        );
        const ids = new Map(inserted.map((u) => [u.username, u.id]));
        const idOf = (r: ResolvedRow): string => r.existingId ?? (ids.get(r.username) as string);
        const enrolments = rows.filter((r) => r.target !== null);
        // An existing member (a teacher of the course, say) keeps their role.
        await tx.query(
          `INSERT INTO course_members (course_id, user_id, role)
           SELECT c, u, 'student' FROM unnest($1::uuid[], $2::uuid[]) AS t(c, u) ON CONFLICT DO NOTHING`,
          [enrolments.map((r) => r.target?.id), enrolments.map(idOf)],
        );
        const created: CreatedAccount[] = fresh.map((r, i) => ({
          line: r.line,
          id: idOf(r),
          username: r.username,
          displayName: r.displayName,
          email: r.email,
          password: passwords[i],
          generated: r.password === null,
          course: r.target,
        }));
        const enrolled: EnrolledAccount[] = rows.flatMap((r) =>
          r.existingId !== null && r.target !== null
            ? [{ line: r.line, id: r.existingId, username: r.username, course: r.target }]
            : [],
        );
        return { created, enrolled };
      });
    } catch (error) {
      // Another request made one of these accounts between the check and the write: the transaction left nothing.
      if ((error as { code?: string }).code === '23505') {
        throw conflict('USERNAME_TAKEN', 'an account of the file was made meanwhile: nothing was imported, try again');
      }
      throw error;
    }
  }
}

/** Course ids are compared as written, join codes as the join form does: trimmed, upper case. */
function courseKey(value: string): string {
  return isUuid(value) ? value.toLowerCase() : value.trim().toUpperCase();
}
