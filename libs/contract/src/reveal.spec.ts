import { describe, expect, it } from 'vitest';
import type { ContestAward } from './awards';
import type { ScoreboardCell, ScoreboardRow, ScoreboardView } from './contests';
import { revealFrames, type HiddenCell, type RevealData } from './reveal';

const cell = (overrides: Partial<ScoreboardCell> = {}): ScoreboardCell => ({
  attempts: 0,
  solvedAtMinutes: null,
  score: null,
  pending: 0,
  firstToSolve: false,
  ...overrides,
});

const row = (username: string, rank: number, solved: number, penalty: number, problems: ScoreboardRow['problems']) => ({
  rank,
  userId: `id-${username}`,
  username,
  solved,
  penalty,
  score: solved,
  problems,
});

const board = (rows: ScoreboardRow[], frozen: boolean): ScoreboardView => ({
  frozen,
  scoring: 'icpc',
  problems: [
    { label: 'A', title: 'Apples' },
    { label: 'B', title: 'Boats' },
    { label: 'C', title: 'Cards' },
  ],
  rows,
});

/*
 * ICPC, three problems, frozen at minute 180 (penalty: minute of the solve + 20 per rejected attempt before it).
 *
 * Frozen (public) board at the end:
 *   1 ann  2 solved  80   A 1 try @10 ★, B 2 tries @50 ★ (10 + 50 + 20 = 80)
 *   2 bob  1 solved  20   A 1 try @20, B 1 pending, C 1 pending
 *   3 cat  1 solved  30   A 1 try @30, B 1 pending, C 1 pending
 *   4 dan  0 solved   0   A 1 rejected + 1 pending
 *
 * What the pending cells hide:
 *   bob B solved @250, 1 try         → 2 solved, 20 + 250 = 270;  bob C 2 rejected → unchanged
 *   cat B solved @200, 1 try         → 2 solved, 30 + 200 = 230;  cat C 1 rejected → unchanged
 *   dan A rejected again (2 tries)   → unchanged
 *
 * Final board: ann 2/80, cat 2/230, bob 2/270, dan 0/0. Medals 1/1/1: ann gold (and winner, first to solve A
 * and B), cat silver, bob bronze; dan none.
 */
const frozen = board(
  [
    row('ann', 1, 2, 80, {
      A: cell({ attempts: 1, solvedAtMinutes: 10, firstToSolve: true }),
      B: cell({ attempts: 2, solvedAtMinutes: 50, firstToSolve: true }),
      C: cell(),
    }),
    row('bob', 2, 1, 20, {
      A: cell({ attempts: 1, solvedAtMinutes: 20 }),
      B: cell({ pending: 1 }),
      C: cell({ pending: 1 }),
    }),
    row('cat', 3, 1, 30, {
      A: cell({ attempts: 1, solvedAtMinutes: 30 }),
      B: cell({ pending: 1 }),
      C: cell({ pending: 1 }),
    }),
    row('dan', 4, 0, 0, { A: cell({ attempts: 1, pending: 1 }), B: cell(), C: cell() }),
  ],
  true,
);

const bobB = cell({ attempts: 1, solvedAtMinutes: 250 });
const bobC = cell({ attempts: 2 });
const catB = cell({ attempts: 1, solvedAtMinutes: 200 });
const catC = cell({ attempts: 1 });
const danA = cell({ attempts: 2 });

const hidden: Record<string, HiddenCell[]> = {
  'id-bob': [
    { label: 'B', cell: bobB, totals: { solved: 2, penalty: 270, score: 2 } },
    { label: 'C', cell: bobC, totals: { solved: 2, penalty: 270, score: 2 } },
  ],
  'id-cat': [
    { label: 'B', cell: catB, totals: { solved: 2, penalty: 230, score: 2 } },
    { label: 'C', cell: catC, totals: { solved: 2, penalty: 230, score: 2 } },
  ],
  'id-dan': [{ label: 'A', cell: danA, totals: { solved: 0, penalty: 0, score: 0 } }],
};

const final = board(
  [
    frozen.rows[0],
    row('cat', 2, 2, 230, { A: frozen.rows[2].problems.A, B: catB, C: catC }),
    row('bob', 3, 2, 270, { A: frozen.rows[1].problems.A, B: bobB, C: bobC }),
    row('dan', 4, 0, 0, { A: danA, B: cell(), C: cell() }),
  ],
  false,
);

const award = (id: string, ...names: string[]): ContestAward => ({
  id,
  citation: id,
  teamIds: names.map((n) => `id-${n}`),
});
const awards = [
  award('winner', 'ann'),
  award('gold-medal', 'ann'),
  award('silver-medal', 'cat'),
  award('bronze-medal', 'bob'),
  award('first-to-solve-A', 'ann'),
  award('first-to-solve-B', 'ann'),
];

const data: RevealData = { frozen, final, awards, hidden };
const names = (rows: ScoreboardRow[]) => rows.map((r) => `${r.rank} ${r.username}`);

describe('revealFrames', () => {
  const frames = revealFrames(data);

  it('starts from the frozen board, with the lowest row that has a pending cell next', () => {
    expect(names(frames[0].rows)).toEqual(['1 ann', '2 bob', '3 cat', '4 dan']);
    expect(frames[0]).toMatchObject({ step: null, finalRows: 0, next: 'id-dan' });
  });

  it('resolves from the bottom: a cell per step, a row that jumps up, a final row per award, the winner last', () => {
    const steps = frames.slice(1).map((f) => [f.step, names(f.rows), f.finalRows, f.next]);
    expect(steps).toEqual([
      // dan's A: rejected again; nothing moves, and dan (no award) is final without a step of its own.
      [
        { kind: 'cell', userId: 'id-dan', label: 'A', from: 3, to: 3 },
        ['1 ann', '2 bob', '3 cat', '4 dan'],
        1,
        'id-cat',
      ],
      // cat's B: solved at 200, 2/230 passes bob's 1/20: cat jumps from third to second.
      [
        { kind: 'cell', userId: 'id-cat', label: 'B', from: 2, to: 1 },
        ['1 ann', '2 cat', '3 bob', '4 dan'],
        1,
        'id-bob',
      ],
      // The lowest row not final is now bob: his B (2/270 stays under cat's 2/230), then his C.
      [
        { kind: 'cell', userId: 'id-bob', label: 'B', from: 2, to: 2 },
        ['1 ann', '2 cat', '3 bob', '4 dan'],
        1,
        'id-bob',
      ],
      [
        { kind: 'cell', userId: 'id-bob', label: 'C', from: 2, to: 2 },
        ['1 ann', '2 cat', '3 bob', '4 dan'],
        1,
        'id-bob',
      ],
      [{ kind: 'final', userId: 'id-bob', awards: [awards[3]] }, ['1 ann', '2 cat', '3 bob', '4 dan'], 2, 'id-cat'],
      // cat, who jumped, still has C pending.
      [
        { kind: 'cell', userId: 'id-cat', label: 'C', from: 1, to: 1 },
        ['1 ann', '2 cat', '3 bob', '4 dan'],
        2,
        'id-cat',
      ],
      [{ kind: 'final', userId: 'id-cat', awards: [awards[2]] }, ['1 ann', '2 cat', '3 bob', '4 dan'], 3, 'id-ann'],
      [
        { kind: 'final', userId: 'id-ann', awards: [awards[0], awards[1], awards[4], awards[5]] },
        ['1 ann', '2 cat', '3 bob', '4 dan'],
        4,
        null,
      ],
    ]);
  });

  it('ends on the final board', () => {
    expect(frames.at(-1)?.rows).toEqual(final.rows);
  });

  it('shows each revealed cell as it ended', () => {
    const afterCatB = frames[2].rows.find((r) => r.username === 'cat');
    expect(afterCatB?.problems.B).toEqual(catB);
    expect(afterCatB?.problems.C).toEqual(cell({ pending: 1 }));
  });

  it('is one frame, all final, for a board with nothing pending and no awards', () => {
    const quiet = board([row('eve', 1, 0, 0, { A: cell(), B: cell(), C: cell() })], false);
    expect(revealFrames({ frozen: quiet, awards: [], hidden: {} })).toEqual([
      { rows: quiet.rows, finalRows: 1, step: null, next: null },
    ]);
  });
});
