import {
  ICPC_PENALTY_MINUTES,
  type ContestScoring,
  type ScoreboardCell,
  type ScoreboardRow,
  type ScoreboardView,
  type TestGroupResult,
  type Verdict,
} from '@judge/contract';
import { bestGroupPoints, PROBLEM_POINTS } from '../submissions/points';

/**
 * A contest's scoreboard, computed from its submissions for one viewer: ICPC or IOI scoring, the freeze,
 * first-to-solve marks and ranks. Pure, so that every rule is tested with hand-computed tables
 * (scoreboard.spec.ts); docs/contests.md says the same in words.
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

export interface ScoreboardSubmission {
  id: string;
  userId: string;
  problemId: string;
  createdAt: Date;
  /** Null until judged. */
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  groups: TestGroupResult[];
}

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

/** Compile errors and judge errors are nobody's attempt: they never count. */
const counts = (s: ScoreboardSubmission) => s.verdict !== null && s.verdict !== 'CE' && s.verdict !== 'JE';

const minutesFrom = (start: Date, at: Date) => Math.max(0, Math.floor((at.getTime() - start.getTime()) / 60_000));

interface Cell extends ScoreboardCell {
  /** When the first accepted (ICPC) or full-points (IOI) submission was made, for first-to-solve. */
  solvedAt: Date | null;
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
  const cellOf = contest.scoring === 'icpc' ? icpcCell : ioiCell;

  const rows = participants.map((p) => {
    const cells = new Map<string, Cell>();
    for (const problem of problems) {
      cells.set(problem.label, cellOf(contest, byCell.get(`${p.userId}\n${problem.problemId}`) ?? [], hidden));
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

  const unranked = rows.map(({ participant, cells }): ScoreboardRow => {
    const list = [...cells.values()];
    const solved = list.filter((c) => c.solvedAtMinutes !== null).length;
    const penalty =
      contest.scoring === 'icpc'
        ? list.reduce(
            (sum, c) =>
              c.solvedAtMinutes === null ? sum : sum + c.solvedAtMinutes + (c.attempts - 1) * ICPC_PENALTY_MINUTES,
            0,
          )
        : 0;
    const score = contest.scoring === 'icpc' ? solved : round(list.reduce((sum, c) => sum + (c.score ?? 0), 0));
    return {
      rank: 0,
      userId: participant.userId,
      username: participant.username,
      solved,
      penalty,
      score,
      problems: Object.fromEntries(
        [...cells].map(([label, { solvedAt: _solvedAt, ...cell }]) => [label, cell satisfies ScoreboardCell]),
      ),
    };
  });
  return {
    frozen,
    scoring: contest.scoring,
    problems: problems.map((p) => ({ label: p.label, title: p.title })),
    rows: rank(unranked, contest.scoring),
  };
}

/**
 * ICPC: submissions up to and including the first accepted one count; each rejected one before it adds
 * 20 minutes once the problem is solved. Later submissions are ignored; unjudged or hidden ones are pending.
 */
function icpcCell(
  contest: ScoreboardContest,
  submissions: ScoreboardSubmission[],
  hidden: (s: ScoreboardSubmission) => boolean,
): Cell {
  const cell: Cell = {
    attempts: 0,
    solvedAtMinutes: null,
    score: null,
    pending: 0,
    firstToSolve: false,
    solvedAt: null,
  };
  for (const s of submissions) {
    if (hidden(s) || s.verdict === null) {
      cell.pending += 1;
      continue;
    }
    if (!counts(s)) continue;
    cell.attempts += 1;
    if (s.verdict === 'AC') {
      cell.solvedAt = s.createdAt;
      cell.solvedAtMinutes = minutesFrom(contest.startsAt, s.createdAt);
      break;
    }
  }
  return cell;
}

/**
 * IOI: the best points per test group across the judged submissions (bestGroupPoints); solved once that
 * reaches full points, at the time of the submission that got it there.
 */
function ioiCell(
  contest: ScoreboardContest,
  submissions: ScoreboardSubmission[],
  hidden: (s: ScoreboardSubmission) => boolean,
): Cell {
  const cell: Cell = { attempts: 0, solvedAtMinutes: null, score: 0, pending: 0, firstToSolve: false, solvedAt: null };
  const judged: ScoreboardSubmission[] = [];
  for (const s of submissions) {
    if (hidden(s) || s.verdict === null) {
      cell.pending += 1;
      continue;
    }
    cell.attempts += 1;
    judged.push(s);
    const best = bestGroupPoints(judged);
    if (cell.solvedAt === null && best >= PROBLEM_POINTS) {
      cell.solvedAt = s.createdAt;
      cell.solvedAtMinutes = minutesFrom(contest.startsAt, s.createdAt);
    }
  }
  cell.score = bestGroupPoints(judged);
  return cell;
}

/** ICPC: more solved, then less penalty; IOI: more points. Equal keys share a rank (1, 1, 3); names order ties. */
function rank(rows: ScoreboardRow[], scoring: ContestScoring): ScoreboardRow[] {
  const compare = (a: ScoreboardRow, b: ScoreboardRow) =>
    scoring === 'icpc' ? b.solved - a.solved || a.penalty - b.penalty : b.score - a.score;
  const sorted = [...rows].sort((a, b) => compare(a, b) || a.username.localeCompare(b.username));
  const ranked: ScoreboardRow[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...row, rank: previous && compare(previous, row) === 0 ? previous.rank : i + 1 });
  });
  return ranked;
}

const round = (points: number) => Math.round(points * 100) / 100;
