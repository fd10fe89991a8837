import type { JudgeJobPayload, JudgeJobProgress } from '@judge/contract';
import { DEFAULT_JOB_PRIORITY } from './job-priority';
import { asError, JudgeEventHandlers, reportToStderr, type QueueErrorHandler } from './judge-events';
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

export interface InProcessQueueOptions {
  /** Jobs judged at once (default 1). */
  concurrency?: number;
  /** Finished jobs remembered, for idempotent enqueues and jobState (default 1000, as the BullMQ driver keeps). */
  historySize?: number;
  onError?: QueueErrorHandler;
}

type FinishedState = Extract<JudgeJobState, { state: 'completed' | 'failed' }>;

/**
 * Both sides of the queue in one process, for an API without Redis: it runs the runner itself. Jobs are taken
 * by priority (lower first, as BullMQ takes them), and first in, first out within a priority. Nothing survives the process: waiting jobs are dropped on close, so an API that restarts
 * enqueues its unfinished submissions again (jobState then answers 'unknown' for them).
 */
export class InProcessJudgeQueue implements JudgeQueue, JudgeWorkerHost {
  // Maps keep insertion order: the first waiting entry of a priority is its oldest, the first finished one the
  // first to forget. Waiting jobs by priority; a few priorities only, so finding the lowest is cheap.
  private readonly lines = new Map<number, Map<string, JudgeJobPayload>>();
  /** The priority of each waiting job. */
  private readonly waiting = new Map<string, number>();
  private readonly active = new Map<string, Promise<void>>();
  private readonly finished = new Map<string, FinishedState>();
  private readonly events: JudgeEventHandlers;
  private readonly concurrency: number;
  private readonly historySize: number;
  // Nothing takes a job away from the only worker there is, so the handler's signal never aborts.
  private readonly signal = new AbortController().signal;
  private handler: JudgeJobHandler | null = null;
  private closed = false;
  private paused = false;

  constructor(options: InProcessQueueOptions = {}) {
    this.concurrency = options.concurrency ?? 1;
    this.historySize = options.historySize ?? 1000;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${this.concurrency}`);
    this.events = new JudgeEventHandlers(options.onError ?? reportToStderr);
  }

  enqueue(payload: JudgeJobPayload, options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the judge queue is closed'));
    const id = payload.submissionId;
    const priority = options.priority ?? DEFAULT_JOB_PRIORITY;
    const waitingAt = this.waiting.get(id);
    if (waitingAt !== undefined) {
      if (!options.rejudge) return Promise.resolve();
      // At the same priority its place in the line is kept; at another, it goes to the end of that one's.
      if (waitingAt === priority) this.lines.get(priority)?.set(id, payload);
      else {
        this.takeWaiting(id);
        this.addWaiting(payload, priority);
      }
      return Promise.resolve();
    }
    if (this.active.has(id)) return Promise.resolve();
    if (this.finished.has(id)) {
      if (!options.rejudge) return Promise.resolve();
      this.finished.delete(id);
    }
    this.addWaiting(payload, priority);
    this.pump();
    return Promise.resolve();
  }

  jobState(submissionId: string): Promise<JudgeJobState> {
    if (this.active.has(submissionId)) return Promise.resolve({ state: 'active' });
    if (this.waiting.has(submissionId)) return Promise.resolve({ state: 'waiting' });
    return Promise.resolve(this.finished.get(submissionId) ?? { state: 'unknown' });
  }

  onProgress(handler: ProgressHandler): void {
    this.events.addProgress(handler);
  }

  onCompleted(handler: CompletedHandler): void {
    this.events.addCompleted(handler);
  }

  onFailed(handler: FailedHandler): void {
    this.events.addFailed(handler);
  }

  /** Events are delivered in this process from the moment a handler is added. */
  listening(): Promise<void> {
    return Promise.resolve();
  }

  isReady(): Promise<boolean> {
    return Promise.resolve(!this.closed);
  }

  pause(): Promise<void> {
    this.paused = true;
    return Promise.resolve();
  }

  resume(): Promise<void> {
    this.paused = false;
    this.pump();
    return Promise.resolve();
  }

  isPaused(): Promise<boolean> {
    return Promise.resolve(this.paused);
  }

  counts(): Promise<JudgeQueueCounts> {
    const waitingByPriority: Record<number, number> = {};
    for (const [priority, line] of this.lines) waitingByPriority[priority] = line.size;
    return Promise.resolve({ waiting: this.waiting.size, active: this.active.size, delayed: 0, waitingByPriority });
  }

  start(handler: JudgeJobHandler): Promise<void> {
    if (this.handler) return Promise.reject(new Error('the judge queue already has a worker'));
    if (this.closed) return Promise.reject(new Error('the judge queue is closed'));
    this.handler = handler;
    this.pump();
    return Promise.resolve();
  }

  /** Stops taking jobs, drops the waiting ones and waits for the active ones. Closes both sides. */
  async close(): Promise<void> {
    this.closed = true;
    this.lines.clear();
    this.waiting.clear();
    while (this.active.size > 0) await Promise.all(this.active.values());
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    while (!this.closed && !this.paused && this.active.size < this.concurrency) {
      const payload = this.takeNext();
      if (!payload) return;
      this.active.set(payload.submissionId, this.run(handler, payload));
    }
  }

  private addWaiting(payload: JudgeJobPayload, priority: number): void {
    let line = this.lines.get(priority);
    if (!line) this.lines.set(priority, (line = new Map<string, JudgeJobPayload>()));
    line.set(payload.submissionId, payload);
    this.waiting.set(payload.submissionId, priority);
  }

  private takeWaiting(id: string): JudgeJobPayload | undefined {
    const priority = this.waiting.get(id);
    if (priority === undefined) return undefined;
    this.waiting.delete(id);
    const line = this.lines.get(priority);
    const payload = line?.get(id);
    line?.delete(id);
    if (line?.size === 0) this.lines.delete(priority);
    return payload;
  }

  /** The oldest job of the lowest priority waiting. */
  private takeNext(): JudgeJobPayload | undefined {
    let lowest: number | undefined;
    for (const priority of this.lines.keys()) if (lowest === undefined || priority < lowest) lowest = priority;
    if (lowest === undefined) return undefined;
    const first = this.lines.get(lowest)?.keys().next();
    return first && !first.done ? this.takeWaiting(first.value) : undefined;
  }

  private async run(handler: JudgeJobHandler, payload: JudgeJobPayload): Promise<void> {
    const id = payload.submissionId;
    // Yield first: the job starts after enqueue() has returned, as it would from a real queue.
    await Promise.resolve();
    let outcome: FinishedState;
    try {
      const report = (progress: JudgeJobProgress) => {
        this.events.emitProgress(id, progress);
        return Promise.resolve();
      };
      outcome = { state: 'completed', result: await handler(payload, report, this.signal) };
    } catch (error) {
      const attempt = payload.attempt === undefined ? {} : { attempt: payload.attempt };
      outcome = { state: 'failed', error: asError(error).message, ...attempt };
    }
    // Finished before anyone hears of it: a handler may ask for the state, or rejudge at once.
    this.active.delete(id);
    this.remember(id, outcome);
    if (outcome.state === 'completed') this.events.emitCompleted(outcome.result);
    else this.events.emitFailed(id, outcome.error);
    this.pump();
  }

  private remember(id: string, state: FinishedState): void {
    this.finished.set(id, state);
    for (const oldest of this.finished.keys()) {
      if (this.finished.size <= this.historySize) break;
      this.finished.delete(oldest);
    }
  }
}
