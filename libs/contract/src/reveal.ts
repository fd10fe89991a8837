import type { ContestAward } from './awards';
import type { ScoreboardCell, ScoreboardRow, ScoreboardView } from './contests';
import { assignRanks, listedBefore, rankRows, type RowTotals } from './scoring';

/**
 * The reveal of a frozen board at the closing ceremony, as the ICPC resolver does it (docs/contests.md, "Reveal and
 * awards"): from the public board at the end, the lowest row that still has a pending cell shows its leftmost one as
 * it ended, and the board re-ranks; a lowest row with nothing pending is final, and its awards are given; on upward
 * until every row is final. The board it ends on is the final board.
 */

/** GET /api/contests/:id/reveal (staff, after the end). */
export interface RevealData {
  /** The public board at the end: frozen (unless the contest never freezes). */
  frozen: ScoreboardView;
  /** The board as staff see it: where the reveal ends. */
  final: ScoreboardView;
  /** Of the final board (GET /api/contests/:id/awards). */
  awards: ContestAward[];
  /**
   * Per row of the frozen board (by its userId): its cells pending there, left to right, each as it is on the final
   * board, with the row's totals once that cell is revealed (those before it revealed too).
   */
  hidden: Record<string, HiddenCell[]>;
}

export interface HiddenCell {
  label: string;
  cell: ScoreboardCell;
  totals: RowTotals;
}

/** One key press of the reveal. */
export type RevealStep =
  /** A row's leftmost pending cell shown; it moved from one place (0: the top) to another (the same if it stayed). */
  | { kind: 'cell'; userId: string; label: string; from: number; to: number }
  /** The lowest row not final has nothing pending: it is final, and these are its awards (never empty). */
  | { kind: 'final'; userId: string; awards: ContestAward[] };

/** The board between two key presses. */
export interface RevealFrame {
  /** Ranked, as the board shows them. */
  rows: ScoreboardRow[];
  /** How many rows, from the bottom, are final. */
  finalRows: number;
  /** What led here from the frame before (null in the first). */
  step: RevealStep | null;
  /** The row the next step resolves; null once every row is final. */
  next: string | null;
}

/**
 * Every frame of the reveal, the frozen board first and the final one last: stepping back is going to the frame
 * before. A row with nothing pending and no award becomes final without a step of its own, so that each key press
 * shows something.
 */
export function revealFrames(data: Pick<RevealData, 'frozen' | 'awards' | 'hidden'>): RevealFrame[] {
  const scoring = data.frozen.scoring;
  let rows = rankRows(data.frozen.rows, scoring);
  const revealed = new Map<string, number>();
  const hiddenOf = (userId: string) => data.hidden[userId] ?? [];
  const awardsOf = (userId: string) => data.awards.filter((a) => a.teamIds.includes(userId));
  const pending = (userId: string) => hiddenOf(userId).length > (revealed.get(userId) ?? 0);
  let finalRows = 0;
  const lowest = () => rows[rows.length - 1 - finalRows];

  // Rows that would only become final, awardless, pass without a step.
  const pass = () => {
    while (finalRows < rows.length && !pending(lowest().userId) && awardsOf(lowest().userId).length === 0) {
      finalRows += 1;
    }
  };

  const frames: RevealFrame[] = [];
  const push = (step: RevealStep | null) => {
    pass();
    frames.push({ rows, finalRows, step, next: finalRows < rows.length ? lowest().userId : null });
  };

  push(null);
  while (finalRows < rows.length) {
    const row = lowest();
    const from = rows.length - 1 - finalRows;
    const done = revealed.get(row.userId) ?? 0;
    const next = hiddenOf(row.userId)[done];
    if (next === undefined) {
      finalRows += 1;
      push({ kind: 'final', userId: row.userId, awards: awardsOf(row.userId) });
      continue;
    }
    revealed.set(row.userId, done + 1);
    const updated: ScoreboardRow = {
      ...row,
      ...next.totals,
      problems: { ...row.problems, [next.label]: next.cell },
    };
    // The others keep their order: the row moves to its new place (up, never down: a cell only gains).
    const others = rows.filter((r) => r.userId !== row.userId);
    let to = others.findIndex((r) => listedBefore(scoring, updated, r));
    if (to < 0) to = others.length;
    rows = assignRanks([...others.slice(0, to), updated, ...others.slice(to)], scoring);
    push({ kind: 'cell', userId: row.userId, label: next.label, from, to });
  }
  return frames;
}
