import type { JudgeResult, TestCaseResult } from './judgement';
import type { RunLimitsSpec, RunOutcome, RunSettings } from './runs';
import type { SubmissionFile } from './submission-files';

/**
 * The job contract between the API and the runners: one place for queue names, payloads, progress and
 * results. The API enqueues, runners consume; the in-process driver and BullMQ carry the same shapes.
 */
export const QUEUE_NAMES = {
  judge: 'judge',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** What a runner needs to judge one submission; no database access is ever needed. */
export interface JudgeJobPayload {
  submissionId: string;
  /** Content hash (sha256, hex) of the problem package zip; the runner downloads it from the API by hash. */
  packageHash: string;
  language: string;
  /** File name the source is judged as (extension and Java class names matter). */
  fileName: string;
  source: string;
  /** A submission of several files: judged from these (which keep their names); `source` is then their joined text. */
  files?: SubmissionFile[];
  /** The file (Java, Kotlin: the class) that starts a program of several files, when the submission names it. */
  entryPoint?: string;
  /**
   * The time limit of the package's version: the one the package writes, or the one derived from its accepted
   * submissions and kept with the version. Absent while none is derived yet: the runner then asks the API for it,
   * and the first runner to need it measures it and stores it there (see DerivedTimeLimitOffer).
   */
  timeLimitMs?: number;
  /**
   * Which judging of the submission this is: 1 for the first, one more for each rejudge. The runner returns it
   * with the result, so that the API stores one verdict per attempt and never an earlier attempt's over a later.
   * Absent from jobs of APIs that predate it.
   */
  attempt?: number;
  /**
   * Set for a job of the kind `run` (one program, one input, no problem: POST /api/runs): `submissionId` is then
   * the run's id (the job id), `packageHash` is empty, and the result carries `run`.
   */
  run?: RunJobSpec;
  /**
   * The X-Request-Id of the HTTP request that queued this judging (a submission, a rejudge, a run), for the
   * runner's log lines; absent when a sweep queued it again, and from APIs that predate it.
   */
  requestId?: string;
}

/** What a run job adds to the payload: its input and limits, and its settings (RunSettings). */
export interface RunJobSpec extends RunSettings {
  stdin: string;
  args: string[];
  limits: RunLimitsSpec;
}

/**
 * A time limit a runner derived from a package's accepted submissions, offered to the API to keep with the
 * package (PUT /api/runner/packages/:hash/time-limit). The first offer is kept; later ones get it back.
 */
export interface DerivedTimeLimitOffer {
  timeLimitMs: number;
  /** CPU time of the slowest test of the slowest accepted submission, as measured. */
  slowestAcceptedMs: number;
  runnerId: string;
}

/** The derived time limit the API keeps for a package (GET/PUT /api/runner/packages/:hash/time-limit). */
export interface StoredTimeLimit {
  /** Null when none is derived yet. */
  timeLimitMs: number | null;
  /** The runner that measured it. */
  derivedBy: string | null;
}

/** Progress a runner reports while it judges; the API turns it into server-sent events. */
export type JudgeJobProgress =
  | { type: 'compiling' }
  | { type: 'running'; total: number }
  | { type: 'test'; index: number; total: number; result: TestCaseResult };

/** The final report of a job. */
export interface JudgeJobResult {
  submissionId: string;
  result: JudgeResult;
  /** Which runner judged it, for operators. */
  runnerId: string;
  /** The payload's `attempt`, returned as it came. */
  attempt?: number;
  /**
   * A run job's outcome; `result` then holds its summary only (the verdict, OK as AC, and the compiler's output),
   * for consumers that know submissions only.
   */
  run?: RunOutcome;
}

/** Lifecycle of a submission as users see it. */
export const SUBMISSION_STATUSES = ['queued', 'compiling', 'running', 'done'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
