import { Queue, QueueEvents, Worker, type Job, type JobsOptions } from 'bullmq';
import { QUEUE_NAMES, type JudgeJobPayload, type JudgeJobProgress, type JudgeJobResult } from '@judge/contract';
import { ALL_JOB_PRIORITIES, DEFAULT_JOB_PRIORITY } from './job-priority';
import { JudgeEventHandlers, reportToStderr, type QueueErrorHandler } from './judge-events';
import type {
  CompletedHandler,
  EnqueueOptions,
  FailedHandler,
  JudgeJobHandler,
  JudgeJobState,
  JudgeQueue,
  JudgeQueueCounts,
  JudgeWorkerHost,
  ProgressHandler,
} from './judge-queue';

/** Settings both sides share: where the queue lives. */
export interface BullmqConnectionOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  redisUrl: string;
  /** Prefix of every Redis key of the queue (default `judge`); tests take their own so that runs never meet. */
  prefix?: string;
  /** Errors with no caller to report to: lost connections, throwing event handlers (default: stderr). */
  onError?: QueueErrorHandler;
}

export interface BullmqQueueOptions extends BullmqConnectionOptions {
  /** Attempts of a job whose runner throws, e.g. because the package could not be downloaded (default 3). */
  attempts?: number;
  /** Wait before the second attempt, doubled for each further one (default 5 s). */
  backoffMs?: number;
}

export interface BullmqWorkerOptions extends BullmqConnectionOptions {
  /** Jobs judged at once by this worker (default 1). */
  concurrency?: number;
  /** Stored on the jobs this worker takes, for operators (BullMQ's worker name). */
  workerName?: string;
  /**
   * How long a job stays locked without a renewal (default 30 s; renewed every half of it). A runner killed
   * mid-job loses its lock after this long, and the job is then taken again by the next stalled check.
   */
  lockDurationMs?: number;
  /** Time between checks for jobs whose runner died (default 30 s). */
  stalledIntervalMs?: number;
  /** Runner crashes a job survives before it fails (default 2). */
  maxStalledCount?: number;
}

const JOB_NAME = 'judge';
const DEFAULT_PREFIX = 'judge';

/**
 * Every option of a judge job, in one place (STYLE.md 6). The submission id is the job id, so a submission is
 * never judged twice by accident (BullMQ refuses ids that are integers or hold a colon: ours are UUIDs).
 * Finished jobs are kept for a bounded time and count, for jobState and idempotent enqueues. Every job has a
 * priority (job-priority.ts): BullMQ takes a job without one before all prioritized jobs.
 */
export function judgeJobOptions(
  submissionId: string,
  options: BullmqQueueOptions,
  priority: number = DEFAULT_JOB_PRIORITY,
): JobsOptions {
  return {
    jobId: submissionId,
    priority,
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 5000 },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

/** A worker of another version could return something else; the API must not store it as a result. */
function isJudgeJobResult(value: unknown): value is JudgeJobResult {
  if (typeof value !== 'object' || value === null) return false;
  const { submissionId, result } = value as Partial<Record<keyof JudgeJobResult, unknown>>;
  return typeof submissionId === 'string' && typeof result === 'object' && result !== null;
}

function connection(options: BullmqConnectionOptions) {
  return { connection: { url: options.redisUrl }, prefix: options.prefix ?? DEFAULT_PREFIX };
}

/** The producer side on BullMQ: jobs go to Redis, events come back through QueueEvents (a Redis stream). */
export class BullmqJudgeQueue implements JudgeQueue {
  private readonly queue: Queue<JudgeJobPayload, JudgeJobResult>;
  private readonly events: JudgeEventHandlers;
  private queueEvents: QueueEvents | null = null;
  private readonly onError: QueueErrorHandler;

  constructor(private readonly options: BullmqQueueOptions) {
    this.onError = options.onError ?? reportToStderr;
    this.events = new JudgeEventHandlers(this.onError);
    this.queue = new Queue(QUEUE_NAMES.judge, connection(options));
    // An EventEmitter without an error listener throws, and a Redis that restarts is no reason to stop the API.
    this.queue.on('error', (error) => this.onError(error));
  }

  async enqueue(payload: JudgeJobPayload, options: EnqueueOptions = {}): Promise<void> {
    const id = payload.submissionId;
    const priority = options.priority ?? DEFAULT_JOB_PRIORITY;
    if (options.rejudge) {
      const state = await this.queue.getJobState(id);
      // A job that is running is left alone; remove() also refuses one that became active.
      if (state === 'completed' || state === 'failed') await this.queue.remove(id);
      // A waiting one judges the new payload. Taken meanwhile, it judges the old one: its result then names the
      // earlier attempt, which the API does not store as the rejudge's. It moves to the rejudge's priority, at
      // the end of that priority's line.
      else if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
        const job = await this.queue.getJob(id);
        await job?.updateData(payload);
        if (job && job.priority !== priority) await job.changePriority({ priority });
      }
    }
    // With a job of this id present, add() leaves it as it is and adds nothing.
    await this.queue.add(JOB_NAME, payload, judgeJobOptions(id, this.options, priority));
  }

  async jobState(submissionId: string): Promise<JudgeJobState> {
    const job = await this.queue.getJob(submissionId);
    if (!job) return { state: 'unknown' };
    const state = await job.getState();
    switch (state) {
      case 'completed':
        return { state: 'completed', result: job.returnvalue };
      case 'failed':
        return {
          state: 'failed',
          error: job.failedReason,
          ...(job.data.attempt === undefined ? {} : { attempt: job.data.attempt }),
        };
      case 'active':
        return { state: 'active' };
      case 'unknown':
        return { state: 'unknown' };
      default:
        // waiting, delayed (between attempts), prioritized...: not taken by a runner yet.
        return { state: 'waiting' };
    }
  }

  onProgress(handler: ProgressHandler): void {
    this.listen().events.addProgress(handler);
  }

  onCompleted(handler: CompletedHandler): void {
    this.listen().events.addCompleted(handler);
  }

  onFailed(handler: FailedHandler): void {
    this.listen().events.addFailed(handler);
  }

  async listening(): Promise<void> {
    await this.listen().queueEvents?.waitUntilReady();
  }

  async isReady(timeoutMs = 2000): Promise<boolean> {
    // A command that goes through, not the client's status: a connection can look open to a Redis that hangs.
    const probe = this.queue.getJobCounts('active').then(
      () => true,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** BullMQ's global pause: every worker of the queue stops taking jobs; added jobs wait. */
  pause(): Promise<void> {
    return this.queue.pause();
  }

  resume(): Promise<void> {
    return this.queue.resume();
  }

  isPaused(): Promise<boolean> {
    return this.queue.isPaused();
  }

  async counts(): Promise<JudgeQueueCounts> {
    // Every job has a priority, so waiting jobs sit in `prioritized`; `wait` is counted for jobs of another
    // producer that gave none. A paused queue keeps its jobs where they are.
    const [counts, perPriority] = await Promise.all([
      this.queue.getJobCounts('wait', 'prioritized', 'active', 'delayed'),
      this.queue.getCountsPerPriority([...ALL_JOB_PRIORITIES]),
    ]);
    const waitingByPriority: Record<number, number> = {};
    for (const [priority, count] of Object.entries(perPriority)) waitingByPriority[Number(priority)] = count;
    return {
      waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      waitingByPriority,
    };
  }

  async close(): Promise<void> {
    await this.queueEvents?.close();
    await this.queue.close();
  }

  /** Starts reading the events stream on the first handler: it takes a blocking connection of its own. */
  private listen(): this {
    if (this.queueEvents) return this;
    const queueEvents = new QueueEvents(QUEUE_NAMES.judge, connection(this.options));
    queueEvents.on('error', (error) => this.onError(error));
    queueEvents.on('progress', ({ jobId, data }) => {
      this.events.emitProgress(jobId, data as JudgeJobProgress);
    });
    queueEvents.on('completed', ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      if (isJudgeJobResult(returnvalue)) this.events.emitCompleted(returnvalue);
      else this.onError(new Error(`judge job ${jobId} completed without a judge result`));
    });
    queueEvents.on('failed', ({ jobId, failedReason }) => {
      this.events.emitFailed(jobId, failedReason);
    });
    this.queueEvents = queueEvents;
    return this;
  }
}

/**
 * The consumer side on BullMQ. A runner that dies mid-job stops renewing the job's lock; once the lock expires
 * the stalled check of any live worker (or of the restarted one) puts the job back, and it is judged again.
 */
export class BullmqWorkerHost implements JudgeWorkerHost {
  private worker: Worker<JudgeJobPayload, JudgeJobResult> | null = null;
  private connected = false;
  private readonly onError: QueueErrorHandler;

  constructor(private readonly options: BullmqWorkerOptions) {
    this.onError = options.onError ?? reportToStderr;
  }

  async start(handler: JudgeJobHandler): Promise<void> {
    if (this.worker) throw new Error('this worker host has already started');
    const processor = (job: Job<JudgeJobPayload, JudgeJobResult>, _token?: string, signal?: AbortSignal) =>
      handler(job.data, (progress) => job.updateProgress(progress), signal ?? new AbortController().signal);
    const worker = new Worker<JudgeJobPayload, JudgeJobResult>(QUEUE_NAMES.judge, processor, {
      ...connection(this.options),
      concurrency: this.options.concurrency ?? 1,
      name: this.options.workerName,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: this.options.maxStalledCount ?? 2,
    });
    worker.on('error', (error) => this.onError(error));
    // The job was given to another worker: stop judging it, its result would be refused anyway.
    worker.on('lockRenewalFailed', (jobIds) => {
      for (const id of jobIds) worker.cancelJob(id, 'lost the job lock');
    });
    this.worker = worker;
    await worker.waitUntilReady();
    this.connected = true;
  }

  async close(): Promise<void> {
    // A worker that never connected has no job to wait for, and a graceful close would wait for Redis.
    await this.worker?.close(!this.connected);
  }
}
