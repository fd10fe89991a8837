import type { Role } from './api';

/**
 * What the audit log records (GET /api/admin/audit): every staff action that changes what users are judged on or
 * see, or who may do what, and the security events worth an admin's eye. A closed set: a new action is added here,
 * where the API, the web page and the docs find it.
 */
export const AUDIT_ACTIONS = [
  /** A problem made from an uploaded package or in the authoring UI. */
  'problem.create',
  /** A new version of a problem: a package uploaded over it, or its statement, limits or tests edited. */
  'problem.update',
  /** Who may see a problem (public, or hidden to all but staff), or its feedback level. */
  'problem.settings',
  /** One submission, or every submission of a problem, judged again. */
  'submission.rejudge',
  'contest.create',
  'contest.update',
  /** A frozen scoreboard shown in full. */
  'contest.unfreeze',
  /** An organisation (a team's affiliation) made, changed or deleted. */
  'organization.create',
  'organization.update',
  'organization.delete',
  /** A team of a team contest made, changed (name, affiliation, members) or deleted. */
  'team.create',
  'team.update',
  'team.delete',
  /** Teams and their accounts imported from a CSV file. */
  'team.import',
  /** A balloon marked handed out by a runner, or put back in the queue (details: submission, problem, team). */
  'balloon.done',
  'balloon.undone',
  /** A printout marked handed out (details: the print's id and file name). */
  'print.done',
  /** A contest made from a contest package (its problems, teams, accounts and judged submissions). */
  'contest.import',
  /** A teacher's manual change of a submission's score (an adjustment). */
  'score.adjust',
  'user.create',
  'user.role',
  'user.disable',
  'user.enable',
  /** Submissions blocked or allowed again, or a per-user submission limit changed. */
  'user.limits',
  /** A user's password set by an admin (the password itself is never recorded). */
  'user.password',
  /** An admin revoking someone else's API token. */
  'token.revoke',
  /** A webhook made, changed (URL, events, on or off), deleted, or given a new secret (the secret is never kept). */
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.secret',
  /** A login refused because the name or the address failed too often. */
  'auth.login-throttled',
  /** A log-in or request of a locked contest's or exam's participant refused: from outside its allowed networks. */
  'lockdown.refused',
  /** A log-in under a one-session lock that ended the account's earlier sessions. */
  'lockdown.session-replaced',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an action was done to. */
export const AUDIT_TARGET_TYPES = [
  'problem',
  'submission',
  'contest',
  'user',
  'token',
  'webhook',
  'address',
  'organization',
  'team',
  'assignment',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** One row of the audit log. */
export interface AuditEntryView {
  id: string;
  /** ISO 8601. */
  at: string;
  /** Null for events without a signed-in actor (a throttled login), or once the actor's account is gone. */
  actorId: string | null;
  /** As it was at the time: kept when the account is deleted or renamed. */
  actorUsername: string | null;
  actorRole: Role | null;
  /** The request's address as the API sees it (TRUST_PROXY applies). */
  address: string | null;
  action: AuditAction;
  targetType: AuditTargetType | null;
  targetId: string | null;
  /** What changed: `{ field: { before, after } }` for changes, else the action's own facts. Never a secret. */
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntryView[];
  page: number;
  /** Whether a next page exists. */
  more: boolean;
}
