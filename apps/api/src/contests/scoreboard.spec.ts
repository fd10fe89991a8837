import { describe, expect, it } from 'vitest';
import type { ScoreboardView, Verdict } from '@judge/contract';
import {
  boardKey,
  ownBoardKeys,
  computeScoreboard,
  isFrozen,
  type ScoreboardContest,
  type ScoreboardSubmission,
  type ScoreboardViewer,
} from './scoreboard';

const START = new Date('2025-01-01T10:00:00Z');
const at = (minutes: number, seconds = 0) => new Date(START.getTime() + minutes * 60_000 + seconds * 1000);

const problems = [
  { label: 'A', problemId: 'pa', title: 'Alpha' },
  { label: 'B', problemId: 'pb', title: 'Beta' },
];
const people = ['ann', 'bob', 'cat', 'dan'].map((name) => ({ userId: name, username: name }));

const icpc: ScoreboardContest = {
  startsAt: START,
  endsAt: at(300),
  scoring: 'icpc',
  freezeMinutes: 60,
  unfrozen: false,
};
const ioi: ScoreboardContest = { ...icpc, scoring: 'ioi', freezeMinutes: 0 };

let counter = 0;
/** A pass-fail submission: `verdict` null while it is judged. */
function sub(userId: string, problemId: string, minute: number, verdict: Verdict | null): ScoreboardSubmission {
  counter += 1;
  return {
    id: `s${String(counter).padStart(4, '0')}`,
    userId,
    problemId,
    createdAt: at(minute),
    verdict,
    score: verdict === null ? null : verdict === 'AC' ? 1 : 0,
    maxScore: verdict === null ? null : 1,
    groups: [],
  };
}

/** A scoring submission out of 100 with leaf groups g1 (40) and g2 (60). */
function scored(userId: string, problemId: string, minute: number, g1: number, g2: number): ScoreboardSubmission {
  counter += 1;
  const score = g1 + g2;
  return {
    id: `s${String(counter).padStart(4, '0')}`,
    userId,
    problemId,
    createdAt: at(minute),
    verdict: score === 100 ? 'AC' : 'WA',
    score,
    maxScore: 100,
    groups: [
      { name: 'secret', verdict: 'WA', score, maxScore: 100 },
      { name: 'secret/g1', verdict: 'WA', score: g1, maxScore: 40 },
      { name: 'secret/g2', verdict: 'WA', score: g2, maxScore: 60 },
    ],
  };
}

const admin: ScoreboardViewer = { userId: 'root', staff: true };
const anonymous: ScoreboardViewer = { userId: null, staff: false };

function board(
  contest: ScoreboardContest,
  submissions: ScoreboardSubmission[],
  viewer: ScoreboardViewer = admin,
  now = at(310),
): ScoreboardView {
  return computeScoreboard({ contest, problems, participants: people, submissions, viewer, now });
}

/** One line per row: rank, name, solved, penalty, score. */
const table = (view: ScoreboardView) => view.rows.map((r) => [r.rank, r.username, r.solved, r.penalty, r.score]);
const cell = (view: ScoreboardView, user: string, label: string) =>
  view.rows.find((r) => r.userId === user)?.problems[label];

describe('ICPC scoreboard', () => {
  const submissions = [
    // ann: A at 10 after one WA (10 + 20 = 30); B at 50 after a CE and a JE, which never count (50): 80.
    sub('ann', 'pa', 5, 'WA'),
    sub('ann', 'pa', 10, 'AC'),
    sub('ann', 'pb', 30, 'CE'),
    sub('ann', 'pb', 40, 'JE'),
    sub('ann', 'pb', 50, 'AC'),
    // bob: A at 20 (20); B at 40 after two rejections (40 + 40 = 80): 100; what follows the AC is ignored.
    sub('bob', 'pa', 20, 'AC'),
    sub('bob', 'pa', 25, 'WA'),
    sub('bob', 'pb', 30, 'TLE'),
    sub('bob', 'pb', 35, 'RE'),
    sub('bob', 'pb', 40, 'AC'),
    sub('bob', 'pb', 45, 'WA'),
    // cat: A at 60, seconds not counted (60): 60, one solved; B still being judged.
    { ...sub('cat', 'pa', 60, 'AC'), createdAt: at(60, 59) },
    sub('cat', 'pb', 70, 'WA'),
    sub('cat', 'pb', 75, null),
    // dan: nothing.
  ];

  it('ranks by solved, then penalty, with 20 minutes per rejection before the first AC', () => {
    expect(table(board(icpc, submissions))).toEqual([
      [1, 'ann', 2, 80, 2],
      [2, 'bob', 2, 100, 2],
      [3, 'cat', 1, 60, 1],
      [4, 'dan', 0, 0, 0],
    ]);
  });

  it('counts attempts up to the first AC, without compile or judge errors, and pending ones apart', () => {
    const view = board(icpc, submissions);
    expect(cell(view, 'ann', 'B')).toEqual({
      attempts: 1,
      solvedAtMinutes: 50,
      score: null,
      pending: 0,
      firstToSolve: false,
    });
    expect(cell(view, 'bob', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: 20 });
    expect(cell(view, 'bob', 'B')).toMatchObject({ attempts: 3, solvedAtMinutes: 40, pending: 0 });
    expect(cell(view, 'cat', 'B')).toEqual({
      attempts: 1,
      solvedAtMinutes: null,
      score: null,
      pending: 1,
      firstToSolve: false,
    });
    expect(cell(view, 'dan', 'A')).toEqual({
      attempts: 0,
      solvedAtMinutes: null,
      score: null,
      pending: 0,
      firstToSolve: false,
    });
  });

  it('marks the first accepted submission of each problem', () => {
    const view = board(icpc, submissions);
    expect(cell(view, 'ann', 'A')?.firstToSolve).toBe(true);
    expect(cell(view, 'bob', 'A')?.firstToSolve).toBe(false);
    expect(cell(view, 'bob', 'B')?.firstToSolve).toBe(true);
    expect(cell(view, 'ann', 'B')?.firstToSolve).toBe(false);
  });

  it('gives equal solved and penalty the same rank, and orders them by name', () => {
    const tied = [
      sub('dan', 'pa', 30, 'AC'),
      sub('bob', 'pa', 10, 'WA'),
      sub('bob', 'pa', 10, 'AC'),
      sub('cat', 'pa', 50, 'AC'),
      sub('ann', 'pb', 100, 'AC'),
    ];
    // bob 10 + 20 = 30 ties dan's 30; ann's 100 and cat's 50: cat, then ann.
    expect(table(board(icpc, tied))).toEqual([
      [1, 'bob', 1, 30, 1],
      [1, 'dan', 1, 30, 1],
      [3, 'cat', 1, 50, 1],
      [4, 'ann', 1, 100, 1],
    ]);
  });
});

describe('ICPC scoreboard across a rejudge', () => {
  /** The same submission judged again: pending (null) while in the queue, then with its new verdict. */
  const rejudged = (list: ScoreboardSubmission[], id: string, verdict: Verdict | null) =>
    list.map((s) => {
      if (s.id !== id) return s;
      if (verdict === null) return { ...s, verdict, score: null, maxScore: null };
      return { ...s, verdict, score: verdict === 'AC' ? 1 : 0, maxScore: 1 };
    });

  // ann: WA at 10, AC at 30 (30 + 20 = 50). bob: AC at 20 (20), first to solve A. cat: JE at 5, WA at 15.
  const annWa = sub('ann', 'pa', 10, 'WA');
  const catJe = sub('cat', 'pa', 5, 'JE');
  const bobAc = sub('bob', 'pa', 20, 'AC');
  const before = [annWa, sub('ann', 'pa', 30, 'AC'), bobAc, catJe, sub('cat', 'pa', 15, 'WA')];

  it('before: the WA costs ann 20 minutes, and bob is first to solve', () => {
    const view = board(icpc, before);
    expect(table(view)).toEqual([
      [1, 'bob', 1, 20, 1],
      [2, 'ann', 1, 50, 1],
      [3, 'cat', 0, 0, 0],
      [3, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'ann', 'A')).toMatchObject({ attempts: 2, solvedAtMinutes: 30, pending: 0, firstToSolve: false });
    expect(cell(view, 'bob', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: 20, firstToSolve: true });
    // The JE is nobody's attempt.
    expect(cell(view, 'cat', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: null });
  });

  it('while the WA is rejudged it is pending: the AC after it still counts, without the 20 minutes', () => {
    const view = board(icpc, rejudged(before, annWa.id, null));
    // ann: the AC at 30 with no counted rejection before it: 30.
    expect(table(view)).toEqual([
      [1, 'bob', 1, 20, 1],
      [2, 'ann', 1, 30, 1],
      [3, 'cat', 0, 0, 0],
      [3, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'ann', 'A')).toEqual({
      attempts: 1,
      solvedAtMinutes: 30,
      score: null,
      pending: 1,
      firstToSolve: false,
    });
  });

  it('after the WA becomes an AC: ann solved at 10 with one attempt, and is first to solve instead of bob', () => {
    const view = board(icpc, rejudged(before, annWa.id, 'AC'));
    // ann: AC at 10 (10); the AC at 30 comes after it and is ignored.
    expect(table(view)).toEqual([
      [1, 'ann', 1, 10, 1],
      [2, 'bob', 1, 20, 1],
      [3, 'cat', 0, 0, 0],
      [3, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'ann', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: 10, pending: 0, firstToSolve: true });
    expect(cell(view, 'bob', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: 20, firstToSolve: false });
  });

  it("after bob's AC becomes a WA: bob drops out, ann is first to solve", () => {
    const view = board(icpc, rejudged(before, bobAc.id, 'WA'));
    expect(table(view)).toEqual([
      [1, 'ann', 1, 50, 1],
      [2, 'bob', 0, 0, 0],
      [2, 'cat', 0, 0, 0],
      [2, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'ann', 'A')?.firstToSolve).toBe(true);
    expect(cell(view, 'bob', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: null, firstToSolve: false });
  });

  it("after cat's JE becomes an AC: solved at 5, the first, and the WA at 15 no longer counts", () => {
    const view = board(icpc, rejudged(before, catJe.id, 'AC'));
    // cat: AC at 5 (5), ahead of bob's 20 and ann's 50.
    expect(table(view)).toEqual([
      [1, 'cat', 1, 5, 1],
      [2, 'bob', 1, 20, 1],
      [3, 'ann', 1, 50, 1],
      [4, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'cat', 'A')).toMatchObject({ attempts: 1, solvedAtMinutes: 5, firstToSolve: true });
    expect(cell(view, 'bob', 'A')?.firstToSolve).toBe(false);
  });
});

describe('IOI scoreboard', () => {
  it('takes the best result per group across submissions and ranks by total, ties sharing a rank', () => {
    const submissions = [
      // ann: A g1 from one, g2 from another: 40 + 60 = 100 (solved at 30); B 40.
      scored('ann', 'pa', 10, 40, 0),
      scored('ann', 'pa', 30, 0, 60),
      scored('ann', 'pb', 20, 40, 0),
      // bob: A 100 in one go at 50; B 40 and a compile error that takes nothing away: 140.
      scored('bob', 'pa', 50, 40, 60),
      scored('bob', 'pb', 60, 0, 0),
      { ...sub('bob', 'pb', 70, 'CE'), maxScore: 100, score: 0 },
      scored('bob', 'pb', 80, 40, 0),
      // cat: A 60 + B 30 = 90; B still being judged once more.
      scored('cat', 'pa', 10, 0, 60),
      scored('cat', 'pb', 10, 10, 20),
      sub('cat', 'pb', 90, null),
    ];
    const view = board(ioi, submissions);
    expect(table(view)).toEqual([
      [1, 'ann', 1, 0, 140],
      [1, 'bob', 1, 0, 140],
      [3, 'cat', 0, 0, 90],
      [4, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'ann', 'A')).toEqual({
      attempts: 2,
      solvedAtMinutes: 30,
      score: 100,
      pending: 0,
      firstToSolve: true,
    });
    expect(cell(view, 'bob', 'A')).toMatchObject({ score: 100, solvedAtMinutes: 50, firstToSolve: false });
    expect(cell(view, 'bob', 'B')).toMatchObject({ score: 40, attempts: 3, solvedAtMinutes: null });
    expect(cell(view, 'cat', 'B')).toMatchObject({ score: 30, attempts: 1, pending: 1 });
    expect(cell(view, 'dan', 'B')).toMatchObject({ score: 0, attempts: 0 });
  });

  it('gives a pass-fail problem 100 when accepted', () => {
    const view = board(ioi, [sub('dan', 'pa', 5, 'WA'), sub('dan', 'pa', 7, 'AC'), sub('ann', 'pb', 3, 'WA')]);
    expect(table(view)[0]).toEqual([1, 'dan', 1, 0, 100]);
    expect(cell(view, 'dan', 'A')).toMatchObject({ score: 100, solvedAtMinutes: 7, firstToSolve: true });
    expect(cell(view, 'ann', 'B')).toMatchObject({ score: 0, attempts: 1 });
  });
});

describe('freeze', () => {
  // Freezes at minute 240 (last 60 of 300).
  const submissions = [
    sub('ann', 'pa', 100, 'AC'),
    sub('bob', 'pa', 239, 'WA'),
    sub('bob', 'pa', 240, 'AC'),
    sub('cat', 'pa', 250, 'WA'),
    sub('cat', 'pb', 260, 'AC'),
    sub('ann', 'pb', 270, 'AC'),
  ];
  const during = at(280);

  it('is frozen from the freeze time until unfrozen, also after the end', () => {
    expect(isFrozen(icpc, at(239))).toBe(false);
    expect(isFrozen(icpc, at(240))).toBe(true);
    expect(isFrozen(icpc, at(400))).toBe(true);
    expect(isFrozen({ ...icpc, unfrozen: true }, at(400))).toBe(false);
    expect(isFrozen({ ...icpc, freezeMinutes: 0 }, at(299))).toBe(false);
  });

  it("shows a contestant others' submissions from the freeze time on as pending, and their own row in full", () => {
    const view = board(icpc, submissions, { userId: 'ann', staff: false }, during);
    expect(view.frozen).toBe(true);
    expect(table(view)).toEqual([
      [1, 'ann', 2, 370, 2],
      [2, 'bob', 0, 0, 0],
      [2, 'cat', 0, 0, 0],
      [2, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'bob', 'A')).toEqual({
      attempts: 1,
      solvedAtMinutes: null,
      score: null,
      pending: 1,
      firstToSolve: false,
    });
    expect(cell(view, 'cat', 'A')).toMatchObject({ attempts: 0, pending: 1 });
    expect(cell(view, 'cat', 'B')).toMatchObject({ attempts: 0, pending: 1, solvedAtMinutes: null });
    // Ann's own B counts and, among what she sees, is the first solve of B.
    expect(cell(view, 'ann', 'B')).toMatchObject({ solvedAtMinutes: 270, pending: 0, firstToSolve: true });
  });

  it("shows the public the frozen board without anyone's late results", () => {
    const view = board(icpc, submissions, anonymous, during);
    expect(view.frozen).toBe(true);
    expect(cell(view, 'ann', 'B')).toMatchObject({ pending: 1, solvedAtMinutes: null });
    expect(table(view)[0]).toEqual([1, 'ann', 1, 100, 1]);
  });

  it('shows admins and setters everything', () => {
    const view = board(icpc, submissions, admin, during);
    expect(view.frozen).toBe(false);
    expect(table(view)).toEqual([
      [1, 'ann', 2, 370, 2],
      [2, 'bob', 1, 260, 1],
      [2, 'cat', 1, 260, 1],
      [4, 'dan', 0, 0, 0],
    ]);
    expect(cell(view, 'cat', 'B')?.firstToSolve).toBe(true);
    expect(cell(view, 'ann', 'B')?.firstToSolve).toBe(false);
  });

  it('shows everyone everything once unfrozen', () => {
    const view = board({ ...icpc, unfrozen: true }, submissions, { userId: 'dan', staff: false }, at(320));
    expect(view.frozen).toBe(false);
    expect(table(view)).toEqual(table(board(icpc, submissions, admin, during)));
    expect(cell(view, 'bob', 'A')).toMatchObject({ attempts: 2, solvedAtMinutes: 240, pending: 0 });
  });
});

describe('views a board computed once serves (boardKey)', () => {
  // Ann solves A before the freeze (minute 240), Bob after it; Dan (not on the board) and the public look.
  const submissions = [sub('ann', 'pa', 100, 'AC'), sub('bob', 'pa', 250, 'AC')];
  const data = { contest: icpc, problems, participants: people, submissions };
  const viewers: ScoreboardViewer[] = [
    anonymous,
    { userId: 'outsider', staff: false },
    { userId: 'ann', staff: false },
    { userId: 'bob', staff: false },
    admin,
    { userId: 'setter', staff: true },
  ];

  it('gives viewers the same key exactly when their boards are the same, frozen or not', () => {
    for (const now of [at(200), at(310)]) {
      for (const a of viewers) {
        for (const b of viewers) {
          const same = boardKey(data, a, now) === boardKey(data, b, now);
          expect({ a, b, now, same }).toEqual({
            a,
            b,
            now,
            same: JSON.stringify(board(icpc, submissions, a, now)) === JSON.stringify(board(icpc, submissions, b, now)),
          });
        }
      }
    }
  });

  it('shares one board among everyone before the freeze; three after it (public, staff, Bob’s own)', () => {
    const keys = (now: Date) => new Set(viewers.map((v) => boardKey(data, v, now))).size;
    expect(keys(at(200))).toBe(1);
    expect(keys(at(310))).toBe(3);
  });

  it('lists the accounts with a board of their own as boardKey keys them (ownBoardKeys)', () => {
    for (const now of [at(200), at(310)]) {
      const own = ownBoardKeys(data, now);
      for (const viewer of viewers.filter((v) => v.userId !== null && !v.staff)) {
        const key = own.get(viewer.userId!) ?? (now < at(240) ? 'all' : 'public');
        expect({ viewer, key }).toEqual({ viewer, key: boardKey(data, viewer, now) });
      }
    }
    expect([...ownBoardKeys(data, at(310))]).toEqual([['bob', 'participant:bob']]);
  });
});

describe('a team contest (rows are teams, a member looks at their team’s row)', () => {
  // Two teams; their submissions carry the team's id as `userId` (ContestsService.scoreboardData maps them).
  const red = { id: 'red', name: 'Red', organization: { name: 'KTH', country: 'SWE' } };
  const blue = { id: 'blue', name: 'Blue', organization: null };
  const teams = [
    { userId: 'red', username: 'Red', team: red },
    { userId: 'blue', username: 'Blue', team: blue },
  ];
  const teamOf = { ann: 'red', bob: 'red', cat: 'blue' };
  // Red: A at 100 (100); B at 250, after the freeze at 240. Blue: A at 260, after the freeze.
  const submissions = [sub('red', 'pa', 100, 'AC'), sub('red', 'pb', 250, 'AC'), sub('blue', 'pa', 260, 'AC')];
  const data = { contest: icpc, problems, participants: teams, submissions, teamOf };
  const during = at(280);
  const teamBoard = (viewer: ScoreboardViewer) => computeScoreboard({ ...data, viewer, now: during });

  it('shows the team with its organisation on its row', () => {
    const view = teamBoard(admin);
    expect(table(view)).toEqual([
      [1, 'Red', 2, 350, 2],
      [2, 'Blue', 1, 260, 1],
    ]);
    expect(view.rows.map((r) => r.team)).toEqual([red, blue]);
  });

  it('shows each member of a team, frozen, its own row in full and the others as pending', () => {
    for (const member of ['ann', 'bob']) {
      const view = teamBoard({ userId: member, staff: false });
      expect(table(view)).toEqual([
        [1, 'Red', 2, 350, 2],
        [2, 'Blue', 0, 0, 0],
      ]);
      expect(cell(view, 'blue', 'A')).toMatchObject({ pending: 1, solvedAtMinutes: null });
    }
    // Cat's own row is Blue's; Red's B, after the freeze, is pending to her: one solve each, Red first on penalty
    // (100 < 260).
    const cats = teamBoard({ userId: 'cat', staff: false });
    expect(table(cats)).toEqual([
      [1, 'Red', 1, 100, 1],
      [2, 'Blue', 1, 260, 1],
    ]);
    expect(cell(cats, 'red', 'B')).toMatchObject({ pending: 1 });
  });

  it('gives a team’s members one key, and someone on no team the public board', () => {
    const key = (userId: string) => boardKey(data, { userId, staff: false }, during);
    expect(key('ann')).toBe('participant:red');
    expect(key('bob')).toBe(key('ann'));
    expect(key('cat')).toBe('participant:blue');
    // A team's id is not an account: someone whose account id happened to match sees only the public board.
    expect(key('red')).toBe('public');
    expect(key('dan')).toBe('public');
    expect(Object.fromEntries(ownBoardKeys(data, during))).toEqual({
      ann: 'participant:red',
      bob: 'participant:red',
      cat: 'participant:blue',
    });
  });
});
