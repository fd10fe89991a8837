import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { LanguageRegistry } from '@judge/judge';
import {
  ANSWERS_LANGUAGE,
  CONTEST_PACKAGE_MAX_BYTES,
  joinSubmissionFiles,
  type ContestImportResult,
  type ContestPackageError,
  type ImportedAccount,
} from '@judge/contract';
import type { Actor } from '../../auth/auth.decorators';
import { hashPassword } from '../../auth/password';
import { AuditLog } from '../../audit/audit-log.service';
import { AppError, conflict } from '../../common/app-error';
import { ProblemEntity, ProblemVersionEntity, UserEntity } from '../../database/entities';
import { ProblemsService, type Ingested } from '../../problems/problems.service';
import { SubmissionsService } from '../../submissions/submissions.service';
import { LANGUAGES } from '../../tokens';
import { generatePassword } from '../../users/account-import';
import { usernameSchema } from '../../users/users.schemas';
import {
  ContestEntity,
  ContestParticipantEntity,
  ContestProblemEntity,
  OrganizationEntity,
  TeamEntity,
  TeamMemberEntity,
} from '../contest.entities';
import { ContestEvents } from '../contest-events';
import {
  PENALTY_MINUTES,
  readContestPackage,
  type ContestPackage,
  type PackageFiles,
  type ProblemPackageSource,
} from './contest-package';
import { readZipFiles, writeZipFiles } from './zip-files';

/**
 * A contest from a CCS contest package zip (docs/contests.md, "Import and export"): checked whole first, every
 * problem listed; then written in one transaction. Submissions are stored as judged in the package (verdict, time,
 * score), not judged again, so that the board is the package's.
 */
@Injectable()
export class ContestImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly problems: ProblemsService,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
    private readonly audit: AuditLog,
    private readonly events: ContestEvents,
    private readonly submissions: SubmissionsService,
  ) {}

  /** `rejudge`: after the import, every submission is queued to be judged again by the problem's tests. */
  async import(data: Buffer, by: Actor, options: { rejudge?: boolean } = {}): Promise<ContestImportResult> {
    let files;
    try {
      // Unpacked, it may be no larger than the upload: its problem packages are zips already.
      files = await readZipFiles(data, CONTEST_PACKAGE_MAX_BYTES);
    } catch (error) {
      throw invalid([{ file: '(zip)', message: `not readable as a zip: ${(error as Error).message}` }]);
    }
    const unzipErrors = await unpackSubmissionZips(files);
    const known = (id: string) => id === ANSWERS_LANGUAGE || this.languages.find(id) !== undefined;
    const { pkg, problemPackages, errors } = readContestPackage(files, known);
    errors.push(...unzipErrors);
    // Each problem package is checked by the engine's loader, as an upload is, also when other files have problems.
    const ingested = new Map<string, Ingested>();
    for (const [id, source] of problemPackages) {
      try {
        ingested.set(id, await this.problems.ingest(await zipOf(source), `${id}.zip`));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push({ file: source.file, message: error.message });
      }
    }
    const usernames = [...new Set(pkg.accounts.map((a) => a.username))];
    const existing = usernames.length
      ? await this.dataSource.manager.find(UserEntity, { where: { username: In(usernames) } })
      : [];
    const existingIds = new Map(existing.map((u) => [u.username, u.id]));
    const fresh = pkg.accounts.filter((a) => !existingIds.has(a.username));
    for (const a of fresh) {
      const check = usernameSchema.safeParse(a.username);
      if (!check.success) {
        errors.push({ file: 'accounts', message: `username ${a.username}: ${check.error.issues[0].message}` });
      }
    }
    if (errors.length > 0) throw invalid(errors);

    const warnings: string[] = [];
    if (pkg.contest.penaltyMinutes !== PENALTY_MINUTES) {
      warnings.push(`penalty_time is ${pkg.contest.penaltyMinutes} minutes: this judge's ICPC rule counts 20`);
    }
    if (pkg.contest.freezeSeconds % 60 !== 0) warnings.push('the freeze is rounded to whole minutes');
    const passwords = fresh.map(() => generatePassword());
    // One at a time, as the account import does: argon2 takes the machine's memory.
    const hashes: string[] = [];
    for (const password of passwords) hashes.push(await hashPassword(password));

    const submissionIds: string[] = [];
    const result = await this.write(
      { pkg, ingested, fresh, passwords, hashes, existingIds, warnings },
      by,
      submissionIds,
    ).catch((error: unknown) => {
      // An account of the package made meanwhile by another request: the transaction left nothing.
      if ((error as { code?: string }).code === '23505') {
        throw conflict(
          'USERNAME_TAKEN',
          'an account of the package was made meanwhile: nothing was imported, try again',
        );
      }
      throw error;
    });
    this.events.scoreboardChanged(result.contestId);
    if (options.rejudge) {
      for (const id of submissionIds) await this.submissions.rejudge(id, by);
    }
    return { ...result, rejudged: options.rejudge === true };
  }

  private write(
    { pkg, ingested, fresh, passwords, hashes, existingIds, warnings }: Prepared,
    by: Actor,
    /** Filled with the ids of the submissions made. */
    submissionIds: string[],
  ): Promise<Omit<ContestImportResult, 'rejudged'>> {
    return this.dataSource.transaction(async (tx) => {
      const problemIds = await this.writeProblems(tx, pkg, ingested, by);
      const organizations = await this.writeOrganizations(tx, pkg);
      const contest = await tx.save(
        tx.create(ContestEntity, {
          title: pkg.contest.name,
          description: pkg.contest.description,
          startsAt: pkg.contest.startTime,
          endsAt: new Date(pkg.contest.startTime.getTime() + pkg.contest.durationSeconds * 1000),
          scoring: pkg.contest.scoring,
          freezeMinutes: Math.round(pkg.contest.freezeSeconds / 60),
          unfrozen: false,
          // Its accounts are its invited participants; nobody else comes in by registering.
          registration: 'invite',
          joinCode: null,
          practiceAfter: true,
          feedback: null,
          runsEnabled: true,
          teams: !pkg.contest.individual,
          createdBy: by.id,
        }),
      );
      await tx.insert(
        ContestProblemEntity,
        pkg.problems.map((p, position) => ({
          contestId: contest.id,
          label: p.label,
          problemId: problemIds.get(p.id)?.id as string,
          position,
          color: p.rgb,
        })),
      );

      const created: ImportedAccount[] = [];
      const userIds = new Map(existingIds);
      const teamName = new Map(pkg.teams.map((t) => [t.id, t.name]));
      for (const [i, a] of fresh.entries()) {
        const user = await tx.save(
          tx.create(UserEntity, {
            username: a.username,
            displayName: a.name,
            email: null,
            passwordHash: hashes[i],
            role: 'contestant',
            disabled: false,
          }),
        );
        userIds.set(a.username, user.id);
        created.push({ username: a.username, password: passwords[i], team: teamName.get(a.teamId) ?? a.teamId });
      }
      const teamIds = new Map<string, string>();
      if (!pkg.contest.individual) {
        for (const t of pkg.teams) {
          const team = await tx.save(
            tx.create(TeamEntity, {
              contestId: contest.id,
              name: t.name,
              organizationId: t.organizationId ? (organizations.ids.get(t.organizationId) ?? null) : null,
              location: t.location,
              externalId: t.id,
            }),
          );
          teamIds.set(t.id, team.id);
        }
      }
      for (const a of pkg.accounts) {
        const userId = userIds.get(a.username) as string;
        await tx.insert(ContestParticipantEntity, { contestId: contest.id, userId, invited: true, registeredAt: null });
        if (!pkg.contest.individual) {
          await tx.insert(TeamMemberEntity, { contestId: contest.id, userId, teamId: teamIds.get(a.teamId) as string });
        }
      }

      const judgement = new Map(pkg.judgements.map((j) => [j.submissionId, j]));
      const firstMember = new Map<string, string>();
      for (const a of pkg.accounts) if (!firstMember.has(a.teamId)) firstMember.set(a.teamId, a.username);
      for (const s of pkg.submissions) {
        const j = judgement.get(s.id);
        const problem = problemIds.get(s.problemId);
        if (!j || !problem) continue;
        const author = userIds.get(s.author ?? (firstMember.get(s.teamId) as string)) as string;
        const single = s.files.length === 1 && s.entryPoint === null;
        // Raw SQL: the submission keeps its time in the contest (TypeORM would stamp created_at now).
        const [row] = await tx.query<{ id: string }[]>(
          `INSERT INTO submissions (user_id, problem_id, problem_version_id, language, file_name, source, files,
             entry_point, status, verdict, score, max_score, time_ms, tests, groups, contest_id, team_id, created_at,
             judged_at, judged_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'done', $9, $10, $11, $12, '[]', $13, $14, $15, $16, $17, 'import')
           RETURNING id`,
          [
            author,
            problem.id,
            problem.versionId,
            s.language,
            s.files[0].name,
            single ? s.files[0].content : joinSubmissionFiles(s.files),
            single ? null : JSON.stringify(s.files),
            s.entryPoint,
            j.verdict,
            j.score,
            j.maxScore,
            j.maxRunTimeMs,
            JSON.stringify(j.groups),
            contest.id,
            teamIds.get(s.teamId) ?? null,
            s.time,
            j.endTime,
          ],
        );
        submissionIds.push(row.id);
      }

      await this.audit.record(
        {
          actor: by,
          action: 'contest.import',
          target: { type: 'contest', id: contest.id },
          details: {
            title: contest.title,
            problems: pkg.problems.map((p) => `${p.label}:${problemIds.get(p.id)?.id}`),
            teams: pkg.teams.length,
            accountsCreated: created.length,
            submissions: pkg.submissions.length,
          },
        },
        tx,
      );
      return {
        contestId: contest.id,
        title: contest.title,
        problems: pkg.problems.map((p) => {
          const made = problemIds.get(p.id);
          return { label: p.label, problemId: made?.id as string, created: made?.created ?? false };
        }),
        organizations: { created: organizations.created, reused: organizations.reused },
        teams: pkg.teams.length,
        submissions: pkg.submissions.length,
        createdAccounts: created,
        reusedAccounts: pkg.accounts.filter((a) => existingIds.has(a.username)).map((a) => a.username),
        warnings,
      };
    });
  }

  /**
   * The package's problems: an existing problem whose current version is the very same package is used as it is;
   * any other is a new problem (a draft), so that an import never changes a problem other contests use.
   */
  private async writeProblems(
    tx: EntityManager,
    pkg: ContestPackage,
    ingested: Map<string, Ingested>,
    by: Actor,
  ): Promise<Map<string, { id: string; versionId: string; created: boolean }>> {
    const made = new Map<string, { id: string; versionId: string; created: boolean }>();
    for (const p of pkg.problems) {
      const stored = ingested.get(p.id) as Ingested;
      const same = await tx
        .createQueryBuilder(ProblemVersionEntity, 'v')
        .innerJoin(ProblemEntity, 'p', 'p.id = v.problem_id AND p.current_version = v.version')
        .where('v.package_hash = :hash', { hash: stored.hash })
        .getOne();
      if (same) {
        made.set(p.id, { id: same.problemId, versionId: same.id, created: false });
        continue;
      }
      const problem = await this.problems.createWithPackage(
        stored.shortName,
        stored.hash,
        stored.summary,
        by,
        'draft',
        { source: 'contest-import' },
        tx,
      );
      const version = await tx.findOneByOrFail(ProblemVersionEntity, { problemId: problem.id, version: 1 });
      made.set(p.id, { id: problem.id, versionId: version.id, created: true });
    }
    return made;
  }

  /** Organisations are shared by all contests: one with the same external id is the same one. */
  private async writeOrganizations(
    tx: EntityManager,
    pkg: ContestPackage,
  ): Promise<{ ids: Map<string, string>; created: number; reused: number }> {
    const ids = new Map<string, string>();
    let created = 0;
    for (const o of pkg.organizations) {
      const found = await tx.findOneBy(OrganizationEntity, { externalId: o.id });
      if (found) {
        ids.set(o.id, found.id);
        continue;
      }
      const row = await tx.save(
        tx.create(OrganizationEntity, { name: o.name, formalName: o.formalName, country: o.country, externalId: o.id }),
      );
      ids.set(o.id, row.id);
      created += 1;
    }
    return { ids, created, reused: pkg.organizations.length - created };
  }
}

/** A checked package and what is ready for its transaction: the new accounts' passwords and their hashes. */
interface Prepared {
  pkg: ContestPackage;
  ingested: Map<string, Ingested>;
  fresh: ContestPackage['accounts'];
  passwords: string[];
  hashes: string[];
  existingIds: Map<string, string>;
  warnings: string[];
}

function invalid(errors: ContestPackageError[]): AppError {
  return new AppError(
    422,
    'IMPORT_INVALID',
    `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the package: nothing was imported`,
    { errors },
  );
}

/**
 * A submission whose sources come only as submissions/<id>/files.zip (the spec's file reference, all DOMjudge
 * writes) gets them unpacked into submissions/<id>/files/, where the reader takes them from.
 */
async function unpackSubmissionZips(files: PackageFiles): Promise<ContestPackageError[]> {
  const errors: ContestPackageError[] = [];
  for (const [path, data] of [...files]) {
    const id = /^submissions\/([^/]+)\/files\.zip$/.exec(path)?.[1];
    if (id === undefined || [...files.keys()].some((p) => p.startsWith(`submissions/${id}/files/`))) continue;
    try {
      for (const [name, content] of await readZipFiles(data, CONTEST_PACKAGE_MAX_BYTES)) {
        files.set(`submissions/${id}/files/${name}`, content);
      }
    } catch (error) {
      errors.push({ file: path, message: `not readable as a zip: ${(error as Error).message}` });
    }
  }
  return errors;
}

/** A problem package as a zip: as it is, or its unpacked folder zipped. */
async function zipOf(source: ProblemPackageSource): Promise<Buffer> {
  return 'zip' in source ? source.zip : writeZipFiles(source.folder, source.file.split('/')[1] || 'problem');
}
