import type { ScoreboardView } from './contests';

/**
 * Virtual participation and upsolving (docs/contests.md, "Virtual participation and upsolving"; routes in
 * docs/api.md): what travels over HTTP.
 */

/**
 * What a contest submission was made as: in the contest's own window (`contest`, the only kind its real board
 * counts), during its author's virtual participation (`virtual`), or after the end outside one (`upsolve`).
 */
export const CONTEST_SUBMISSION_KINDS = ['contest', 'virtual', 'upsolve'] as const;
export type ContestSubmissionKind = (typeof CONTEST_SUBMISSION_KINDS)[number];

/** Why the caller may not start a virtual participation (the code of the 409 POST answers with). */
export type VirtualRefusal =
  /** The contest has not ended yet. */
  | 'CONTEST_NOT_ENDED'
  /** Its problems stay hidden after the end (`practiceAfter` off). */
  | 'PROBLEMS_HIDDEN'
  /** The caller (or their team) submitted in the contest itself. */
  | 'TOOK_PART'
  /** The caller has one already: one per user and contest. */
  | 'VIRTUAL_EXISTS';

/** The caller's virtual participation in a contest. */
export interface VirtualParticipationView {
  /** `running` until `endsAt`; then `finished` (later submissions are upsolving). */
  status: 'running' | 'finished';
  startedAt: string;
  /** `startedAt` plus the contest's duration. */
  endsAt: string;
  durationMs: number;
  /** Time since `startedAt` when the answer was made, at most `durationMs`: the contest time it replays. */
  elapsedMs: number;
}

/** GET /api/contests/:id/virtual. */
export interface VirtualState {
  participation: VirtualParticipationView | null;
  /** Whether POST would start one now. */
  canStart: boolean;
  /** Why not, when there is none and none may be started. */
  refusal: VirtualRefusal | null;
}

/** GET /api/contests/:id/virtual/scoreboard: the real board as it stood at the same contest time, and the caller. */
export interface VirtualScoreboardView extends ScoreboardView {
  /** The contest time the board shows (the participation's `elapsedMs`). */
  elapsedMs: number;
}

/** One user's upsolving in a contest: problems by label. */
export interface UpsolvingRow {
  userId: string;
  username: string;
  solved: string[];
  /** Tried and not (yet) solved. */
  attempted: string[];
  submissions: number;
}

/** GET /api/contests/:id/upsolving: submissions after the end outside virtual participations; never on the board. */
export interface UpsolvingView {
  problems: { label: string; title: string }[];
  /** Most solved first, then by name. */
  rows: UpsolvingRow[];
}
