import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AccountImportResult,
  CreatedAccount,
  EnrolledAccount,
  ExistingAccounts,
  ImportedCourse,
  ImportedTeam,
  ImportLineError,
} from '@judge/contract';
import type { Actor, Caller } from '../auth/auth.decorators';
import { hashPassword } from '../auth/password';
import { AuditLog } from '../audit/audit-log.service';
import { AppError, conflict } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { OrganizationEntity, TeamEntity } from '../contests/contest.entities';
import { ContestEvents } from '../contests/contest-events';
import { CoursesService } from '../courses/courses.service';
import { alreadyOnTeam, TeamsService } from '../teams/teams.service';
import { generatePassword, parseImport, type ImportRow, type TeamColumn } from './account-import';

export interface AccountImportInput {
  csv: string;
  existing?: ExistingAccounts;
  /** An admin's import into a team contest: its `team` column makes teams there. */
  contestId?: string;
}

/** An import into a team contest: who imports, where, and whether every line must name a team. */
interface TeamImport {
  actor: Actor;
  contestId: string;
  column: Exclude<TeamColumn, 'none'>;
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
    private readonly teams: TeamsService,
    private readonly events: ContestEvents,
    private readonly audit: AuditLog,
  ) {}

  /**
   * An admin's import: each line may name its course (id or join code), or none; with a team contest, its team
   * there, which is made (with its organisation) when the contest has none of that name.
   */
  async importAccounts(actor: Actor, input: AccountImportInput): Promise<AccountImportResult> {
    if (input.contestId !== undefined) await this.teams.teamContest(input.contestId);
    const teams: TeamImport | null =
      input.contestId === undefined ? null : { actor, contestId: input.contestId, column: 'optional' };
    return this.run(input, null, teams);
  }

  /** A course's teachers (and admins): every line is enrolled into this course, and may name no other. */
  async importStudents(caller: Caller, courseId: string, input: AccountImportInput): Promise<AccountImportResult> {
    const { course } = await this.courses.asTeacher(caller, courseId);
    return this.run(input, { id: course.id, title: course.title, join_code: course.joinCode }, null);
  }

  /** Staff import a team contest's teams: a member per line; accounts that exist join as they are. */
  async importTeams(actor: Actor, contestId: string, input: AccountImportInput): Promise<AccountImportResult> {
    await this.teams.teamContest(contestId);
    return this.run(input, null, { actor, contestId, column: 'required' });
  }

  private async run(
    input: AccountImportInput,
    only: CourseRow | null,
    teams: TeamImport | null,
  ): Promise<AccountImportResult> {
    const { rows, errors } = parseImport(input.csv, undefined, teams?.column ?? 'none');
    // Lines with problems of their own are checked against the database too: the answer lists every problem at once.
    const resolved = rows.length > 0 ? await this.resolve(rows, input.existing ?? 'refuse', only, errors) : [];
    const teamPlan = teams && rows.length > 0 ? await this.resolveTeams(teams, resolved, errors) : null;
    if (errors.length > 0) {
      errors.sort((a, b) => a.line - b.line);
      throw new AppError(
        422,
        'IMPORT_INVALID',
        `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the file: nothing was imported`,
        { errors },
      );
    }
    const result = await this.write(resolved, teams && teamPlan && { ...teams, plan: teamPlan });
    if (teams) this.events.scoreboardChanged(teams.contestId);
    return result;
  }

  /**
   * Adds to `errors` what the contest says of the team lines: teams it has already, accounts on a team there
   * already, course cells in a team import. Answers the organisations the lines name that exist (by name, in any
   * case), the rest are made.
   */
  private async resolveTeams(
    teams: TeamImport,
    rows: readonly ResolvedRow[],
    errors: ImportLineError[],
  ): Promise<Map<string, OrganizationEntity>> {
    const members = rows.filter((r) => r.team !== null);
    const names = [...new Set(members.map((r) => r.team as string))];
    const existingTeams = new Set(
      (
        await this.dataSource.query<{ name: string }[]>(
          'SELECT name FROM teams WHERE contest_id = $1 AND name = ANY($2)',
          [teams.contestId, names],
        )
      ).map((t) => t.name),
    );
    const onTeams = new Map(
      (
        await this.dataSource.query<{ user_id: string; name: string }[]>(
          `SELECT m.user_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id
            WHERE m.contest_id = $1 AND m.user_id = ANY($2::uuid[])`,
          [teams.contestId, rows.flatMap((r) => (r.existingId === null ? [] : [r.existingId]))],
        )
      ).map((m) => [m.user_id, m.name]),
    );
    for (const row of rows) {
      if (teams.column === 'required' && row.course !== null) {
        errors.push({
          line: row.line,
          field: 'course',
          message: 'a team import enrols into no course: leave this empty',
        });
      }
      if (row.team !== null && existingTeams.has(row.team)) {
        errors.push({ line: row.line, field: 'team', message: `this contest has a team "${row.team}" already` });
      }
      const current = row.existingId === null ? undefined : onTeams.get(row.existingId);
      if (row.team !== null && current !== undefined) {
        errors.push({ line: row.line, field: 'username', message: alreadyOnTeam(row.username, current) });
      }
    }
    const affiliations = [...new Set(members.flatMap((r) => (r.affiliation === null ? [] : [r.affiliation])))];
    const found = await this.dataSource.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM organizations WHERE lower(name) = ANY($1) ORDER BY created_at',
      [affiliations.map((a) => a.toLowerCase())],
    );
    const organizations = new Map<string, OrganizationEntity>();
    // The oldest of namesakes, as organisations' names need not be unique.
    for (const o of found) {
      if (!organizations.has(o.name.toLowerCase())) {
        organizations.set(o.name.toLowerCase(), Object.assign(new OrganizationEntity(), o));
      }
    }
    return organizations;
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
        // An account that exists joins its team as it is (a line with a team is a membership, not a new account).
        if (row.team !== null) {
          if (row.password !== null) {
            errors.push({
              line: row.line,
              field: 'password',
              message: `${row.username} exists already and keeps its password: leave this empty`,
            });
          }
        } else if (existing === 'refuse') {
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

  private async write(
    rows: ResolvedRow[],
    teams: (TeamImport & { plan: Map<string, OrganizationEntity> }) | null,
  ): Promise<AccountImportResult> {
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
          ...(teams ? { team: r.team } : {}),
        }));
        const enrolled: EnrolledAccount[] = rows.flatMap((r) =>
          r.existingId !== null && r.target !== null
            ? [{ line: r.line, id: r.existingId, username: r.username, course: r.target }]
            : [],
        );
        if (!teams) return { created, enrolled };
        return { created, enrolled, teams: await this.writeTeams(tx, teams, rows, idOf) };
      });
    } catch (error) {
      // Another request made one of these accounts (or teams, or memberships) between the check and the write: the
      // transaction left nothing.
      if ((error as { code?: string }).code === '23505') {
        throw conflict(
          'USERNAME_TAKEN',
          'an account or team of the file was made meanwhile: nothing was imported, try again',
        );
      }
      throw error;
    }
  }

  /** The file's teams, made in the contest with the organisations missing, and their members joined. */
  private async writeTeams(
    tx: EntityManager,
    teams: TeamImport & { plan: Map<string, OrganizationEntity> },
    rows: readonly ResolvedRow[],
    idOf: (r: ResolvedRow) => string,
  ): Promise<ImportedTeam[]> {
    const organizations = teams.plan;
    const byTeam = new Map<string, ResolvedRow[]>();
    for (const r of rows) if (r.team !== null) byTeam.set(r.team, [...(byTeam.get(r.team) ?? []), r]);
    const made: ImportedTeam[] = [];
    let newOrganizations = 0;
    for (const [name, members] of byTeam) {
      // parseImport checked that a team's lines agree: the first that gives a detail gives the team's.
      const detail = (column: 'affiliation' | 'country' | 'location') =>
        members.find((m) => m[column] !== null)?.[column] ?? null;
      const affiliation = detail('affiliation');
      let organization = affiliation === null ? undefined : organizations.get(affiliation.toLowerCase());
      if (affiliation !== null && organization === undefined) {
        organization = await tx.save(tx.create(OrganizationEntity, { name: affiliation, country: detail('country') }));
        organizations.set(affiliation.toLowerCase(), organization);
        newOrganizations += 1;
      }
      const team = await tx.save(
        tx.create(TeamEntity, {
          contestId: teams.contestId,
          name,
          organizationId: organization?.id ?? null,
          location: detail('location'),
        }),
      );
      await this.teams.join(
        tx,
        teams.contestId,
        team.id,
        members.map((m) => ({ id: idOf(m) })),
      );
      made.push({
        id: team.id,
        name,
        organization: organization?.name ?? null,
        members: members.map((m) => m.username),
      });
    }
    await this.audit.record(
      {
        actor: teams.actor,
        action: 'team.import',
        target: { type: 'contest', id: teams.contestId },
        details: {
          teams: made.length,
          members: made.reduce((n, t) => n + t.members.length, 0),
          accounts: rows.filter((r) => r.existingId === null).length,
          organizations: newOrganizations,
        },
      },
      tx,
    );
    return made;
  }
}

/** Course ids are compared as written, join codes as the join form does: trimmed, upper case. */
function courseKey(value: string): string {
  return isUuid(value) ? value.toLowerCase() : value.trim().toUpperCase();
}
