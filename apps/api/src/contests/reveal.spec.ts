import { describe, expect, it } from 'vitest';
import { revealFrames, type ScoreboardView } from '@judge/contract';
import { hiddenCells } from './reveal';
import { computeScoreboard, type ScoreboardContest, type ScoreboardSubmission } from './scoreboard';

const START = new Date('2025-01-01T10:00:00Z');
const at = (minute: number) => new Date(START.getTime() + minute * 60_000);
const problems = [
  { label: 'A', problemId: 'pa', title: 'Alpha' },
  { label: 'B', problemId: 'pb', title: 'Beta' },
];
const participants = ['ann', 'bob', 'cat'].map((name) => ({ userId: name, username: name }));
// Five hours, frozen for the last hour (from minute 240).
const contest: ScoreboardContest = {
  startsAt: START,
  endsAt: at(300),
  scoring: 'ioi',
  freezeMinutes: 60,
  unfrozen: false,
};

let counter = 0;
/** An IOI submission out of 100: groups g1 (40) and g2 (60). */
function scored(userId: string, problemId: string, minute: number, g1: number, g2: number): ScoreboardSubmission {
  counter += 1;
  return {
    id: `s${String(counter).padStart(4, '0')}`,
    userId,
    problemId,
    createdAt: at(minute),
    verdict: g1 + g2 === 100 ? 'AC' : 'WA',
    score: g1 + g2,
    maxScore: 100,
    groups: [
      { name: 'secret', verdict: 'WA', score: g1 + g2, maxScore: 100 },
      { name: 'secret/g1', verdict: 'WA', score: g1, maxScore: 40 },
      { name: 'secret/g2', verdict: 'WA', score: g2, maxScore: 60 },
    ],
  };
}

/*
 * IOI, best per group. Before the freeze: ann A 100; bob A 40 (g1); cat nothing.
 * After (hidden): bob A g2 only (60: best per group 40 + 60 = 100), bob B 40; cat B 100; ann B 0.
 * Frozen: ann 100, bob 40, cat 0. Final: bob 140, ann 100, cat 100 (ann before cat by name).
 */
const submissions = [
  scored('ann', 'pa', 30, 40, 60),
  scored('bob', 'pa', 50, 40, 0),
  scored('bob', 'pa', 250, 0, 60),
  scored('bob', 'pb', 260, 40, 0),
  scored('cat', 'pb', 270, 40, 60),
  scored('ann', 'pb', 280, 0, 0),
];
const view = (staff: boolean): ScoreboardView =>
  computeScoreboard({ contest, problems, participants, submissions, viewer: { userId: null, staff }, now: at(310) });

describe('hiddenCells', () => {
  const frozen = view(false);
  const final = view(true);
  const hidden = hiddenCells(frozen, final);

  it('lists each row’s pending cells left to right, as they ended, with the totals once each is shown', () => {
    expect(frozen.rows.map((r) => `${r.username} ${r.score}`)).toEqual(['ann 100', 'bob 40', 'cat 0']);
    expect(hidden.bob.map((h) => [h.label, h.cell.score, h.totals.score])).toEqual([
      ['A', 100, 100], // A at full points (40 + 60, best per group), B still 0 on the frozen board
      ['B', 40, 140],
    ]);
    expect(hidden.cat.map((h) => [h.label, h.cell.score, h.totals])).toEqual([
      ['B', 100, { solved: 1, penalty: 0, score: 100 }],
    ]);
    expect(hidden.ann.map((h) => [h.label, h.cell.score, h.totals.score])).toEqual([['B', 0, 100]]);
  });

  it('steps, with revealFrames, from the frozen board to the final one', () => {
    const frames = revealFrames({ frozen, awards: [], hidden });
    expect(final.rows.map((r) => `${r.rank} ${r.username} ${r.score}`)).toEqual([
      '1 bob 140',
      '2 ann 100',
      '2 cat 100',
    ]);
    expect(frames.at(-1)?.rows).toEqual(final.rows);
    // cat (lowest) shows B: 100 ties ann, listed after her by name. bob, now lowest, shows A: 100, three tied,
    // listed ann, bob, cat; cat is then final. bob shows B (140, first); ann's B adds nothing.
    expect(frames.slice(1).map((f) => f.step)).toEqual([
      { kind: 'cell', userId: 'cat', label: 'B', from: 2, to: 1 },
      { kind: 'cell', userId: 'bob', label: 'A', from: 2, to: 1 },
      { kind: 'cell', userId: 'bob', label: 'B', from: 1, to: 0 },
      { kind: 'cell', userId: 'ann', label: 'B', from: 1, to: 1 },
    ]);
  });
});
