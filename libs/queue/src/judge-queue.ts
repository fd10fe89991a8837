import type { JudgeJobPayload, JudgeJobProgress, JudgeJobResult } from '@judge/contract';

export interface EnqueueOptions {
  /**
   * Judge again a submission whose job has finished (completed or failed): the old job is removed first.
   * A job still waiting takes the new payload (a rejudge's new attempt) in its place; a running one is left as
   * it is, so a rejudge never runs a submission twice at once.
   */
  rejudge?: boolean;
  /**
   * The job's place in the line, from jobPriority(): a lower number is taken first, jobs of one priority first in,
   * first out (default DEFAULT_JOB_PRIORITY, a practice submission's). A rejudge of a job still waiting moves it to
   * this priority, at the end of its class.
   */
  priority?: number;
}

/** Where a submission's job stands, for an API that restarts and asks what it missed while it was down. */
export type JudgeJobState =
  | { state: 'waiting' | 'active' }
  | { state: 'completed'; result: JudgeJobResult }
  /** `attempt`: the job payload's, so that a failure of an earlier judging is told from the current one's. */
  | { state: 'failed'; error: string; attempt?: number }
  /** Never enqueued, or finished so long ago that the queue no longer remembers it. */
  | { state: 'unknown' };

/** How many jobs are where, for operators (the runners page, /metrics). */
export interface JudgeQueueCounts {
  /** Not taken by a runner yet (also while the queue is paused). */
  waiting: number;
  /** Being judged. */
  active: number;
  /** Waiting for their next attempt after a runner threw (BullMQ's backoff; always 0 in process). */
  delayed: number;
  /** Waiting jobs by their queue priority (jobPriority()); priorities with none waiting may be left out. */
  waitingByPriority: Record<number, number>;
}

// Handlers may be async (they usually store something); a rejection is reported like a throw.
export type ProgressHandler = (submissionId: string, progress: JudgeJobProgress) => unknown;
export type CompletedHandler = (result: JudgeJobResult) => unknown;
export type FailedHandler = (submissionId: string, error: string) => unknown;

/** The producer side, used by the API. */
export interface JudgeQueue {
  /**
   * Queues a submission for judging. The job id is the submission id: enqueueing a submission that is already
   * waiting, running or recently finished does nothing unless `rejudge` is set.
   */
  enqueue(payload: JudgeJobPayload, options?: EnqueueOptions): Promise<void>;
  jobState(submissionId: string): Promise<JudgeJobState>;
  /** Handlers are called for every job of the queue, whichever process enqueued it. */
  onProgress(handler: ProgressHandler): void;
  onCompleted(handler: CompletedHandler): void;
  /** A job failed for good: its runner threw on every attempt, or it crashed runners too often. */
  onFailed(handler: FailedHandler): void;
  /**
   * Resolves once events are being received: events from before are not replayed, so a producer that takes up
   * unfinished work (asking jobState) must wait for this first, or a job finishing in between would be missed.
   */
  listening(): Promise<void>;
  /** For health checks: whether jobs can be enqueued now. */
  isReady(): Promise<boolean>;
  /**
   * Stops runners taking jobs, for every runner of the queue; jobs already taken finish. Enqueueing still works:
   * the jobs wait until resume().
   */
  pause(): Promise<void>;
  resume(): Promise<void>;
  isPaused(): Promise<boolean>;
  counts(): Promise<JudgeQueueCounts>;
  close(): Promise<void>;
}

/** Reports a job's progress; resolves once the report is on its way to the producers. */
export type ReportProgress = (progress: JudgeJobProgress) => Promise<void>;

/**
 * Judges one job. A throw fails the attempt (the queue may retry it); a judgement, whatever its verdict,
 * is a return. The signal aborts when the job must stop: it was taken away from this worker.
 */
export type JudgeJobHandler = (
  payload: JudgeJobPayload,
  reportProgress: ReportProgress,
  signal: AbortSignal,
) => Promise<JudgeJobResult>;

/** The consumer side, used by runners. */
export interface JudgeWorkerHost {
  /** Starts taking jobs (call once); resolves when connected to the queue. */
  start(handler: JudgeJobHandler): Promise<void>;
  /** Stops taking jobs and waits for the active ones to finish (or, if the process dies, to be taken again). */
  close(): Promise<void>;
}
