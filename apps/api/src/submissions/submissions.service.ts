import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import {
  joinSubmissionFiles,
  SUBMISSION_LIMITS,
  submissionFilesProblem,
  type JudgeJobProgress,
  type JudgeJobResult,
  type JudgeResult,
  type SubmissionFile,
  type SubmissionPage,
  type SubmissionProgram,
  type SubmissionTestView,
  type SubmissionView,
  type TestCaseResult,
} from '@judge/contract';
import { ANSWERS_LANGUAGE, type ContestSubmissionKind, type VerdictFilter } from '@judge/contract';
import { entryRule, type LanguageRegistry } from '@judge/judge';
import { jobPriority, priorityClassOf, type JudgeQueue } from '@judge/queue';
import { withOwnLogFields } from '@judge/worker';
import { AppError, badRequest, notFound, tooMany } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemVersionEntity, SubmissionEntity, type ProblemSummary } from '../database/entities';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { timeLimitOf } from '../problems/package-time-limits';
import { ProblemsService } from '../problems/problems.service';
import { ProblemVisibility } from '../problems/problem-visibility';
import { UsersService } from '../users/users.service';
import { JUDGE_QUEUE, LANGUAGES, RATE_WINDOWS } from '../tokens';
import { withinRate, type RateWindows } from '../common/rate-windows';
import { FeedbackPolicy } from './feedback-policy';
import { SubmissionEvents, statusOf } from './submission-events';
import { latestAdjustments } from '../review/adjustments';
import { securityEventColumns } from '../security-events/security-events';
import { UntilStored } from './until-stored';
import { verdictWhere } from './verdict-filter';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import { AuditLog, type AuditActor } from '../audit/audit-log.service';
import { isUuid } from '../common/uuid';
import { submissionNeighbours, submissionPlace, submissionPlaces, teachesAssignment } from './submission-place';
import { Metrics } from '../metrics/metrics';

/** The engine's limit on a source, or on all files of a submission together (the same as `judge run`). */
export const MAX_SOURCE_BYTES = SUBMISSION_LIMITS.maxTotalBytes;

/** The first key of the advisory locks that serialize one user's submissions (the second is the user's). */
const SUBMISSION_RATE_LOCK = 0x53554231;

export interface SubmissionContext {
  contestId?: string;
  /** In a team contest: the submitter's team, whose members all see the submission. */
  teamId?: string | null;
  /** What a contest submission is made as; `contest` unless told (the contest's service decides). */
  contestKind?: ContestSubmissionKind;
  assignmentId?: string;
}

/** What became of a result offered for storing. */
type Stored = 'stored' | 'duplicate' | 'stale' | 'missing';

/** Unfinished submissions looked at by one sweep, oldest first; the next sweep takes the rest. */
const SWEEP_BATCH = 1000;

@Injectable()
export class SubmissionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Submissions');
  /** Results that came while PostgreSQL was down, tried again until it answers. */
  private readonly untilStored = new UntilStored({ log: (message) => this.logger.warn(message) });
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private stopHearingJudged: (() => void) | null = null;

  constructor(
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(ProblemVersionEntity) private readonly versions: Repository<ProblemVersionEntity>,
    private readonly problems: ProblemsService,
    private readonly visibility: ProblemVisibility,
    private readonly users: UsersService,
    private readonly events: SubmissionEvents,
    private readonly feedback: FeedbackPolicy,
    private readonly webhooks: WebhookOutbox,
    private readonly metrics: Metrics,
    @Inject(JUDGE_QUEUE) private readonly queue: JudgeQueue,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
    @Inject(RATE_WINDOWS) private readonly rates: RateWindows | null,
  ) {}

  /**
   * Listens to the queue, then takes up what a previous run of the API left unfinished, and keeps doing so
   * every RECOVERY_SWEEP_SECONDS: nothing is lost when Redis loses its data or PostgreSQL is down for a while.
   */
  async onApplicationBootstrap(): Promise<void> {
    // Events of one submission are handled one after another, in the order they came: the queue does not
    // wait for a handler before calling the next, and a reset must not overtake the test after it.
    this.queue.onProgress((id, progress) => this.inOrder(id, () => this.progressed(id, progress)));
    // Lines about a result name its submission (and runner), and nothing of the context the queue calls back in
    // (the in-process queue calls from the job that ended, or the request that enqueued it).
    this.queue.onCompleted((result) =>
      withOwnLogFields({ submissionId: result.submissionId, runnerId: result.runnerId }, () =>
        this.inOrder(result.submissionId, () =>
          this.untilStored.run(`result of submission ${result.submissionId}`, () => this.completed(result)),
        ),
      ),
    );
    this.queue.onFailed((id, error) =>
      withOwnLogFields({ submissionId: id }, () =>
        this.inOrder(id, () => this.untilStored.run(`failure of submission ${id}`, () => this.failed(id, error))),
      ),
    );
    // Every process's streams hear a stored result, whichever process stored it.
    this.stopHearingJudged = this.events.onJudgedElsewhere((id) => void this.tellJudged(id));
    // Only then ask the queue about unfinished work: a job finishing in between is heard, not missed.
    await this.queue.listening();
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweepInBackground(), this.config.RECOVERY_SWEEP_SECONDS * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopHearingJudged?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.untilStored.close();
    await this.sweeping;
  }

  /** One sweep at a time; a failed one (PostgreSQL or Redis down) is logged, and the next interval tries again. */
  private sweepInBackground(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.logger.warn(`recovery sweep failed: ${(error as Error).message}`))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private readonly chains = new Map<string, Promise<void>>();

  private inOrder<T>(id: string, work: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(work, work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(id, tail);
    void tail.then(() => {
      if (this.chains.get(id) === tail) this.chains.delete(id);
    });
    return next;
  }

  /**
   * A submission to a problem; in a contest or for an assignment, the caller (the contest's or the
   * course's service) has checked that the user may submit there and now.
   */
  async create(
    caller: Caller,
    input: SubmissionProgram & { problemId: string },
    context: SubmissionContext = {},
  ): Promise<{ id: string }> {
    // A blocked user may not submit at all; a rate-limited one has a limit of their own.
    const perMinute = await this.users.submissionsPerMinute(caller.id, this.config.SUBMISSIONS_PER_MINUTE);
    const bytes = input.files
      ? input.files.reduce((n, f) => n + Buffer.byteLength(f.content, 'utf8'), 0)
      : Buffer.byteLength(input.source ?? '', 'utf8');
    if (bytes > MAX_SOURCE_BYTES) {
      const what = input.files ? 'the files add up to' : 'the source is';
      throw new AppError(413, 'SOURCE_TOO_LARGE', `${what} over ${MAX_SOURCE_BYTES} bytes`);
    }
    // A submit-answer problem's submissions are answers, in the pseudo-language `answers` (see below).
    const answers = input.language === ANSWERS_LANGUAGE;
    const language = answers ? null : this.languages.find(input.language);
    const available = await this.languages.availableIds();
    if (!answers && (!language || !available.includes(language.id))) {
      throw badRequest('UNKNOWN_LANGUAGE', `unknown language "${input.language}"; available: ${available.join(', ')}`);
    }
    // The judge's own rules, checked before anything is stored: a refused file leaves no row behind.
    const files: SubmissionFile[] | null = input.files ?? null;
    if (files) {
      // Answers are named after their tests, which may be in groups (`secret/group1/03.out`).
      const problem = submissionFilesProblem(files, {
        folders: language ? (entryRule(language).folders ?? false) : true,
      });
      if (problem) throw badRequest('FILES_INVALID', problem);
      const entryFile = language && entryRule(language).kind === 'file';
      if (input.entryPoint && entryFile && !files.some((f) => f.name === input.entryPoint)) {
        throw badRequest('FILES_INVALID', `entryPoint: ${input.entryPoint} is not one of the files`);
      }
    }
    // Practice submissions only to problems the caller may see; contests and courses have checked their own.
    if (!context.contestId && !context.assignmentId) {
      await this.visibility.assertPracticeVisible(caller, input.problemId);
    }
    const problem = await this.problems.find(input.problemId);
    const version = await this.problems.currentVersion(problem);
    if (version.summary.testCount === 0) throw badRequest('NO_TESTS', 'this problem has no tests yet');
    if ((version.summary.submitAnswer ?? false) !== answers) {
      throw badRequest(
        'ANSWERS_EXPECTED',
        answers
          ? `only submit-answer problems take language "${ANSWERS_LANGUAGE}"`
          : `this is a submit-answer problem: submit the answers with language "${ANSWERS_LANGUAGE}"`,
      );
    }
    const submission = await this.insertWithinRate(
      caller.id,
      perMinute,
      this.submissions.create({
        userId: caller.id,
        problemId: problem.id,
        problemVersionId: version.id,
        language: language?.id ?? ANSWERS_LANGUAGE,
        // One answer file: the engine takes it as the answer of a problem's only test, else of the test it names.
        fileName: files ? files[0].name : language ? `main.${language.extensions[0]}` : 'answer.out',
        source: files ? joinSubmissionFiles(files) : (input.source ?? ''),
        files,
        entryPoint: files ? (input.entryPoint ?? null) : null,
        status: 'queued',
        tests: [],
        groups: [],
        contestId: context.contestId ?? null,
        teamId: context.teamId ?? null,
        contestKind: context.contestId ? (context.contestKind ?? 'contest') : null,
        assignmentId: context.assignmentId ?? null,
      }),
    );
    await this.enqueue(submission, version, false);
    this.events.changed(submission);
    return { id: submission.id };
  }

  /**
   * Stores a submission unless the user made `perMinute` in the last minute, counted in Redis when the deployment
   * has it (RateWindows: every API process counts the same). Otherwise the count and the insert run in one
   * transaction under a lock of the user's own (a PostgreSQL advisory lock, so it holds across API instances
   * sharing the database): parallel posts are counted one after another, never all against the same count.
   * Either way one clock (Redis's, the database's) measures the minute, so API hosts' clocks do not matter.
   */
  private insertWithinRate(userId: string, perMinute: number, row: SubmissionEntity): Promise<SubmissionEntity> {
    const refused = () => tooMany(`at most ${perMinute} submissions a minute; try again shortly`);
    return withinRate(
      this.rates,
      { key: `submissions:${userId}`, limit: perMinute, windowMs: 60_000, refused },
      () => this.submissions.save(row),
      () =>
        this.submissions.manager.transaction(async (manager) => {
          await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBMISSION_RATE_LOCK, userId]);
          const [{ recent }] = await manager.query<[{ recent: number }]>(
            `SELECT count(*)::int AS recent FROM submissions
              WHERE user_id = $1 AND created_at > clock_timestamp() - interval '1 minute'`,
            [userId],
          );
          if (recent >= perMinute) throw refused();
          return manager.save(row);
        }),
    );
  }

  private async enqueue(submission: SubmissionEntity, version: ProblemVersionEntity, rejudge: boolean): Promise<void> {
    // The version's one time limit, for every runner; none yet while it is still to be derived (the runner asks).
    const timeLimitMs = timeLimitOf(version);
    // Every judging after the first is a rejudge's, also when a sweep or a stale result enqueues it again.
    const priorityClass = priorityClassOf({
      kind: 'submission',
      contestId: submission.contestId,
      assignmentId: submission.assignmentId,
      rejudge: submission.attempt > 1,
    });
    await this.queue.enqueue(
      {
        submissionId: submission.id,
        packageHash: version.packageHash,
        language: submission.language,
        fileName: submission.fileName,
        source: submission.source,
        ...(submission.files ? { files: submission.files } : {}),
        ...(submission.entryPoint ? { entryPoint: submission.entryPoint } : {}),
        ...(timeLimitMs === null ? {} : { timeLimitMs }),
        attempt: submission.attempt,
      },
      { rejudge, priority: jobPriority(priorityClass) },
    );
  }

  async get(caller: Caller, id: string): Promise<SubmissionView> {
    const submission = await this.visible(caller, id);
    const version = await this.versions.findOneBy({ id: submission.problemVersionId });
    // Only its author, their team and staff reach here: all see a teacher's manual score.
    const manager = this.submissions.manager;
    const [adjustments, place, users, titles, reviewer] = await Promise.all([
      latestAdjustments(manager, [submission.id]),
      submissionPlace(manager, submission),
      this.users.usernames([submission.userId]),
      this.problems.titles([submission.problemId]),
      this.reviewsAll(caller, submission),
    ]);
    const view: SubmissionView = {
      ...this.view(submission, version?.summary ?? null, true),
      username: users.get(submission.userId),
      problemTitle: titles.get(submission.problemId),
      adjustment: adjustments.get(submission.id) ?? null,
      place,
      // Who goes through a class's submissions: staff, and the assignment's teachers; never a student.
      ...(reviewer ? { neighbours: await submissionNeighbours(manager, submission) } : {}),
      ...staffSecurityEvents(caller, submission),
    };
    return (await this.feedback.restrict(caller, [submission], [view]))[0];
  }

  async list(
    caller: Caller,
    filter: { problemId?: string; userId?: string; verdict?: VerdictFilter; page: number },
  ): Promise<SubmissionPage> {
    const where: FindOptionsWhere<SubmissionEntity> = filter.verdict ? verdictWhere(filter.verdict) : {};
    if (filter.problemId) where.problemId = filter.problemId;
    // Contestants see only their own submissions, whatever they ask for.
    if (!isStaff(caller)) where.userId = caller.id;
    else if (filter.userId) where.userId = filter.userId;
    const pageSize = 50;
    const rows = await this.submissions.find({
      where,
      order: { createdAt: 'DESC' },
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
    });
    // Names for the list, in two lookups rather than one per row.
    const [users, problems, places] = await Promise.all([
      this.users.usernames(rows.map((r) => r.userId)),
      this.problems.titles(rows.map((r) => r.problemId)),
      submissionPlaces(this.submissions.manager, rows),
    ]);
    const views = rows.map((s) => ({
      ...this.view(s, null, false),
      username: users.get(s.userId),
      problemTitle: problems.get(s.problemId),
      place: places.get(s.id) ?? null,
    }));
    return { items: await this.feedback.restrict(caller, rows, views), page: filter.page };
  }

  /** Judged again; recorded once queued (the save and the queue are not one transaction). */
  async rejudge(id: string, by: AuditActor): Promise<{ id: string }> {
    if (!isUuid(id)) throw notFound('submission');
    const submission = await this.submissions.findOneBy({ id });
    if (!submission) throw notFound('submission');
    const before = { verdict: submission.verdict, score: submission.score, attempt: submission.attempt };
    await this.restart(submission);
    await this.audit.record({
      actor: by,
      action: 'submission.rejudge',
      target: { type: 'submission', id },
      details: { problemId: submission.problemId, userId: submission.userId, before },
    });
    return { id };
  }

  async rejudgeProblem(problemId: string, by: AuditActor): Promise<{ count: number }> {
    const problem = await this.problems.find(problemId);
    const rows = await this.submissions.findBy({ problemId: problem.id });
    for (const submission of rows) await this.restart(submission);
    await this.audit.record({
      actor: by,
      action: 'submission.rejudge',
      target: { type: 'problem', id: problem.id },
      details: { count: rows.length },
    });
    return { count: rows.length };
  }

  /** A rejudge runs on the submission's own problem version and starts from a clean result. */
  private async restart(submission: SubmissionEntity): Promise<void> {
    const version = await this.versions.findOneByOrFail({ id: submission.problemVersionId });
    // A new judging attempt: results of earlier ones that come later are not stored over it.
    Object.assign(submission, emptyResult(), { status: 'queued', attempt: submission.attempt + 1 });
    await this.submissions.save(submission);
    await this.enqueue(submission, version, true);
    this.events.changed(submission);
  }

  /**
   * Visible to its author, to setters and admins, to the members of the team it was made for (a team contest's),
   * and (one made for an assignment) to the course's teachers; to anyone else it does not exist.
   */
  async visible(caller: Caller, id: string): Promise<SubmissionEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('submission');
    const submission = await this.submissions.findOneBy({ id });
    if (!submission) throw notFound('submission');
    if (submission.userId === caller.id || isStaff(caller)) return submission;
    if (submission.teamId && (await onTeam(this.submissions.manager, caller.id, submission.teamId))) return submission;
    if (
      submission.assignmentId &&
      (await teachesAssignment(this.submissions.manager, caller.id, submission.assignmentId))
    )
      return submission;
    throw notFound('submission');
  }

  /** Staff, and the teachers of the submission's assignment: those who see everyone's submissions there. */
  private async reviewsAll(caller: Caller, s: SubmissionEntity): Promise<boolean> {
    if (isStaff(caller)) return true;
    return s.assignmentId !== null && (await teachesAssignment(this.submissions.manager, caller.id, s.assignmentId));
  }

  /**
   * The submission in full: secret tests show only verdict, time and memory; samples also their input and expected
   * output. What leaves the API goes through FeedbackPolicy.restrict first (all but staff see less).
   */
  view(s: SubmissionEntity, summary: ProblemSummary | null, withSource: boolean): SubmissionView {
    const samples = new Map((summary?.samples ?? []).map((x) => [x.name, x]));
    return {
      id: s.id,
      problemId: s.problemId,
      userId: s.userId,
      language: s.language,
      status: s.status,
      verdict: s.verdict,
      score: s.score,
      maxScore: s.maxScore,
      timeMs: s.timeMs,
      memoryKb: s.memoryKb,
      compileOutput: s.compileOutput,
      createdAt: s.createdAt.toISOString(),
      judgedAt: s.judgedAt?.toISOString() ?? null,
      contestId: s.contestId,
      contestKind: s.contestKind,
      assignmentId: s.assignmentId,
      ...(withSource
        ? {
            source: s.source,
            files: s.files ?? [{ name: s.fileName, content: s.source }],
            entryPoint: s.entryPoint,
          }
        : {}),
      feedback: 'full',
      ...(summary ? { testCount: summary.testCount } : {}),
      tests: s.tests.map((t) => testView(t, samples.get(t.name))),
      groups: s.groups,
    };
  }

  private async progressed(id: string, progress: JudgeJobProgress): Promise<void> {
    const status = statusOf(progress);
    if (progress.type === 'test') {
      // Kept as they arrive, so that someone opening the submission while it runs sees the tests so far.
      // Every API process hears every test (the queue's events go to each): the first stores it, by its name.
      await this.submissions.manager.query(
        `UPDATE submissions SET status = $2, tests = tests || $3::jsonb
          WHERE id = $1 AND status <> 'done' AND NOT tests @> $4::jsonb`,
        [id, status, JSON.stringify([progress.result]), JSON.stringify([{ name: progress.result.name }])],
      );
    } else {
      // A new attempt (a rejudge, or a job taken again after its runner died) starts its list afresh.
      await this.submissions.update({ id, status: Not('done') }, { status, tests: [] });
    }
    if (progress.type === 'test') {
      this.events.emit(id, {
        type: 'test',
        index: progress.index,
        total: progress.total,
        test: testView(progress.result, undefined),
      });
    } else {
      this.events.emit(id, { type: 'status', status });
    }
  }

  /** A result another process stored, to this process's streams of the submission (none: nothing is read). */
  private async tellJudged(id: string): Promise<void> {
    if (this.events.listenerCount(id) === 0) return;
    try {
      const submission = await this.submissions.findOneBy({ id });
      if (submission?.status === 'done') await this.emitDone(submission);
    } catch (error) {
      // The streams read the result themselves when they are opened again.
      this.logger.warn(`cannot tell the streams of ${id} its result: ${(error as Error).message}`);
    }
  }

  /** A judged submission's result, to the streams of it open in this process. */
  private async emitDone(submission: SubmissionEntity): Promise<void> {
    const version = await this.versions.findOneBy({ id: submission.problemVersionId });
    this.events.emit(submission.id, {
      type: 'done',
      submission: this.view(submission, version?.summary ?? null, false),
    });
  }

  private async completed({ submissionId, result, runnerId, attempt, run }: JudgeJobResult): Promise<void> {
    // A run's (RunsService stores it): no submission has its id.
    if (run) return;
    const stored = await this.store(submissionId, result, runnerId, attempt);
    if (stored === 'stale') await this.takeUpStale(submissionId);
  }

  /** The queue gave up on a job (the runner failed every attempt): our error, shown as JE, open to rejudging. */
  private async failed(id: string, error: string, attempt?: number): Promise<void> {
    this.logger.warn(`judging ${id} failed: ${error}`);
    const stored = await this.store(id, { ...emptyJudgeResult(), verdict: 'JE', judgeError: error }, null, attempt);
    if (stored === 'stale') await this.takeUpStale(id);
  }

  /**
   * Stores a final result once: only while the submission is unfinished, and only for the judging attempt it
   * belongs to (a result from before a rejudge is `stale`). A result that names no attempt (from a runner that
   * predates them) is taken for the current one. The check and the write are one UPDATE, so a result that comes
   * twice at once (the event, and the sweep reading the finished job) is stored once.
   */
  private async store(id: string, result: JudgeResult, runnerId: string | null, attempt?: number): Promise<Stored> {
    const worst = (pick: (t: TestCaseResult) => number) =>
      result.tests.length ? Math.max(...result.tests.map(pick)) : null;
    // The verdict and its webhook deliveries are stored together (the outbox): neither without the other.
    const { affected, deliveries } = await this.submissions.manager.transaction(async (tx) => {
      const { affected } = await tx.update(
        SubmissionEntity,
        { id, status: Not('done'), ...(attempt === undefined ? {} : { attempt }) },
        {
          status: 'done',
          verdict: result.verdict,
          score: result.score,
          maxScore: result.maxScore,
          timeMs: worst((t) => t.timeMs),
          memoryKb: worst((t) => t.memoryKb),
          compileOutput: result.compileOutput,
          judgeError: result.judgeError ?? null,
          tests: result.tests,
          groups: result.groups,
          ...securityEventColumns(result),
          judgedBy: runnerId,
          judgedAt: new Date(),
        },
      );
      return { affected, deliveries: affected ? await this.webhooks.submissionJudged(tx, id) : 0 };
    });
    if (deliveries > 0) this.webhooks.written();
    const submission = await this.submissions.findOneBy({ id });
    if (!submission) return 'missing';
    if (!affected) return attempt !== undefined && attempt < submission.attempt ? 'stale' : 'duplicate';
    // Stored once among all API processes (the UPDATE above), so counted and logged once.
    this.metrics.judged(submission.language, result);
    this.logger.log(`submission ${id}: ${result.verdict} stored (attempt ${submission.attempt})`);
    await this.emitDone(submission);
    this.events.judged(id);
    this.events.changed(submission);
    return 'stored';
  }

  /**
   * An earlier attempt's job finished after a rejudge (which leaves a job that is still running alone): the
   * rejudge's own judgement is still to come, so the finished job is replaced by one of the current attempt.
   */
  private async takeUpStale(id: string): Promise<void> {
    const submission = await this.submissions.findOneBy({ id });
    if (!submission || submission.status === 'done') return;
    await this.requeue(submission, true);
  }

  /**
   * Enqueues an unfinished submission again, as `queued` with no tests, unless it got its verdict meanwhile.
   * `replace`: the job of this id has finished and must give way (enqueueing the same id is otherwise a no-op).
   */
  private async requeue(submission: SubmissionEntity, replace: boolean): Promise<boolean> {
    const { affected } = await this.submissions.update(
      { id: submission.id, attempt: submission.attempt, status: Not('done') },
      { status: 'queued', tests: [] },
    );
    if (!affected) return false;
    const version = await this.versions.findOneByOrFail({ id: submission.problemVersionId });
    await this.enqueue(submission, version, replace);
    this.events.changed(submission);
    return true;
  }

  /**
   * The recovery sweep, at start-up and then every RECOVERY_SWEEP_SECONDS: each unfinished submission is
   * compared with its job. A finished job's result (or failure) is stored, so one that came while PostgreSQL was
   * down is not lost; a submission with no job (Redis lost its data, an in-process queue died with the API, or
   * the enqueue failed) is enqueued again under the same job id; a job still waiting or running is left alone
   * (a runner that dies is the queue's to notice: its job is taken again once its lock expires). Storing and
   * enqueueing are idempotent, so sweeps of several API instances, and events arriving meanwhile, do no harm.
   */
  private async sweep(): Promise<void> {
    const pending = await this.submissions.find({
      where: { status: Not('done') },
      order: { createdAt: 'ASC' },
      take: SWEEP_BATCH,
    });
    let takenUp = 0;
    for (const submission of pending) {
      const sweptOne = () => this.inOrder(submission.id, () => this.sweepOne(submission));
      if (await withOwnLogFields({ submissionId: submission.id }, sweptOne)) takenUp++;
    }
    if (takenUp > 0) this.logger.log(`took up ${takenUp} unfinished submissions`);
  }

  private async sweepOne(submission: SubmissionEntity): Promise<boolean> {
    const state = await this.queue.jobState(submission.id);
    switch (state.state) {
      case 'completed': {
        const { result, runnerId, attempt } = state.result;
        const stored = await this.store(submission.id, result, runnerId, attempt);
        if (stored === 'stale') return this.requeue(submission, true);
        return stored === 'stored';
      }
      case 'failed': {
        if (state.attempt !== undefined && state.attempt < submission.attempt) return this.requeue(submission, true);
        await this.failed(submission.id, state.error, state.attempt);
        return true;
      }
      case 'unknown':
        return this.requeue(submission, false);
      default:
        return false;
    }
  }
}

function testView(t: TestCaseResult, sample: ProblemSummary['samples'][number] | undefined): SubmissionTestView {
  const base = {
    name: t.name,
    group: t.group,
    verdict: t.verdict,
    timeMs: t.timeMs,
    memoryKb: t.memoryKb,
    ...(t.passes === undefined ? {} : { passes: t.passes }),
  };
  // Feedback and data of secret tests can reveal the tests: only samples show them.
  return sample
    ? {
        ...base,
        feedback: t.feedback,
        input: sample.input,
        expected: sample.answer,
        output: t.output ?? '',
        // How the program ended and what it wrote to stderr: on secret tests a channel out of the box, so samples only.
        ...(t.exitCode === undefined ? {} : { exitCode: t.exitCode }),
        ...(t.signal === undefined ? {} : { signal: t.signal }),
        ...(t.stderr === undefined ? {} : { stderr: t.stderr }),
      }
    : base;
}

/** What a submission's runs did that probes the sandbox: for staff only, never for its author. */
function staffSecurityEvents(caller: Caller, s: SubmissionEntity): Pick<SubmissionView, 'securityEvents'> {
  return isStaff(caller) ? { securityEvents: s.securityEvents } : {};
}

function emptyJudgeResult(): JudgeResult {
  return { verdict: 'JE', score: 0, maxScore: null, compileOutput: '', tests: [], groups: [] };
}

function emptyResult(): Partial<SubmissionEntity> {
  return {
    verdict: null,
    score: null,
    maxScore: null,
    timeMs: null,
    memoryKb: null,
    compileOutput: null,
    judgeError: null,
    tests: [],
    groups: [],
    judgedBy: null,
    judgedAt: null,
  };
}

/** Whether the user is on the team now (a member who left no longer sees its work). */
async function onTeam(manager: EntityManager, userId: string, teamId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>('SELECT 1 FROM team_members WHERE user_id = $1 AND team_id = $2', [
    userId,
    teamId,
  ]);
  return rows.length > 0;
}
