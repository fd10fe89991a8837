import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, In, type EntityManager, type Repository } from 'typeorm';
import { allTestCases, isPackageError, loadProblemPackage } from '@judge/problem-package';
import type { LanguageRegistry } from '@judge/judge';
import type {
  ExistingProblemRef,
  FeedbackLevel,
  ProblemUploadResult,
  DerivedTimeLimitOffer,
  ProblemDetail,
  ProblemListItem,
  ProblemTestView,
  ProblemVisibilityState,
  StoredTimeLimit,
} from '@judge/contract';
import { ANSWERS_LANGUAGE } from '@judge/contract';

export type { ProblemDetail, ProblemListItem, ProblemUploadResult };

/** A checked and stored package: what the API keeps of it, its short name, and the loader's warnings. */
/** A package zip: its bytes, or a file of this machine (an upload, which multer wrote to disk). */
export type ZipInput = Buffer | { path: string };

export interface Ingested {
  hash: string;
  summary: ProblemSummary;
  shortName: string;
  warnings: string[];
}

/** A problem's slug from a name: lower case, runs of other characters as `-`. */
export function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'problem'
  );
}
import { AppError, badRequest, notFound } from '../common/app-error';
import { ProblemEntity, ProblemVersionEntity, type ProblemSummary } from '../database/entities';
import { fileHash, type ContentStore } from '../storage/content-store';
import { PackageTimeLimits, shownTimeLimit } from './package-time-limits';
import { summarize } from './problem-summary';
import { StatementFiles, type ServedFile } from './statement-files';
import { LANGUAGES, PACKAGE_STORE } from '../tokens';
import { SOLVED_SQL } from '../submissions/verdict-filter';
import { AuditLog, type AuditActor } from '../audit/audit-log.service';
import { changedFields } from '../audit/audit-details';

@Injectable()
export class ProblemsService {
  private readonly timeLimits: PackageTimeLimits;

  constructor(
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(ProblemVersionEntity) private readonly versions: Repository<ProblemVersionEntity>,
    private readonly dataSource: DataSource,
    @Inject(PACKAGE_STORE) private readonly store: ContentStore,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
    private readonly statementFiles: StatementFiles,
    private readonly audit: AuditLog,
  ) {
    this.timeLimits = new PackageTimeLimits(dataSource);
  }

  /**
   * Checks a zip with the engine's loader and stores it; a bad package is a 400 with the loader's message. An upload
   * comes as a file on disk (up to 256 MiB: never held whole in memory on its way to the store); a package made
   * here (authoring, a contest package's problem) as bytes.
   */
  async ingest(zip: ZipInput, fileName: string): Promise<Ingested> {
    const dir = await fs.mkdtemp(join(tmpdir(), 'judge-upload-'));
    const base = fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'package.zip';
    const path = join(dir, base.endsWith('.zip') ? base : `${base}.zip`);
    try {
      if (Buffer.isBuffer(zip)) await fs.writeFile(path, zip);
      else await fs.copyFile(zip.path, path);
      let problem;
      try {
        problem = await loadProblemPackage(path);
      } catch (error) {
        if (isPackageError(error)) throw badRequest('INVALID_PACKAGE', error.message);
        throw error;
      }
      try {
        const uuid = typeof problem.raw.uuid === 'string' && problem.raw.uuid.trim() ? problem.raw.uuid.trim() : null;
        const summary = {
          ...(await summarize(problem)),
          ...(await this.statementFiles.keep(problem.root, problem.statementPath)),
          ...(uuid ? { uuid } : {}),
        };
        return {
          hash: await this.keep(path),
          summary,
          // The package's own folder names it, not the name the zip was saved under (`hello (1).zip`).
          shortName: problem.archiveFolder ?? problem.shortName,
          warnings: problem.warnings,
        };
      } finally {
        await problem.dispose();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** Keeps a package file in the store, read a piece at a time. */
  private async keep(path: string): Promise<string> {
    const hash = await fileHash(path);
    await this.store.putFile(hash, path);
    return hash;
  }

  /**
   * A new problem from a package zip. A package that is an existing problem (the same problem.yaml `uuid`, or
   * without one the same short name) is refused with 409 PROBLEM_EXISTS naming that problem, so that the page can
   * offer to upload it as a new version of it; a title another problem has is a warning.
   */
  async createFromZip(
    zip: ZipInput,
    fileName: string,
    by: AuditActor,
    visibility: ProblemVisibilityState = 'draft',
  ): Promise<ProblemUploadResult> {
    const ingested = await this.ingest(zip, fileName);
    const same = await this.samePackage(ingested.summary.uuid ?? null, slugOf(ingested.shortName));
    if (same) {
      const details: ExistingProblemRef = {
        id: same.id,
        slug: same.slug,
        title: same.title,
        version: same.currentVersion,
      };
      throw new AppError(
        409,
        'PROBLEM_EXISTS',
        `this package is the problem "${same.title}" (${same.slug}), which exists: upload it as a new version of it`,
        { ...details },
      );
    }
    const warnings = [...ingested.warnings, ...(await this.titleWarnings(ingested.summary.title, null))];
    const created = await this.createWithPackage(ingested.shortName, ingested.hash, ingested.summary, by, visibility, {
      source: 'package',
      fileName,
    });
    return { ...created, warnings };
  }

  /**
   * The problem a package is: the one whose current version has its uuid; else the one of its slug, unless that one
   * has a uuid of its own (then it is another problem). A uuid added to a package later still finds its problem.
   */
  private async samePackage(uuid: string | null, slug: string): Promise<ProblemEntity | null> {
    if (uuid) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT p.id FROM problems p JOIN problem_versions v ON v.problem_id = p.id AND v.version = p.current_version
         WHERE v.summary->>'uuid' = $1 LIMIT 1`,
        [uuid],
      );
      if (rows.length > 0) return this.problems.findOneBy({ id: rows[0].id });
    }
    const bySlug = await this.problems.findOneBy({ slug });
    if (!bySlug) return null;
    const own = (await this.currentVersion(bySlug)).summary.uuid;
    return own && own !== uuid ? null : bySlug;
  }

  /** A warning when another problem has this title (not an error: two problems may share a name, but rarely should). */
  async titleWarnings(title: string, exceptId: string | null): Promise<string[]> {
    const others = (await this.problems.findBy({ title })).filter((p) => p.id !== exceptId);
    if (others.length === 0) return [];
    return [`another problem is titled "${title}" (${others.map((p) => p.slug).join(', ')})`];
  }

  /**
   * A new problem whose first version is a stored package; a draft unless told otherwise. Its slug is `name` made
   * URL-safe, with -2, -3… when another problem has it (a package with a uuid of its own is another problem).
   * Recorded in the audit log (problem.create) in the same transaction, with `how` (upload or editor).
   */
  async createWithPackage(
    name: string,
    hash: string,
    summary: ProblemSummary,
    by: AuditActor,
    visibility: ProblemVisibilityState = 'draft',
    how: Record<string, unknown> = {},
    /** The caller's transaction (a contest import makes its problems in its own); else one of its own. */
    within?: EntityManager,
  ): Promise<ProblemListItem> {
    const userId = by.id;
    const base = slugOf(name);
    let slug = base;
    const taken = (candidate: string) =>
      (within ?? this.dataSource.manager).existsBy(ProblemEntity, { slug: candidate });
    for (let n = 2; await taken(slug); n++) slug = `${base}-${n}`;
    const write = async (tx: EntityManager) => {
      const problem = await tx.save(
        tx.create(ProblemEntity, {
          slug,
          title: summary.title,
          visibility,
          currentVersion: 1,
          createdBy: userId,
          updatedAt: new Date(),
        }),
      );
      const version = await tx.save(
        tx.create(ProblemVersionEntity, {
          problemId: problem.id,
          version: 1,
          packageHash: hash,
          summary,
          ...(await this.timeLimits.inherited(hash, tx)),
          createdBy: userId,
        }),
      );
      await this.audit.record(
        {
          actor: by,
          action: 'problem.create',
          target: { type: 'problem', id: problem.id },
          details: { ...how, slug, title: summary.title, visibility, version: 1, packageHash: hash },
        },
        tx,
      );
      return listItem(problem, version);
    };
    return within ? write(within) : this.dataSource.transaction(write);
  }

  /** Every upload is a new version; submissions keep the version they were judged on. */
  async newVersionFromZip(id: string, zip: ZipInput, fileName: string, by: AuditActor): Promise<ProblemUploadResult> {
    const before = (await this.currentVersion(await this.find(id))).summary.uuid;
    const { hash, summary, warnings } = await this.ingest(zip, fileName);
    const stored = await this.addVersion(id, hash, summary, by, { source: 'package', fileName });
    // Stored as asked, but a package of another uuid is probably another problem: said, not refused.
    const otherUuid =
      before && summary.uuid && before !== summary.uuid
        ? [`problem.yaml: uuid: ${summary.uuid} is not this problem's (${before}): is this package another problem?`]
        : [];
    return { ...stored, warnings: [...warnings, ...otherUuid, ...(await this.titleWarnings(summary.title, id))] };
  }

  /** A new current version; recorded (problem.update) in its transaction, with `how` it was made. */
  async addVersion(
    id: string,
    hash: string,
    summary: ProblemSummary,
    by: AuditActor,
    how: Record<string, unknown>,
  ): Promise<ProblemListItem> {
    const userId = by.id;
    return this.dataSource.transaction(async (tx) => {
      const problem = await tx.findOne(ProblemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!problem) throw notFound('problem');
      const was = { version: problem.currentVersion, title: problem.title };
      problem.currentVersion += 1;
      problem.title = summary.title;
      problem.updatedAt = new Date();
      await tx.save(problem);
      const version = await tx.save(
        tx.create(ProblemVersionEntity, {
          problemId: id,
          version: problem.currentVersion,
          packageHash: hash,
          summary,
          ...(await this.timeLimits.inherited(hash, tx)),
          createdBy: userId,
        }),
      );
      await this.audit.record(
        {
          actor: by,
          action: 'problem.update',
          target: { type: 'problem', id },
          details: {
            ...how,
            ...changedFields(was, { version: problem.currentVersion, title: problem.title }, ['version', 'title']),
            packageHash: hash,
          },
        },
        tx,
      );
      return listItem(problem, version);
    });
  }

  /** Publishes a draft or takes a problem back to draft; the problem as listed. */
  async setVisibility(id: string, visibility: ProblemVisibilityState, by: AuditActor): Promise<ProblemListItem> {
    const problem = await this.find(id);
    if (problem.visibility !== visibility) {
      await this.problems.update({ id: problem.id }, { visibility });
      await this.audit.record({
        actor: by,
        action: 'problem.settings',
        target: { type: 'problem', id: problem.id },
        details: { visibility: { before: problem.visibility, after: visibility } },
      });
    }
    return listItem({ ...problem, visibility }, await this.currentVersion(problem));
  }

  /** Every problem; with a user, marked solved or attempted by that user's own submissions. */
  async list(userId?: string): Promise<ProblemListItem[]> {
    const rows = await this.problems.find({ order: { createdAt: 'ASC' } });
    const versions = await Promise.all(rows.map((p) => this.currentVersion(p)));
    const standing = new Map<string, boolean>();
    if (userId) {
      const marks = await this.dataSource.query<{ problem_id: string; solved: boolean }[]>(
        `SELECT problem_id, bool_or(${SOLVED_SQL}) AS solved FROM submissions WHERE user_id = $1 GROUP BY problem_id`,
        [userId],
      );
      for (const m of marks) standing.set(m.problem_id, m.solved);
    }
    const stats = await this.stats(rows.map((p) => p.id));
    return rows.map((p, i) => ({
      ...listItem(p, versions[i]),
      ...(userId ? { solved: standing.get(p.id) === true, attempted: standing.has(p.id) } : {}),
      ...statsOf(stats, p.id),
    }));
  }

  /**
   * How many users solved each problem (a fully accepted submission) and what share of its judged submissions were
   * fully accepted, over every submission (practice, contests, assignments) but those a frozen scoreboard still hides:
   * made in a contest's freeze that has not been lifted, so that counts never tell what the board does not.
   */
  async stats(problemIds: string[]): Promise<Map<string, ProblemStats>> {
    if (problemIds.length === 0) return new Map();
    const rows = await this.dataSource.query<
      { problem_id: string; solvers: string; accepted: string; judged: string }[]
    >(
      `SELECT s.problem_id,
              count(DISTINCT s.user_id) FILTER (WHERE ${SOLVED_SQL}) AS solvers,
              count(*) FILTER (WHERE ${SOLVED_SQL}) AS accepted,
              count(*) AS judged
         FROM submissions s
        WHERE s.problem_id = ANY($1::uuid[]) AND s.status = 'done'
          AND NOT EXISTS (
            SELECT 1 FROM contests c
             WHERE c.id = s.contest_id AND coalesce(s.contest_kind, 'contest') = 'contest'
                 AND NOT c.unfrozen AND c.freeze_minutes > 0
               AND s.created_at >= c.ends_at - make_interval(mins => c.freeze_minutes))
        GROUP BY s.problem_id`,
      [problemIds],
    );
    return new Map(
      rows.map((r) => [
        r.problem_id,
        { solvers: Number(r.solvers), accepted: Number(r.accepted), judged: Number(r.judged) },
      ]),
    );
  }

  /** The current version's tests, for setters. */
  async tests(id: string): Promise<ProblemTestView[]> {
    const version = await this.currentVersion(await this.find(id));
    if (version.summary.testCount === 0) return [];
    const problem = await loadProblemPackage(await this.store.file(version.packageHash));
    try {
      return await Promise.all(
        allTestCases(problem.data).map(async (t) => ({
          id: t.name.replaceAll('/', ':'),
          name: t.name,
          group: t.group,
          sample: t.sample,
          inputBytes: (await fs.stat(t.inputPath)).size,
          answerBytes: (await fs.stat(t.answerPath)).size,
        })),
      );
    } finally {
      await problem.dispose();
    }
  }

  /**
   * The current version as users see it. `route` is where the caller reached the problem (a contest's or an
   * assignment's problem route); the statement's files are served below it. By default, the practice route of this
   * version, so that a page never mixes the files of two versions.
   */
  async get(id: string, route?: string): Promise<ProblemDetail> {
    const problem = await this.find(id);
    const version = await this.currentVersion(problem);
    const { summary } = version;
    return {
      ...listItem(problem, version),
      statement: summary.statement,
      interactive: summary.interactive,
      limits: {
        timeLimitMs: shownTimeLimit(version).timeLimitMs,
        timeLimitDerived: summary.timeLimitMs === null && version.derivedTimeLimitMs !== null,
        memoryMb: summary.memoryMb,
        outputMb: summary.outputMb,
      },
      samples: summary.samples,
      testCount: summary.testCount,
      feedback: problem.feedback,
      // A submit-answer problem takes answers, never a program.
      languages: summary.submitAnswer ? [ANSWERS_LANGUAGE] : await this.languages.availableIds(),
      statementFiles: this.statementFiles.view(
        summary,
        route ?? `/api/problems/${problem.id}/versions/${version.version}`,
      ),
    };
  }

  /**
   * The problem as its practice page shows it: with how many solved it and its acceptance. Contest and assignment
   * routes show a problem without them (get), so that a running contest's or an exam's figures stay out of them.
   */
  async practice(id: string): Promise<ProblemDetail> {
    return { ...(await this.get(id)), ...statsOf(await this.stats([id]), id) };
  }

  /** A file of the statement's folder, of the given version or (null) the current one. */
  async statementFile(id: string, version: number | null, name: string): Promise<ServedFile> {
    const { summary } = await this.versionOf(id, version);
    return this.statementFiles.file(summary, name);
  }

  /** The statement PDF of the given version or (null) the current one, downloaded as `<slug>.pdf`. */
  async statementPdf(id: string, version: number | null): Promise<ServedFile> {
    const { problem, summary } = await this.versionOf(id, version);
    return { ...(await this.statementFiles.pdf(summary)), fileName: `${problem.slug}.pdf` };
  }

  private async versionOf(
    id: string,
    version: number | null,
  ): Promise<{ problem: ProblemEntity; summary: ProblemSummary }> {
    const problem = await this.find(id);
    if (version === null) return { problem, summary: (await this.currentVersion(problem)).summary };
    const row = await this.versions.findOneBy({ problemId: problem.id, version });
    if (!row) throw notFound('problem version');
    return { problem, summary: row.summary };
  }

  /** How much of a submission's judgement its author sees (docs/security-model.md, "Feedback levels"). */
  async setFeedback(id: string, level: FeedbackLevel, by: AuditActor): Promise<{ feedback: FeedbackLevel }> {
    const problem = await this.find(id);
    await this.problems.update({ id: problem.id }, { feedback: level });
    if (problem.feedback !== level) {
      await this.audit.record({
        actor: by,
        action: 'problem.settings',
        target: { type: 'problem', id: problem.id },
        details: { feedback: { before: problem.feedback, after: level } },
      });
    }
    return { feedback: level };
  }

  async find(id: string): Promise<ProblemEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('problem');
    const problem = await this.problems.findOneBy({ id });
    if (!problem) throw notFound('problem');
    return problem;
  }

  /** Titles by id, for lists that name the problems of their rows: one query, not one per row. */
  async titles(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.problems.find({ select: { id: true, title: true }, where: { id: In(unique) } });
    return new Map(rows.map((p) => [p.id, p.title]));
  }

  async currentVersion(problem: ProblemEntity): Promise<ProblemVersionEntity> {
    const version = await this.versions.findOneBy({ problemId: problem.id, version: problem.currentVersion });
    if (!version)
      throw new AppError(500, 'INCONSISTENT', `problem ${problem.id} has no version ${problem.currentVersion}`);
    return version;
  }

  /** For runners: the derived time limit stored for a package (404 for an unknown package). */
  async storedTimeLimit(hash: string): Promise<StoredTimeLimit> {
    const stored = /^[0-9a-f]{64}$/.test(hash) ? await this.timeLimits.get(hash) : null;
    if (!stored) throw notFound('package');
    return stored;
  }

  /** For runners: keeps the first derived time limit offered for a package and returns the one kept. */
  async offerTimeLimit(hash: string, offer: DerivedTimeLimitOffer): Promise<StoredTimeLimit> {
    const stored = /^[0-9a-f]{64}$/.test(hash) ? await this.timeLimits.offer(hash, offer) : null;
    if (!stored) throw notFound('package');
    return stored;
  }

  /** For runners: the stored zip of a package hash. */
  async packagePath(hash: string): Promise<string> {
    if (!/^[0-9a-f]{64}$/.test(hash) || !(await this.store.has(hash))) throw notFound('package');
    return this.store.file(hash);
  }
}

/** Counts of a problem's judged submissions (ProblemsService.stats). */
export interface ProblemStats {
  solvers: number;
  accepted: number;
  judged: number;
}

function statsOf(stats: Map<string, ProblemStats>, id: string): Pick<ProblemListItem, 'solvedBy' | 'acceptance'> {
  const s = stats.get(id);
  return { solvedBy: s?.solvers ?? 0, acceptance: s && s.judged > 0 ? s.accepted / s.judged : null };
}

function listItem(
  problem: ProblemEntity,
  version: Pick<ProblemVersionEntity, 'summary' | 'derivedTimeLimitMs'>,
): ProblemListItem {
  return {
    id: problem.id,
    slug: problem.slug,
    title: problem.title,
    visibility: problem.visibility,
    version: problem.currentVersion,
    type: version.summary.type,
    ...shownTimeLimit(version),
    memoryMb: version.summary.memoryMb,
    tags: version.summary.keywords ?? [],
  };
}
