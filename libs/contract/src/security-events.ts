import type { Role } from './api';
import type { Verdict } from './verdict';

/**
 * What a run did that probes the sandbox, as the engines see it. Kept with the submission for staff, counted
 * per user, listed for admins: running strangers' code safely includes noticing who keeps trying.
 */
export const SECURITY_EVENT_KINDS = [
  /** A call the syscall filter refuses (the program got an errno), where the engine can tell. */
  'syscall-denied',
  /** The run reached its limit on processes and threads. */
  'process-limit',
  /** A fork bomb: killed at the process limit with its processes still multiplying. */
  'fork-bomb',
  /** A socket or connection attempt in a box that has no network. */
  'network-attempt',
  /** A mount, unshare or namespace call. */
  'mount-attempt',
  /** Output stopped at its limit. */
  'output-flood',
  /** A file grew past the file size limit. */
  'file-size-limit',
] as const;

export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** The test whose run it was (its name below `data/`), or null for compilation. */
  test: string | null;
  /** What exactly, for staff: the syscall's name, the limit reached. */
  detail: string;
  /** How many times it happened in that run (one event per kind and run). */
  count: number;
}

/** How the admin's list (GET /api/security-events) is ordered: most events first, or most recent event first. */
export const SECURITY_EVENT_SORTS = ['count', 'recent'] as const;
export type SecurityEventSort = (typeof SECURITY_EVENT_SORTS)[number];

/** A user whose submissions' current results hold security events. */
export interface SecurityEventUserRow {
  userId: string;
  username: string;
  role: Role;
  blocked: boolean;
  /** Their own submission rate limit, or null for the judge's default. */
  submissionsPerMinute: number | null;
  /** Events (one per kind and run) over all their submissions. */
  events: number;
  /** Their submissions with at least one event. */
  submissions: number;
  /** When the latest of those submissions was judged (ISO 8601). */
  lastEventAt: string;
}

/** A submission whose current result holds security events. */
export interface SecurityEventSubmissionRow {
  submissionId: string;
  userId: string;
  username: string;
  problemId: string;
  problemTitle: string;
  verdict: Verdict | null;
  events: number;
  /** The kinds among its events, each once. */
  kinds: SecurityEventKind[];
  judgedAt: string;
}

/** GET /api/security-events: both lists, each cut at `limit` rows. */
export interface SecurityEventsReport {
  sort: SecurityEventSort;
  users: SecurityEventUserRow[];
  submissions: SecurityEventSubmissionRow[];
}
