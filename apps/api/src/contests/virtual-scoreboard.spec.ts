import { describe, expect, it } from 'vitest';
import type { Verdict, VirtualScoreboardView } from '@judge/contract';
import type { ScoreboardContest, ScoreboardData, ScoreboardSubmission } from './scoreboard';
import { computeVirtualScoreboard, virtualElapsedMs } from './virtual-scoreboard';

// The real contest: 10:00 to 15:00 (300 minutes), ICPC, frozen for the last 60 (from minute 240).
const START = new Date('2025-01-01T10:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
// vic's virtual participation, a month later.
const VIRTUAL_START = new Date('2025-02-01T09:00:00Z');
const virtualAt = (minutes: number) => new Date(VIRTUAL_START.getTime() + minutes * 60_000);

const contest: ScoreboardContest = {
  startsAt: START,
  endsAt: at(300),
  scoring: 'icpc',
  freezeMinutes: 60,
  unfrozen: false,
};

let counter = 0;
function sub(userId: string, problemId: string, createdAt: Date, verdict: Verdict | null): ScoreboardSubmission {
  counter += 1;
  return {
    id: `s${String(counter).padStart(4, '0')}`,
    userId,
    problemId,
    createdAt,
    verdict,
    score: verdict === 'AC' ? 1 : 0,
    maxScore: 1,
    groups: [],
  };
}

const real = [
  // ann: A at 10 after a WA (10 + 20 = 30); B at 245, inside the freeze.
  sub('ann', 'pa', at(5), 'WA'),
  sub('ann', 'pa', at(10), 'AC'),
  sub('ann', 'pb', at(245), 'AC'),
  // bob: A at 20 (20); B at 40 after a WA at 30 (40 + 20 = 60).
  sub('bob', 'pa', at(20), 'AC'),
  sub('bob', 'pb', at(30), 'WA'),
  sub('bob', 'pb', at(40), 'AC'),
  // cat: A at 100.
  sub('cat', 'pa', at(100), 'AC'),
];
// vic: A at 15 after a WA at 3 (15 + 20 = 35); B at 245, inside the freeze (245).
const own = [
  sub('vic', 'pa', virtualAt(3), 'WA'),
  sub('vic', 'pa', virtualAt(15), 'AC'),
  sub('vic', 'pb', virtualAt(245), 'AC'),
];

function data(overrides: Partial<ScoreboardData> = {}): ScoreboardData {
  return {
    contest,
    problems: [
      { label: 'A', problemId: 'pa', title: 'Alpha' },
      { label: 'B', problemId: 'pb', title: 'Beta' },
    ],
    participants: ['ann', 'bob', 'cat'].map((name) => ({ userId: name, username: name })),
    submissions: real,
    ...overrides,
  };
}

function virtualBoard(now: Date, overrides: Partial<ScoreboardData> = {}): VirtualScoreboardView {
  return computeVirtualScoreboard({
    data: data(overrides),
    participant: { userId: 'vic', username: 'vic', startedAt: VIRTUAL_START, submissions: own },
    now,
  });
}

/** One line per row: rank, name, solved, penalty, and whether it is the virtual one. */
const table = (view: VirtualScoreboardView) =>
  view.rows.map((r) => [r.rank, r.username, r.solved, r.penalty, r.virtual ?? false]);
const cell = (view: VirtualScoreboardView, user: string, label: string) =>
  view.rows.find((r) => r.userId === user)?.problems[label];

describe('virtual scoreboard', () => {
  it('shows the real contestants as they stood at the same contest minute, with the virtual row among them', () => {
    // Minute 30: ann's A (30) and bob's A (20) are in; bob's WA at minute 30 is not yet (strictly before), nor
    // vic's B (made 245 minutes in).
    const view = virtualBoard(virtualAt(30));
    expect(view.elapsedMs).toBe(30 * 60_000);
    expect(view.frozen).toBe(false);
    expect(table(view)).toEqual([
      [1, 'bob', 1, 20, false],
      [2, 'ann', 1, 30, false],
      [3, 'vic', 1, 35, true],
      [4, 'cat', 0, 0, false],
    ]);
    expect(cell(view, 'bob', 'B')).toMatchObject({ attempts: 0, pending: 0 });
    // First to solve A among those who had then: ann at 10, not vic at 15.
    expect(cell(view, 'ann', 'A')).toMatchObject({ solvedAtMinutes: 10, firstToSolve: true });
    expect(cell(view, 'vic', 'A')).toMatchObject({ attempts: 2, solvedAtMinutes: 15, firstToSolve: false });
  });

  it('applies the freeze as it was at that minute: others hidden from minute 240, the own row shown', () => {
    // Minute 250: ann's B (245) is hidden, pending: 1 solved, 30. bob 2, 80; cat 1, 100; vic A 35 + B 245 = 280.
    const view = virtualBoard(virtualAt(250));
    expect(view.frozen).toBe(true);
    expect(table(view)).toEqual([
      [1, 'bob', 2, 80, false],
      [2, 'vic', 2, 280, true],
      [3, 'ann', 1, 30, false],
      [4, 'cat', 1, 100, false],
    ]);
    expect(cell(view, 'ann', 'B')).toMatchObject({ attempts: 0, solvedAtMinutes: null, pending: 1 });
    expect(cell(view, 'vic', 'B')).toMatchObject({ attempts: 1, solvedAtMinutes: 245, pending: 0 });
  });

  it('stops at the end of the participation, frozen until the real board is unfrozen', () => {
    const later = virtualAt(400);
    const frozen = virtualBoard(later);
    expect(frozen.elapsedMs).toBe(300 * 60_000);
    expect(frozen.frozen).toBe(true);
    expect(cell(frozen, 'ann', 'B')).toMatchObject({ pending: 1 });
    // Unfrozen: ann's B counts (30 + 245 = 275), just ahead of vic (280).
    const unfrozen = virtualBoard(later, { contest: { ...contest, unfrozen: true } });
    expect(unfrozen.frozen).toBe(false);
    expect(table(unfrozen)).toEqual([
      [1, 'bob', 2, 80, false],
      [2, 'ann', 2, 275, false],
      [3, 'vic', 2, 280, true],
      [4, 'cat', 1, 100, false],
    ]);
  });

  it('keeps the freeze while the participation runs even when the real board has been unfrozen', () => {
    const view = virtualBoard(virtualAt(250), { contest: { ...contest, unfrozen: true } });
    expect(view.frozen).toBe(true);
    expect(cell(view, 'ann', 'B')).toMatchObject({ pending: 1 });
  });

  it("replaces the participant's own empty real row (registered, never submitted) by the virtual one", () => {
    const participants = ['ann', 'bob', 'cat', 'vic'].map((name) => ({ userId: name, username: name }));
    const view = virtualBoard(virtualAt(30), { participants });
    expect(view.rows.filter((r) => r.userId === 'vic')).toEqual([expect.objectContaining({ virtual: true })]);
    expect(view.rows).toHaveLength(4);
  });

  it('counts elapsed time from the start of the participation, never past the duration', () => {
    expect(virtualElapsedMs(contest, VIRTUAL_START, virtualAt(0))).toBe(0);
    expect(virtualElapsedMs(contest, VIRTUAL_START, virtualAt(299))).toBe(299 * 60_000);
    expect(virtualElapsedMs(contest, VIRTUAL_START, virtualAt(1000))).toBe(300 * 60_000);
  });
});
