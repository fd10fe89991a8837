/**
 * Runners and the judge queue as operators see them (GET /api/admin/runners, GET /api/admin/queue), and the
 * heartbeat a runner sends the API (PUT /api/runner/heartbeat) so that the API knows its runners.
 */

/** What a runner says of itself every RUNNER_HEARTBEAT_SECONDS. */
export interface RunnerHeartbeat {
  /** RUNNER_ID: `<hostname>-<pid>` unless set. */
  runnerId: string;
  host: string;
  /** The sandbox engine it judges with (JUDGE_SANDBOX): `namespace`, `docker`... */
  engine: string;
  /** Ids of the languages whose toolchains it has. */
  languages: string[];
  /** Jobs it judges at once. */
  concurrency: number;
  /** Jobs it finished (judged, whatever the verdict, or failed) since it started. */
  jobsDone: number;
}

export interface RunnerView extends RunnerHeartbeat {
  /** When the runner process started, as it was first heard of. */
  startedAt: string;
  lastHeartbeatAt: string;
  /** Seconds since the last heartbeat, by the database's clock. */
  lastHeartbeatAgeSeconds: number;
}

export interface RunnerList {
  /** Runners heard from in the last day, the most recently heard first. */
  runners: RunnerView[];
  /** Seconds between heartbeats: a runner silent for several of these is gone or stuck. */
  heartbeatSeconds: number;
}

/** Priority classes of the judge queue (libs/queue job-priority.ts), as named in GET /api/admin/queue. */
export const QUEUE_PRIORITY_CLASSES = ['contest', 'assignment', 'practice', 'run', 'rejudge'] as const;
export type QueuePriorityClass = (typeof QUEUE_PRIORITY_CLASSES)[number];

export interface QueueView {
  /** Judging paused: runners take no job; submissions are accepted and wait. */
  paused: boolean;
  waiting: number;
  active: number;
  /** Waiting for another attempt after a runner failed (distributed queue only). */
  delayed: number;
  waitingByClass: Record<QueuePriorityClass, number>;
  /** `in-process` (the API judges) or `bullmq` (runners take jobs from Redis). */
  driver: 'in-process' | 'bullmq';
}
