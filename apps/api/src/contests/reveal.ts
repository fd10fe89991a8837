import type { HiddenCell, ScoreboardCell, ScoreboardView } from '@judge/contract';
import { SCORING_RULES } from './scoring';

/**
 * What the reveal needs besides the two boards (RevealData.hidden in @judge/contract): for each row, the cells
 * pending on the frozen board, left to right, as they are on the final board, and the row's totals once each is
 * shown, by the contest's own rule (scoring/), so that the browser only re-ranks.
 */
export function hiddenCells(frozen: ScoreboardView, final: ScoreboardView): Record<string, HiddenCell[]> {
  const rule = SCORING_RULES[frozen.scoring];
  const finalRows = new Map(final.rows.map((r) => [r.userId, r]));
  const hidden: Record<string, HiddenCell[]> = {};
  for (const row of frozen.rows) {
    const end = finalRows.get(row.userId);
    if (!end) continue;
    const cells = { ...row.problems };
    const list: HiddenCell[] = [];
    for (const { label } of frozen.problems) {
      const cell = end.problems[label];
      if ((row.problems[label]?.pending ?? 0) === 0 || !cell) continue;
      cells[label] = cell;
      const shown = frozen.problems.map((p) => cells[p.label]).filter((c): c is ScoreboardCell => c !== undefined);
      list.push({ label, cell, totals: rule.total(shown) });
    }
    if (list.length > 0) hidden[row.userId] = list;
  }
  return hidden;
}
