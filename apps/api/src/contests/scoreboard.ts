import {
  rankRows,
  type ContestScoring,
  type ScoreboardCell,
  type ScoreboardRow,
  type ScoreboardTeam,
  type ScoreboardView,
} from '@judge/contract';
import { SCORING_RULES, type RuleCell, type ScoredSubmission } from './scoring';

/**
 * A contest's scoreboard, computed from its submissions for one viewer: the cells and totals of the contest's
 * scoring rule (scoring/), the freeze, first-to-solve marks and ranks. Pure, so that every rule is tested with
 * hand-computed tables (scoreboard.spec.ts, scoring/*.spec.ts); docs/contests.md says the same in words.
 */

export interface ScoreboardContest {
  startsAt: Date;
  endsAt: Date;
  scoring: ContestScoring;
  freezeMinutes: number;
  unfrozen: boolean;
}

export interface ScoreboardProblem {
  label: string;
  problemId: string;
  title: string;
}

/** A board row's owner: an account, or in a team contest a team (its id and name, and `team`). */
export interface ScoreboardParticipant {
  userId: string;
  username: string;
  team?: ScoreboardTeam;
}

export type ScoreboardSubmission = ScoredSubmission;

/** Who looks: staff see everything; anyone else a frozen board, except their own row. */
export interface ScoreboardViewer {
  userId: string | null;
  staff: boolean;
}

export interface ScoreboardInput {
  contest: ScoreboardContest;
  problems: ScoreboardProblem[];
  participants: ScoreboardParticipant[];
  /** In a team contest the submissions' `userId` is their team's id, as the rows'. */
  submissions: ScoreboardSubmission[];
  /** In a team contest: each member account's team id, so that a member's own row is their team's. */
  teamOf?: Readonly<Record<string, string>>;
  viewer: ScoreboardViewer;
  now: Date;
}

/** The row that is the viewer's own: their account's, or in a team contest their team's. */
function ownRow(data: Pick<ScoreboardInput, 'teamOf'>, viewer: ScoreboardViewer): string | null {
  if (viewer.userId === null || !data.teamOf) return viewer.userId;
  return data.teamOf[viewer.userId] ?? null;
}

/** What every viewer's board is computed from: a board is this, a viewer and a time. */
export type ScoreboardData = Omit<ScoreboardInput, 'viewer' | 'now'>;

/**
 * Viewers with the same key see the same board at a time, so that a board computed once serves them all. Unfrozen,
 * every viewer sees every submission: one board. Frozen, staff see everything; a participant who submitted since the
 * freeze sees the public board plus their own row as it is; anyone else the public board.
 */
export function boardKey(data: ScoreboardData, viewer: ScoreboardViewer, now: Date): string {
  return viewerKey(viewer, isFrozen(data.contest, now), ownBoardKeys(data, now));
}

/** `boardKey` from what a board's keys are made of: whether it is frozen, and the accounts with boards of their own. */
export function viewerKey(viewer: ScoreboardViewer, frozen: boolean, own: ReadonlyMap<string, string>): string {
  if (!frozen) return 'all';
  if (viewer.staff) return 'staff';
  return (viewer.userId !== null ? own.get(viewer.userId) : undefined) ?? 'public';
}

/**
 * The accounts whose key (`boardKey`) is a board of their own at `now`, with that key: while frozen, those whose row
 * is on the board and has submissions since the freeze (in a team contest, every member of such a team). Every other
 * account sees the public board. Computed in one pass, so that a contest of thousands is keyed in linear time.
 */
export function ownBoardKeys(data: ScoreboardData, now: Date): Map<string, string> {
  const keys = new Map<string, string>();
  const freezeTime = freezesAt(data.contest);
  if (freezeTime === null || !isFrozen(data.contest, now)) return keys;
  const onBoard = new Set(data.participants.map((p) => p.userId));
  const rows = new Set(
    data.submissions
      .filter((s) => onBoard.has(s.userId) && s.createdAt.getTime() >= freezeTime.getTime())
      .map((s) => s.userId),
  );
  const accounts = data.teamOf ? Object.entries(data.teamOf) : [...rows].map((row) => [row, row]);
  for (const [account, row] of accounts) if (rows.has(row)) keys.set(account, `participant:${row}`);
  return keys;
}

/** When the board freezes, or null if it never does. */
export function freezesAt(contest: ScoreboardContest): Date | null {
  if (contest.freezeMinutes <= 0) return null;
  return new Date(contest.endsAt.getTime() - contest.freezeMinutes * 60_000);
}

/** Frozen from the freeze time until an admin unfreezes it, also after the end. */
export function isFrozen(contest: ScoreboardContest, now: Date): boolean {
  const at = freezesAt(contest);
  return at !== null && !contest.unfrozen && now.getTime() >= at.getTime();
}

export function computeScoreboard(input: ScoreboardInput): ScoreboardView {
  const { contest, problems, participants, viewer, now } = input;
  const frozen = !viewer.staff && isFrozen(contest, now);
  const freezeTime = freezesAt(contest);
  const own = ownRow(input, viewer);
  // Hidden from this viewer: another row's submissions made from the freeze time on, on a frozen board.
  const hidden = (s: ScoreboardSubmission) =>
    frozen && freezeTime !== null && s.userId !== own && s.createdAt.getTime() >= freezeTime.getTime();

  const ordered = [...input.submissions].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  const byCell = new Map<string, ScoreboardSubmission[]>();
  for (const s of ordered) {
    const key = `${s.userId}\n${s.problemId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), s]);
  }
  const rule = SCORING_RULES[contest.scoring];
  const context = { startsAt: contest.startsAt, hidden };

  const rows = participants.map((p) => {
    const cells = new Map<string, RuleCell>();
    for (const problem of problems) {
      cells.set(problem.label, rule.cell(byCell.get(`${p.userId}\n${problem.problemId}`) ?? [], context));
    }
    return { participant: p, cells };
  });

  // First to solve: the earliest solve per problem among what this viewer sees (ties all marked).
  for (const problem of problems) {
    const times = rows
      .map((r) => r.cells.get(problem.label)?.solvedAt?.getTime())
      .filter((t): t is number => t !== undefined);
    if (times.length === 0) continue;
    const first = Math.min(...times);
    for (const r of rows) {
      const cell = r.cells.get(problem.label);
      if (cell?.solvedAt?.getTime() === first) cell.firstToSolve = true;
    }
  }

  const unranked = rows.map(({ participant, cells }): ScoreboardRow => ({
    rank: 0,
    userId: participant.userId,
    username: participant.username,
    ...(participant.team ? { team: participant.team } : {}),
    ...rule.total([...cells.values()]),
    problems: Object.fromEntries(
      [...cells].map(([label, { solvedAt: _solvedAt, ...cell }]) => [label, cell satisfies ScoreboardCell]),
    ),
  }));
  return {
    frozen,
    scoring: contest.scoring,
    problems: problems.map((p) => ({ label: p.label, title: p.title })),
    rows: rankRows(unranked, contest.scoring),
  };
}
