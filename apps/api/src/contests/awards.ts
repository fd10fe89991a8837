import {
  firstToSolveAward,
  MEDAL_AWARDS,
  type ContestAward,
  type MedalCounts,
  type ScoreboardRow,
  type ScoreboardView,
} from '@judge/contract';

const MEDAL_CITATIONS: Record<(typeof MEDAL_AWARDS)[number], string> = {
  'gold-medal': 'Gold medal winner',
  'silver-medal': 'Silver medal winner',
  'bronze-medal': 'Bronze medal winner',
};

/**
 * A board's awards, in the order a ceremony gives them last to first: the winner, the medals, then first to solve
 * each problem (by the board's problem order). Pure; the arithmetic is worked by hand in awards.spec.ts.
 *
 * - Only rows that scored (ICPC: solved one; IOI: some points) get the winner's award or a medal.
 * - A row gets the best medal whose places reach its rank: with 4 gold and 4 silver, ranks 1 to 4 are gold and 5 to
 *   8 silver. Rows sharing a rank share its medal, so a tie at the last gold place gives more golds, and the silver
 *   places still end at 8 (standard competition ranking, as DOMjudge does it).
 * - First to solve: the rows the board marks first to solve the problem (all of them when tied).
 * - An award nobody gets is left out.
 *
 * teamIds are the rows' userId: the accounts, or in a team contest the teams.
 */
export function computeAwards(board: ScoreboardView, medals: MedalCounts): ContestAward[] {
  const scored = (row: ScoreboardRow) => (board.scoring === 'ioi' ? row.score > 0 : row.solved > 0);
  const ranked = board.rows.filter(scored);
  const ids = (rows: ScoreboardRow[]) => rows.map((r) => r.userId);

  const awards: ContestAward[] = [
    { id: 'winner', citation: 'Contest winner', teamIds: ids(ranked.filter((r) => r.rank === 1)) },
  ];
  const lastPlaces = [medals.gold, medals.gold + medals.silver, medals.gold + medals.silver + medals.bronze];
  MEDAL_AWARDS.forEach((id, i) => {
    const above = i === 0 ? 0 : lastPlaces[i - 1];
    const rows = ranked.filter((r) => r.rank > above && r.rank <= lastPlaces[i]);
    awards.push({ id, citation: MEDAL_CITATIONS[id], teamIds: ids(rows) });
  });
  for (const problem of board.problems) {
    awards.push({
      id: firstToSolveAward(problem.label),
      citation: `First to solve problem ${problem.label}`,
      teamIds: ids(board.rows.filter((r) => r.problems[problem.label]?.firstToSolve === true)),
    });
  }
  return awards.filter((a) => a.teamIds.length > 0);
}
