import type { ScoreboardRow, ScoreboardView } from './contests';
import { rankRows } from './scoring';

/**
 * What changed between two boards of one viewer, sent on a live scoreboard instead of the whole board (a
 * `scoreboard-patch` event, for clients that ask for them): the rows that are new or whose cells or totals changed,
 * and the rows gone. Ranks are not part of it: a row moving up shifts the rank of every row it passes, and the
 * client ranks the rows again (rankRows) exactly as the server does. With 10,000 rows and one verdict, that is one
 * row of about a kilobyte instead of the whole board's megabytes.
 */
export interface ScoreboardPatch {
  rows: ScoreboardRow[];
  /** The `userId` of rows no longer on the board. */
  removed: string[];
}

/** A row as a patch compares it: everything but its rank. */
const rowKey = (row: ScoreboardRow) => JSON.stringify({ ...row, rank: 0 });

/**
 * The patch that makes `after` of `before`, or null when more than rows changed (the freeze, the problems, the
 * scoring rule): then the whole board is sent.
 */
export function diffScoreboards(before: ScoreboardView, after: ScoreboardView): ScoreboardPatch | null {
  if (
    before.frozen !== after.frozen ||
    before.scoring !== after.scoring ||
    JSON.stringify(before.problems) !== JSON.stringify(after.problems)
  ) {
    return null;
  }
  const old = new Map(before.rows.map((row) => [row.userId, rowKey(row)]));
  const present = new Set(after.rows.map((row) => row.userId));
  return {
    rows: after.rows.filter((row) => old.get(row.userId) !== rowKey(row)),
    removed: before.rows.filter((row) => !present.has(row.userId)).map((row) => row.userId),
  };
}

/** The board a patch makes of the board it was computed against: the same rows, ranks and order as the server's. */
export function applyScoreboardPatch(board: ScoreboardView, patch: ScoreboardPatch): ScoreboardView {
  const changed = new Map(patch.rows.map((row) => [row.userId, row]));
  const removed = new Set(patch.removed);
  const rows = board.rows.filter((row) => !removed.has(row.userId)).map((row) => changed.get(row.userId) ?? row);
  const kept = new Set(rows.map((row) => row.userId));
  rows.push(...patch.rows.filter((row) => !kept.has(row.userId)));
  return { ...board, rows: rankRows(rows, board.scoring) };
}
