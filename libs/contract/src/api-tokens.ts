/**
 * API tokens: named, scoped credentials a user makes for programs (scripts, LMS plugins, Judge0 and Piston clients).
 * Routes declare the scope a token needs (docs/api.md, "API tokens"); a token reaches no other route.
 */

/** Submit solutions (POST /api/submissions). */
export const SCOPE_SUBMISSIONS = 'submissions';
/** Read problems and one's own submissions. */
export const SCOPE_READ = 'read';
/** Run programs without a problem (/api/runs, the Judge0 and Piston faces). */
export const SCOPE_RUNS = 'runs';

/** Read contests through the ICPC Contest API (/api/ccs): a staff member's token sees everything, anyone else's the public view. */
export const SCOPE_CCS = 'ccs';

export const API_TOKEN_SCOPES = [SCOPE_RUNS, SCOPE_SUBMISSIONS, SCOPE_READ, SCOPE_CCS] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** What every token starts with, so that a leaked one is recognised (by secret scanners too). */
export const API_TOKEN_PREFIX = 'jt_';

/** A token as listed: never its secret, which is shown once, when made. */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: string;
  /** Updated at most once a minute; null until first used. */
  lastUsedAt: string | null;
  /** In an admin's list of everyone's tokens (`?all=true`): whose it is. */
  owner?: { id: string; username: string };
}

/** The answer to making a token: the secret, here and never again. */
export interface CreatedApiToken {
  id: string;
  token: string;
}
