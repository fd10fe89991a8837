/**
 * Lock-down of a contest or an exam (docs/contests.md and docs/courses.md, "Lock-down"): while it runs, its
 * participants may use the judge only from its allowed networks, and with one session when `oneSession` is set.
 * Staff, and the course's teachers, are never locked.
 */

/** 403: a locked participant's log-in or request from an address outside the allowed networks. */
export const LOCKDOWN_ADDRESS = 'LOCKDOWN_ADDRESS';
/** 403: an API token of a participant under a one-session lock (a token is a second way in a log-in cannot end). */
export const LOCKDOWN_TOKEN = 'LOCKDOWN_TOKEN';
/** 401: a session ended by a newer log-in of the same account under a one-session lock. */
export const SESSION_REPLACED = 'SESSION_REPLACED';

/** At most this many ranges in one allow-list. */
export const MAX_ALLOWED_NETWORKS = 100;

/** `details` of a LOCKDOWN_ADDRESS or LOCKDOWN_TOKEN refusal: which contest or exam, and the address refused. */
export interface LockdownRefusalDetails {
  kind: 'contest' | 'exam';
  /** The contest's or the assignment's id. */
  id: string;
  /** The exam's course. */
  courseId?: string;
  title: string;
  /** The address the API saw (TRUST_PROXY applies). */
  address: string;
}
