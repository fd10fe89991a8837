import type { FeedbackLevel } from './feedback';
import type { TimeLimitOrigin } from './api';
import type { ScoreboardTeam } from './teams';
import type { MedalCounts } from './awards';

/**
 * Contests: their API shapes (docs/api.md, "Contests"). Scoring rules are in docs/contests.md and in the
 * API's `contests/scoring/`, what they share with the web UI in scoring.ts; these are only what travels over HTTP.
 */

export const CONTEST_SCORING = ['icpc', 'ioi'] as const;
export type ContestScoring = (typeof CONTEST_SCORING)[number];

/** Who may take part: anyone who registers, only the invited users, or whoever knows the join code. */
export const CONTEST_REGISTRATION = ['open', 'invite', 'code'] as const;
export type ContestRegistration = (typeof CONTEST_REGISTRATION)[number];

/** `frozen`: running, inside the last `freezeMinutes`, not yet unfrozen. */
export type ContestPhase = 'upcoming' | 'running' | 'frozen' | 'ended';

/** Body of POST /api/contests (and PUT /api/contests/:id). */
export interface ContestInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  scoring: ContestScoring;
  /** The scoreboard freezes this many minutes before the end (0: never). */
  freezeMinutes: number;
  registration: ContestRegistration;
  /** For `code` registration; generated when absent. */
  joinCode?: string;
  /** For `invite` registration: usernames allowed to take part. */
  invited?: string[];
  /** Whether the problems become practice problems once the contest ends. */
  practiceAfter?: boolean;
  /** How much contestants see of their submissions' judgement; null or absent: `first-failure` (feedback.ts). */
  feedback?: FeedbackLevel | null;
  /** False: participants may not make runs (POST /api/runs) while the contest runs; absent: true. */
  runsEnabled?: boolean;
  /** True: a team contest (teams.ts), whose board ranks teams; absent: false. */
  teams?: boolean;
  /** Medals the awards give (awards.ts); absent: DEFAULT_MEDALS, four each. */
  medals?: MedalCounts;
  /** `color`: the problem's balloon colour, `#rrggbb` in lower case; absent or null: none. */
  problems: { problemId: string; label: string; color?: string | null }[];
  /** False: balloons of solves made during the freeze wait until the board is unfrozen (onsite.ts); absent: true. */
  balloonsDuringFreeze?: boolean;
  /** Lock-down (lockdown.ts): where participants may use the judge from while it runs; absent or empty: anywhere. */
  allowedNetworks?: string[];
  /** Lock-down: a participant's log-in while it runs ends their earlier sessions; absent: false. */
  oneSession?: boolean;
}

export interface ContestProblemView {
  label: string;
  problemId: string;
  title: string;
  type: 'pass-fail' | 'scoring';
  timeLimitMs: number | null;
  /** Where the time limit comes from (see ProblemListItem). */
  timeLimitOrigin?: TimeLimitOrigin;
  memoryMb: number;
  /** Its balloon colour in this contest, `#rrggbb`; absent: none chosen. */
  color?: string;
  /** The caller's own standing on it in this contest (in a team contest, their team's). */
  solved?: boolean;
  attempted?: boolean;
}

export interface ContestSummary {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  scoring: ContestScoring;
  registration: ContestRegistration;
  phase: ContestPhase;
  /** Whether the caller takes part. */
  registered: boolean;
  participants: number;
}

export interface ContestView extends ContestSummary {
  description: string;
  freezeMinutes: number;
  /** When the scoreboard freezes (null: never). */
  freezesAt: string | null;
  /** Set once an admin has unfrozen the scoreboard. */
  unfrozen: boolean;
  practiceAfter: boolean;
  /** The contest's own feedback level; null: the default (feedback.ts). */
  feedback: FeedbackLevel | null;
  /** False: participants may not make runs while the contest runs (403 RUNS_DISABLED). */
  runsEnabled: boolean;
  /** A team contest: its board ranks teams, whose members share submissions and questions. */
  teams: boolean;
  /** Medals the awards give. */
  medals: MedalCounts;
  /** False: balloons of solves made during the freeze wait until the board is unfrozen. */
  balloonsDuringFreeze: boolean;
  /** Lock-down (lockdown.ts): CIDR ranges participants must be in while it runs; empty: anywhere. */
  allowedNetworks: string[];
  /** Lock-down: one session per participant while it runs. */
  oneSession: boolean;
  /** Empty for contestants before the start. */
  problems: ContestProblemView[];
  /** Staff only. */
  joinCode?: string;
  invited?: string[];
  /** Whether the caller may edit it, answer clarifications and unfreeze. */
  canManage: boolean;
}

/** One contestant's standing on one problem. */
export interface ScoreboardCell {
  /** ICPC: submissions that count (up to and including the first accepted); IOI: all judged ones. */
  attempts: number;
  solvedAtMinutes: number | null;
  /** IOI points (null in ICPC). */
  score: number | null;
  /** Submissions not yet judged, or judged after the freeze and hidden from this viewer. */
  pending: number;
  firstToSolve: boolean;
}

export interface ScoreboardRow {
  rank: number;
  /** The account, or in a team contest the team's id (then `username` is the team's name and `team` is set). */
  userId: string;
  username: string;
  team?: ScoreboardTeam;
  /** On a virtual board (virtual.ts): the viewer's own virtual participation, not a real contestant. */
  virtual?: true;
  solved: number;
  /** ICPC penalty in minutes (0 in IOI). */
  penalty: number;
  /** IOI total (equals `solved` in ICPC). */
  score: number;
  problems: Record<string, ScoreboardCell>;
}

/** GET /api/contests/:id/scoreboard, and each `scoreboard` event of its event stream. */
export interface ScoreboardView {
  /** Whether this viewer sees a frozen board. */
  frozen: boolean;
  scoring: ContestScoring;
  problems: { label: string; title: string }[];
  rows: ScoreboardRow[];
}

export interface ClarificationView {
  id: string;
  /** An announcement is posted by a judge, with no question. */
  kind: 'question' | 'announcement';
  problemLabel: string | null;
  question: string | null;
  answer: string | null;
  /** Shown to every participant (announcements always are). */
  public: boolean;
  /** The asker: shown to judges and to the asker. */
  askedBy?: { id: string; username: string };
  createdAt: string;
  answeredAt: string | null;
}
