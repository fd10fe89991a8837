import { describe, expect, it } from 'vitest';
import type { ScoreboardRow, ScoreboardView } from './contests';
import { applyScoreboardPatch, diffScoreboards } from './scoreboard-patch';
import { rankRows } from './scoring';

/** A seeded generator, so that a failing board can be made again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function row(userId: string, username: string, solved: number, penalty: number): ScoreboardRow {
  const cell = {
    attempts: solved,
    pending: 0,
    score: null,
    solvedAtMinutes: solved > 0 ? penalty : null,
    firstToSolve: false,
  };
  return {
    rank: 0,
    userId,
    username,
    solved,
    penalty,
    score: solved,
    problems: { A: cell },
  };
}

function board(rows: ScoreboardRow[], frozen = false): ScoreboardView {
  return { frozen, scoring: 'icpc', problems: [{ label: 'A', title: 'Alpha' }], rows: rankRows(rows, 'icpc') };
}

describe('scoreboard patches', () => {
  it('carry only the rows that changed, and make the new board of the old, ranks and order included', () => {
    const before = board([row('u1', 'ann', 1, 20), row('u2', 'bob', 0, 0), row('u3', 'cat', 2, 90)]);
    const after = board([row('u1', 'ann', 1, 20), row('u2', 'bob', 3, 100), row('u3', 'cat', 2, 90)]);
    const patch = diffScoreboards(before, after)!;
    // Bob passes everyone: every rank changes, but only his row is sent.
    expect(patch).toEqual({ rows: [after.rows[0]], removed: [] });
    expect(applyScoreboardPatch(before, patch)).toEqual(after);
  });

  it('add rows and take rows away', () => {
    const before = board([row('u1', 'ann', 1, 20), row('u2', 'bob', 0, 0)]);
    const after = board([row('u1', 'ann', 1, 20), row('u4', 'dan', 1, 5)]);
    const patch = diffScoreboards(before, after)!;
    expect(patch.removed).toEqual(['u2']);
    expect(patch.rows.map((r) => r.userId)).toEqual(['u4']);
    expect(applyScoreboardPatch(before, patch)).toEqual(after);
  });

  it('are none when more than rows changed: the whole board is sent', () => {
    const rows = [row('u1', 'ann', 1, 20)];
    expect(diffScoreboards(board(rows), board(rows, true))).toBeNull();
    expect(diffScoreboards(board(rows), { ...board(rows), problems: [] })).toBeNull();
  });

  it('make the server’s board of any board and any changes (200 random pairs, ties and twin names included)', () => {
    const next = random(7);
    const pick = (n: number) => Math.floor(next() * n);
    for (let round = 0; round < 200; round++) {
      const people = Array.from({ length: 1 + pick(30) }, (_, i) => ({ id: `u${i}`, name: `p${pick(8)}` }));
      const make = () => people.filter(() => next() < 0.9).map((p) => row(p.id, p.name, pick(4), pick(3) * 20));
      const before = board(make());
      const after = board(make());
      const patch = diffScoreboards(before, after)!;
      expect(applyScoreboardPatch(before, patch)).toEqual(after);
    }
  });
});
