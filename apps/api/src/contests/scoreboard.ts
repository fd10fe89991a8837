import type { ContestScoring, ScoreboardCell, ScoreboardRow, ScoreboardView } from '@judge/contract';
import { SCORING_RULES, type RuleCell, type ScoredSubmission, type ScoringRule } from './scoring';

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

export interface ScoreboardParticipant {
  userId: string;
  username: string;
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
  submissions: ScoreboardSubmission[];
  viewer: ScoreboardViewer;
  now: Date;
}

/** What every viewer's board is computed from: a board is this, a viewer and a time. */
export type ScoreboardData = Omit<ScoreboardInput, 'viewer' | 'now'>;

/**
 * Viewers with the same key see the same board at a time, so that a board computed once serves them all. Unfrozen,
 * every viewer sees every submission: one board. Frozen, staff see everything; a participant who submitted since the
 * freeze sees the public board plus their own row as it is; anyone else the public board.
 */
export function boardKey(data: ScoreboardData, viewer: ScoreboardViewer, now: Date): string {
  const freezeTime = freezesAt(data.contest);
  if (freezeTime === null || !isFrozen(data.contest, now)) return 'all';
  if (viewer.staff) return 'staff';
  const ownSinceFreeze = (s: ScoreboardSubmission) =>
    s.userId === viewer.userId && s.createdAt.getTime() >= freezeTime.getTime();
  const onBoard = data.participants.some((p) => p.userId === viewer.userId);
  return onBoard && data.submissions.some(ownSinceFreeze) ? `participant:${viewer.userId}` : 'public';
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
  // Hidden from this viewer: another's submissions made from the freeze time on, on a frozen board.
  const hidden = (s: ScoreboardSubmission) =>
    frozen && freezeTime !== null && s.userId !== viewer.userId && s.createdAt.getTime() >= freezeTime.getTime();

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
    ...rule.total([...cells.values()]),
    problems: Object.fromEntries(
      [...cells].map(([label, { solvedAt: _solvedAt, ...cell }]) => [label, cell satisfies ScoreboardCell]),
    ),
  }));
  return {
    frozen,
    scoring: contest.scoring,
    problems: problems.map((p) => ({ label: p.label, title: p.title })),
    rows: rank(unranked, rule),
  };
}

/** In the rule's order; equal totals share a rank (1, 1, 3) and are listed by name. */
function rank(rows: ScoreboardRow[], rule: ScoringRule): ScoreboardRow[] {
  const sorted = [...rows].sort((a, b) => rule.compare(a, b) || a.username.localeCompare(b.username));
  const ranked: ScoreboardRow[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...row, rank: previous && rule.compare(previous, row) === 0 ? previous.rank : i + 1 });
  });
  return ranked;
}
