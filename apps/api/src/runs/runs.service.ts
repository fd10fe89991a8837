import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import { LessThan, Not, type Repository } from 'typeorm';
import {
  RUNS_DISABLED,
  joinSubmissionFiles,
  submissionFilesProblem,
  type JudgeJobProgress,
  type JudgeJobResult,
  type RunEvent,
  type RunLimitsSpec,
  type RunOutcome,
  type RunSettings,
  type RunView,
} from '@judge/contract';
import { entryRule, failedRun, type LanguageRegistry } from '@judge/judge';
import { jobPriority, priorityClassOf, type JudgeQueue } from '@judge/queue';
import { withOwnLogFields } from '@judge/worker';
import { AppError, badRequest, notFound, tooMany } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isStaff, type Caller, type RunOwner } from '../auth/auth.decorators';
import { MAX_SOURCE_BYTES } from '../submissions/submissions.service';
import { UntilStored } from '../submissions/until-stored';
import { UsersService } from '../users/users.service';
import { JUDGE_QUEUE, LANGUAGES, RATE_WINDOWS } from '../tokens';
import { withinRate, type RateWindows } from '../common/rate-windows';
import { runLimits } from './run-limits';
import type { RunBody } from './run.schemas';
import { RunEntity } from './run.entity';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import { Metrics } from '../metrics/metrics';

/** The first key of the advisory locks that serialize one user's runs (the second is the user's). */
const RUN_RATE_LOCK = 0x52554e31;

/** What a face built on runs (Judge0's) adds to a run: kept with it, and its settings sent with its job. */
export interface RunExtras {
  settings?: RunSettings;
  /** Limits beyond RunLimitsInput, already checked by the face; `extraCpuMs` is added to the CPU limit. */
  limits?: Pick<RunLimitsSpec, 'stackBytes' | 'processes' | 'fileSizeBytes'> & { extraCpuMs?: number };
  /** The face's own record of the request. */
  judge0?: Record<string, unknown>;
  /** Called once the run is done (checked by the face against the outbound policy). */
  callbackUrl?: string;
}

/** Unfinished runs looked at by one sweep, oldest first. */
const SWEEP_BATCH = 1000;

/**
 * Runs: one program, one input, no problem. They go through the judge queue as jobs of the kind `run` (the job id
 * is the run's id) and end `done` whatever happens: a judge error is a JE outcome, and the recovery sweep takes up
 * runs whose job finished, failed or went missing, as it does submissions'.
 */
@Injectable()
export class RunsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Runs');
  private readonly untilStored = new UntilStored({ log: (message) => this.logger.warn(message) });
  /** Callers of `?wait=true` in this process, by run id. */
  private readonly waiters = new Map<string, Set<() => void>>();
  /**
   * Event streams open in this process, by run id. Every API process hears the queue's progress and completion
   * events (QueueEvents on BullMQ), so each tells its own streams, whichever process stored the change.
   */
  private readonly events = new EventEmitter().setMaxListeners(0);
  /** Who wants to know that a run is done (the Judge0 face's callbacks); told in every process that stores it. */
  private readonly doneListeners: ((id: string) => void)[] = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    @InjectRepository(RunEntity) private readonly runs: Repository<RunEntity>,
    private readonly users: UsersService,
    private readonly webhooks: WebhookOutbox,
    private readonly metrics: Metrics,
    @Inject(JUDGE_QUEUE) private readonly queue: JudgeQueue,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RATE_WINDOWS) private readonly rates: RateWindows | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue.onProgress((id, progress) => this.progressed(id, progress));
    this.queue.onCompleted((result) => {
      if (!result.run) return;
      const outcome = result.run;
      return withOwnLogFields({ runId: result.submissionId, runnerId: result.runnerId }, () =>
        this.untilStored.run(`result of run ${result.submissionId}`, () => this.store(result.submissionId, outcome)),
      );
    });
    // Submissions' failures come here too: the update matches no run, and nothing happens.
    this.queue.onFailed((id, error) =>
      this.untilStored.run(`failure of job ${id}`, () => this.store(id, this.judgeError(error), true)),
    );
    await this.queue.listening();
    await this.sweep();
    this.sweepTimer = setInterval(() => void this.sweepInBackground(), this.config.RECOVERY_SWEEP_SECONDS * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.untilStored.close();
    for (const set of this.waiters.values()) for (const wake of set) wake();
    this.events.removeAllListeners();
    await this.sweeping;
  }

  /** Calls `listener` with a run's id whenever this process stores its outcome (first or not). */
  onDone(listener: (id: string) => void): void {
    this.doneListeners.push(listener);
  }

  async create(owner: RunOwner, body: RunBody, extras: RunExtras = {}): Promise<{ id: string }> {
    // A blocked user may not run either (403 USER_BLOCKED).
    if ('user' in owner) {
      await this.users.submissionsPerMinute(owner.user.id, this.config.SUBMISSIONS_PER_MINUTE);
      await this.refuseWhenSwitchedOff(owner.user);
    }
    const bytes = body.files
      ? body.files.reduce((n, f) => n + Buffer.byteLength(f.content, 'utf8'), 0)
      : Buffer.byteLength(body.source ?? '', 'utf8');
    if (bytes > MAX_SOURCE_BYTES) {
      throw new AppError(413, 'SOURCE_TOO_LARGE', `the program is over ${MAX_SOURCE_BYTES} bytes`);
    }
    const language = this.languages.find(body.language);
    const available = await this.languages.availableIds();
    if (!language || !available.includes(language.id)) {
      throw badRequest('UNKNOWN_LANGUAGE', `unknown language "${body.language}"; available: ${available.join(', ')}`);
    }
    if (body.files) {
      const problem = submissionFilesProblem(body.files, { folders: entryRule(language).folders ?? false });
      if (problem) throw badRequest('FILES_INVALID', problem);
    }
    const { extraCpuMs = 0, ...moreLimits } = extras.limits ?? {};
    const asked = runLimits(body.limits, this.config, language.runDefaults);
    const limits = { ...asked, ...moreLimits, cpuTimeMs: asked.cpuTimeMs + extraCpuMs };
    const row = this.runs.create({
      userId: 'user' in owner ? owner.user.id : null,
      address: 'user' in owner ? null : owner.address,
      language: language.id,
      source: body.files ? joinSubmissionFiles(body.files) : (body.source ?? ''),
      files: body.files ?? null,
      entryPoint: body.entryPoint ?? null,
      stdin: body.stdin,
      args: body.args,
      limits,
      settings: extras.settings ?? null,
      judge0: extras.judge0 ?? null,
      callbackUrl: extras.callbackUrl ?? null,
      callbackState: extras.callbackUrl ? 'pending' : null,
      callbackClaimedAt: null,
      status: 'queued',
      result: null,
      finishedAt: null,
    });
    const run = await this.insertWithinRate(row);
    await this.enqueue(run);
    return { id: run.id };
  }

  /**
   * 403 RUNS_DISABLED while a contest the user takes part in runs, or an assignment of a course they study in is
   * open, with runs switched off. Every run of theirs is refused, not only those from its problems' pages: the
   * playground would make the switch pointless otherwise. Staff are never refused, nor a course's teachers (the
   * query only looks at students). "Open" is the student's own window: from `opens_at` to their deadline (an
   * extension replaces it), and on through a late period that has an end; an endless late period is left out, or
   * runs would stay off for good. Both lookups go by user (indexed), in one query.
   */
  private async refuseWhenSwitchedOff(user: Caller): Promise<void> {
    if (isStaff(user)) return;
    const [off] = await this.runs.query<{ kind: 'contest' | 'assignment'; title: string }[]>(
      `(SELECT 'contest' AS kind, c.title
          FROM contest_participants p JOIN contests c ON c.id = p.contest_id
         WHERE p.user_id = $1 AND NOT c.runs_enabled AND c.starts_at <= now() AND now() < c.ends_at
         LIMIT 1)
       UNION ALL
       (SELECT 'assignment' AS kind, a.title
          FROM course_members m
          JOIN assignments a ON a.course_id = m.course_id
          LEFT JOIN assignment_extensions e ON e.assignment_id = a.id AND e.user_id = m.user_id
         WHERE m.user_id = $1 AND m.role = 'student' AND NOT a.runs_enabled AND a.opens_at <= now()
           AND now() < CASE WHEN a.late_penalty IS NOT NULL AND a.late_until IS NOT NULL
                            THEN GREATEST(a.late_until, COALESCE(e.deadline, a.deadline))
                            ELSE COALESCE(e.deadline, a.deadline) END
         LIMIT 1)
       LIMIT 1`,
      [user.id],
    );
    if (off) throw new AppError(403, RUNS_DISABLED, `runs are off during ${off.kind} "${off.title}"`);
  }

  /** The run if the caller made it or is an admin; 404 otherwise, so that others' ids tell nothing. */
  async get(viewer: RunOwner, id: string): Promise<RunView> {
    const run = await this.visible(viewer, id);
    return view(run);
  }

  /** The stored run, seen as `get` sees it (404 otherwise): for faces that keep more with a run. */
  record(viewer: RunOwner, id: string): Promise<RunEntity> {
    return this.visible(viewer, id);
  }

  /** Waits until the run is done, at most RUN_WAIT_SECONDS; answers its view either way. */
  async waitFor(viewer: RunOwner, id: string, ms = this.config.RUN_WAIT_SECONDS * 1000): Promise<RunView> {
    const run = await this.visible(viewer, id);
    if (run.status === 'done') return view(run);
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(id) ?? new Set<() => void>();
      this.waiters.set(id, set);
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
      // Done between the read above and now: no event will come for it.
      void this.runs.findOneBy({ id }).then((latest) => {
        if (latest?.status === 'done') wake();
      });
    });
    return view(await this.visible(viewer, id));
  }

  /**
   * Calls `listener` with the run's events in this process from now on (see RunEvent); the caller has checked the
   * run is visible. Returns the unsubscribe.
   */
  subscribe(id: string, listener: (event: RunEvent) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  /** Streams open in this process on a run: none once every one has closed. */
  listenerCount(id: string): number {
    return this.events.listenerCount(id);
  }

  /**
   * A user's run is seen by that user and admins. A run of no user (EXECUTION_API_AUTH=none) is seen by whoever
   * holds its id, as a Judge0 token is: the id is a random UUID.
   */
  private async visible(viewer: RunOwner, id: string): Promise<RunEntity> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const run = uuid.test(id) ? await this.runs.findOneBy({ id }) : null;
    if (!run) throw notFound('run');
    if (run.userId === null) return run;
    if (!('user' in viewer) || (run.userId !== viewer.user.id && viewer.user.role !== 'admin')) throw notFound('run');
    return run;
  }

  /**
   * Stores a run unless its owner (a user, or an address for runs of no user) started RUNS_PER_MINUTE in the last
   * minute or has RUNS_IN_FLIGHT unfinished. The minute is counted in Redis when the deployment has it, as
   * submissions' is; the runs in flight (and, without Redis, the minute's) are counted in the transaction that
   * inserts the run, under a lock of the owner's own.
   */
  private insertWithinRate(row: RunEntity): Promise<RunEntity> {
    const { RUNS_PER_MINUTE: perMinute, RUNS_IN_FLIGHT: inFlight } = this.config;
    const [key, owned] =
      row.userId !== null ? [row.userId, 'user_id = $1'] : [`@${row.address}`, 'user_id IS NULL AND address = $1'];
    const refused = () => tooMany(`at most ${perMinute} runs a minute; try again shortly`);
    const insert = (countMinute: boolean) =>
      this.runs.manager.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RUN_RATE_LOCK, key]);
        const [{ recent, pending }] = await manager.query<[{ recent: number; pending: number }]>(
          `SELECT count(*) FILTER (WHERE created_at > clock_timestamp() - interval '1 minute')::int AS recent,
                  count(*) FILTER (WHERE status <> 'done')::int AS pending
             FROM runs WHERE ${owned}`,
          [row.userId ?? row.address],
        );
        if (countMinute && recent >= perMinute) throw refused();
        if (pending >= inFlight) {
          throw new AppError(429, 'RUNS_IN_FLIGHT', `at most ${inFlight} runs at once; wait for one to finish`);
        }
        return manager.save(row);
      });
    return withinRate(
      this.rates,
      { key: `runs:${key}`, limit: perMinute, windowMs: 60_000, refused },
      () => insert(false),
      () => insert(true),
    );
  }

  private async enqueue(run: RunEntity): Promise<void> {
    const first = run.files?.[0];
    await this.queue.enqueue(
      {
        submissionId: run.id,
        packageHash: '',
        language: run.language,
        fileName: first ? first.name : `main.${this.languages.find(run.language)?.extensions[0] ?? 'txt'}`,
        source: run.source,
        ...(run.files ? { files: run.files } : {}),
        ...(run.entryPoint ? { entryPoint: run.entryPoint } : {}),
        run: { stdin: run.stdin, args: run.args, limits: run.limits, ...(run.settings ?? {}) },
      },
      // Someone waits for a run: it goes where RUN_PRIORITY places runs among submissions.
      { priority: jobPriority(priorityClassOf({ kind: 'run' }), this.config.RUN_PRIORITY) },
    );
  }

  /** A runner took the run: it starts by compiling. Submissions' events match no run and change nothing. */
  private async progressed(id: string, progress: JudgeJobProgress): Promise<void> {
    if (progress.type !== 'compiling') return;
    await this.runs.update({ id, status: 'queued' }, { status: 'running' }).catch(() => undefined);
    // Told whether this process or another stored it; a run already done (the events came late) says nothing.
    if (this.events.listenerCount(id) === 0) return;
    const run = await this.runs.findOneBy({ id });
    if (run && run.status !== 'done') this.emit(id, { type: 'status', status: 'running' });
  }

  private emit(id: string, event: RunEvent): void {
    this.events.emit(id, event);
  }

  /** Stores a run's outcome once (the first wins), then wakes who waits for it in this process. */
  private async store(id: string, outcome: RunOutcome, onlyIfRun = false): Promise<void> {
    if (onlyIfRun && !(await this.runs.existsBy({ id }))) return;
    // The outcome and its webhook deliveries are stored together (the outbox): neither without the other.
    const { affected, deliveries } = await this.runs.manager.transaction(async (tx) => {
      const { affected } = await tx.update(
        RunEntity,
        { id, status: Not('done') },
        { status: 'done', result: outcome, finishedAt: new Date() },
      );
      return { affected, deliveries: affected ? await this.webhooks.runFinished(tx, id) : 0 };
    });
    if (deliveries > 0) this.webhooks.written();
    if (affected) this.metrics.runFinished(outcome.verdict);
    for (const wake of [...(this.waiters.get(id) ?? [])]) wake();
    for (const listener of this.doneListeners) listener(id);
    // Streams hear the run as stored, which is the first outcome whichever process stored it.
    if (this.events.listenerCount(id) === 0) return;
    const run = await this.runs.findOneBy({ id });
    if (run?.status === 'done') this.emit(id, { type: 'done', run: view(run) });
  }

  private judgeError(error: string): RunOutcome {
    return failedRun('JE', '', this.config.RUN_OUTPUT_CHARS, `judge: ${error}`);
  }

  private sweepInBackground(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.logger.warn(`run sweep failed: ${(error as Error).message}`))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  /**
   * The recovery sweep of runs, beside submissions' (same interval, same rules): an unfinished run whose job
   * completed or failed gets its outcome, one with no job is enqueued again under its id; runs older than
   * RUN_RETENTION_HOURS are deleted.
   */
  private async sweep(): Promise<void> {
    const cutoff = new Date(Date.now() - this.config.RUN_RETENTION_HOURS * 3600 * 1000);
    await this.runs.delete({ createdAt: LessThan(cutoff) });
    const pending = await this.runs.find({
      where: { status: Not('done') },
      order: { createdAt: 'ASC' },
      take: SWEEP_BATCH,
    });
    for (const run of pending) {
      const state = await this.queue.jobState(run.id);
      if (state.state === 'completed') await this.store(run.id, outcomeOf(state.result, this.config.RUN_OUTPUT_CHARS));
      else if (state.state === 'failed') await this.store(run.id, this.judgeError(state.error));
      else if (state.state === 'unknown') {
        // Its runner's work is lost with the job: it waits again.
        await this.runs.update({ id: run.id, status: Not('done') }, { status: 'queued' });
        this.emit(run.id, { type: 'status', status: 'queued' });
        await this.enqueue(run);
      }
    }
  }
}

function outcomeOf(result: JudgeJobResult, outputChars: number): RunOutcome {
  return result.run ?? failedRun('JE', '', outputChars, 'judge: the runner returned no run outcome');
}

function view(run: RunEntity): RunView {
  return {
    id: run.id,
    status: run.status,
    language: run.language,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    ...(run.result ?? {}),
  };
}
