/**
 * Webhooks: a URL that the judge POSTs to when something happens (docs/api.md, "Webhooks"; docs/integrations.md
 * shows how a receiver checks the signature). A hook belongs to a course (its teachers manage it), a contest (its
 * staff) or the site (admins).
 */

/** A submission got its final verdict (a rejudge's verdict is sent again). */
export const EVENT_SUBMISSION_JUDGED = 'submission.judged';
/** A run (POST /api/runs, the Judge0 and Piston faces) finished: site hooks only, runs belong to no course. */
export const EVENT_RUN_FINISHED = 'run.finished';
/** Sent by POST /api/webhooks/:id/test to any hook, whatever its events. */
export const EVENT_PING = 'ping';

export const WEBHOOK_EVENTS = [EVENT_SUBMISSION_JUDGED, EVENT_RUN_FINISHED] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type WebhookDeliveryEvent = WebhookEvent | typeof EVENT_PING;

/** Whose events a hook gets: every one (site), or those of one course's assignments or one contest. */
export type WebhookScope = { scope: 'site' } | { courseId: string } | { contestId: string };

/** The headers of a delivery. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Judge-Signature';
export const WEBHOOK_EVENT_HEADER = 'X-Judge-Event';
export const WEBHOOK_DELIVERY_HEADER = 'X-Judge-Delivery';

export interface WebhookInput {
  url: string;
  events: WebhookEvent[];
  enabled?: boolean;
}

export type CreateWebhookInput = WebhookInput & WebhookScope;

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  /** `site`, or the course or contest it belongs to. */
  scope: 'site' | 'course' | 'contest';
  courseId: string | null;
  contestId: string | null;
  createdAt: string;
}

/** The answer to making a hook or rotating its secret: the secret, here and never again. */
export interface WebhookWithSecret extends WebhookView {
  secret: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One delivery of an event to a hook, as its log shows it. */
export interface WebhookDeliveryView {
  id: string;
  event: WebhookDeliveryEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The last attempt's HTTP status; null before any, or when no answer came. */
  httpStatus: number | null;
  /** The last attempt's time from connecting to the end of the answer. */
  durationMs: number | null;
  /** Why the last attempt failed (a status outside 2xx, or no answer), with the start of the answer's body. */
  lastError: string | null;
  createdAt: string;
  /** When a pending delivery is tried next. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** What is POSTed. */
  payload: WebhookPayload;
}

/** The body of every delivery. */
export interface WebhookPayload<D = unknown> {
  /** The delivery's id (also X-Judge-Delivery): a receiver that saw it already may skip it. */
  id: string;
  event: WebhookDeliveryEvent;
  /** When the event happened (a redelivery keeps it). */
  createdAt: string;
  data: D;
}

/** `data` of submission.judged. */
export interface SubmissionJudgedData {
  submission: {
    id: string;
    userId: string;
    username: string;
    problemId: string;
    language: string;
    verdict: string | null;
    score: number | null;
    maxScore: number | null;
    timeMs: number | null;
    memoryKb: number | null;
    contestId: string | null;
    assignmentId: string | null;
    courseId: string | null;
    /** 1, then one more per rejudge. */
    attempt: number;
    createdAt: string;
    judgedAt: string | null;
  };
}

/** `data` of run.finished: the outcome, without the program's output (fetch GET /api/runs/:id for that). */
export interface RunFinishedData {
  run: {
    id: string;
    userId: string | null;
    language: string;
    verdict: string;
    exitCode: number | null;
    timeMs: number | null;
    memoryKb: number | null;
    createdAt: string;
    finishedAt: string | null;
  };
}
