import { describe, expect, it } from 'vitest';
import type { ContestScoring, ScoreboardCell, ScoreboardRow, ScoreboardView } from '@judge/contract';
import { computeAwards } from './awards';

const cell = (firstToSolve = false): ScoreboardCell => ({
  attempts: 1,
  solvedAtMinutes: firstToSolve ? 1 : null,
  score: null,
  pending: 0,
  firstToSolve,
});

/** A row: its rank and totals as the board has worked them out; `first` the problems it was first to solve. */
function row(name: string, rank: number, solved: number, score = solved, first: string[] = []): ScoreboardRow {
  return {
    rank,
    userId: `id-${name}`,
    username: name,
    solved,
    penalty: 0,
    score,
    problems: { A: cell(first.includes('A')), B: cell(first.includes('B')) },
  };
}

const board = (rows: ScoreboardRow[], scoring: ContestScoring = 'icpc'): ScoreboardView => ({
  frozen: false,
  scoring,
  problems: [
    { label: 'A', title: 'Alpha' },
    { label: 'B', title: 'Beta' },
  ],
  rows,
});

/** The awards as `id: names`, for reading. */
const given = (view: ScoreboardView, gold: number, silver: number, bronze: number) =>
  computeAwards(view, { gold, silver, bronze }).map((a) => `${a.id}: ${a.teamIds.map((t) => t.slice(3)).join(' ')}`);

describe('computeAwards', () => {
  it('gives the winner, a medal per place and first to solve each problem, with CCS ids and citations', () => {
    const view = board([
      row('ann', 1, 2, 2, ['A']),
      row('bob', 2, 2, 2, ['B']),
      row('cat', 3, 1),
      row('dan', 4, 1),
      row('eve', 5, 1),
    ]);
    // 1 gold (rank 1), 1 silver (rank 2), 2 bronze (ranks 3 and 4); eve, fifth, none.
    expect(given(view, 1, 1, 2)).toEqual([
      'winner: ann',
      'gold-medal: ann',
      'silver-medal: bob',
      'bronze-medal: cat dan',
      'first-to-solve-A: ann',
      'first-to-solve-B: bob',
    ]);
    expect(computeAwards(view, { gold: 1, silver: 0, bronze: 0 })).toEqual([
      { id: 'winner', citation: 'Contest winner', teamIds: ['id-ann'] },
      { id: 'gold-medal', citation: 'Gold medal winner', teamIds: ['id-ann'] },
      { id: 'first-to-solve-A', citation: 'First to solve problem A', teamIds: ['id-ann'] },
      { id: 'first-to-solve-B', citation: 'First to solve problem B', teamIds: ['id-bob'] },
    ]);
  });

  it('shares a medal between rows tied at its last place; the next medal’s places still end where they did', () => {
    // Ranks 1 1 3 4 4 6; medals 1/2/2: gold to rank ≤ 1 (two rows), silver to rank ≤ 3 (one row: rank 2 is
    // nobody's), bronze to rank ≤ 5 (the two rows tied at 4); rank 6 none.
    const view = board([
      row('ann', 1, 3),
      row('bob', 1, 3),
      row('cat', 3, 2),
      row('dan', 4, 1),
      row('eve', 4, 1),
      row('fay', 6, 1),
    ]);
    expect(given(view, 1, 2, 2)).toEqual([
      'winner: ann bob',
      'gold-medal: ann bob',
      'silver-medal: cat',
      'bronze-medal: dan eve',
    ]);
  });

  it('gives no medal to a row that solved nothing, and leaves out medals nobody gets', () => {
    // 4/4/4 medals, two rows that solved something: two golds; the third row (0 solved, rank 3) nothing.
    const view = board([row('ann', 1, 2, 2, ['A']), row('bob', 2, 1), row('cat', 3, 0)]);
    expect(given(view, 4, 4, 4)).toEqual(['winner: ann', 'gold-medal: ann bob', 'first-to-solve-A: ann']);
  });

  it('gives nothing when nobody solved anything, not even a winner', () => {
    expect(given(board([row('ann', 1, 0), row('bob', 1, 0)]), 4, 4, 4)).toEqual([]);
  });

  it('ranks IOI boards by points: a row with points but no full score gets a medal, one with none does not', () => {
    // Points 250, 250, 120 (no problem at full score), 0: ranks 1 1 3 4. Medals 1/1/2: gold to both 250s, silver
    // places end at 2 (nobody), bronze at 4: the 120, and not the row with no points though it is within them.
    const view = board(
      [row('ann', 1, 2, 250, ['A']), row('bob', 1, 2, 250, ['A', 'B']), row('cat', 3, 0, 120), row('dan', 4, 0, 0)],
      'ioi',
    );
    expect(given(view, 1, 1, 2)).toEqual([
      'winner: ann bob',
      'gold-medal: ann bob',
      'bronze-medal: cat',
      'first-to-solve-A: ann bob',
      'first-to-solve-B: bob',
    ]);
  });
});
