import type { VirtualScoreboardView } from '@judge/contract';
import { computeScoreboard, type ScoreboardData, type ScoreboardSubmission } from './scoreboard';

/**
 * The board a virtual participant sees: the contest's real board as it stood at the same contest time, with their
 * own row among the real contestants. Pure, like computeScoreboard, which does the scoring; tested with hand-worked
 * boards in virtual-scoreboard.spec.ts. docs/contests.md says the same in words.
 */

export interface VirtualParticipant {
  userId: string;
  username: string;
  startedAt: Date;
  /** Their virtual submissions, at the times they made them. */
  submissions: ScoreboardSubmission[];
}

export interface VirtualBoardInput {
  /** The real board's data: the contest's own submissions only (never virtual or upsolving ones). */
  data: ScoreboardData;
  participant: VirtualParticipant;
  now: Date;
}

/** How long the contest lasts, and so every virtual participation in it. */
export function contestDurationMs(contest: { startsAt: Date; endsAt: Date }): number {
  return contest.endsAt.getTime() - contest.startsAt.getTime();
}

/** Time since the participation started, at most the contest's duration. */
export function virtualElapsedMs(contest: { startsAt: Date; endsAt: Date }, startedAt: Date, now: Date): number {
  return Math.min(Math.max(0, now.getTime() - startedAt.getTime()), contestDurationMs(contest));
}

export function computeVirtualScoreboard({ data, participant, now }: VirtualBoardInput): VirtualScoreboardView {
  const { contest } = data;
  const duration = contestDurationMs(contest);
  const elapsedMs = virtualElapsedMs(contest, participant.startedAt, now);
  // The contest time the board shows, on the contest's own clock.
  const then = new Date(contest.startsAt.getTime() + elapsedMs);
  const real = data.submissions.filter((s) => s.createdAt.getTime() < then.getTime());
  // Their own, moved onto the contest's clock (10 minutes into the participation is minute 10), up to the same time.
  const own = participant.submissions
    .map((s) => ({
      ...s,
      createdAt: new Date(s.createdAt.getTime() - participant.startedAt.getTime() + contest.startsAt.getTime()),
    }))
    .filter((s) => s.createdAt.getTime() <= then.getTime());
  const board = computeScoreboard({
    // While it runs, the board is as the contestants saw it then: the real contest was never unfrozen before its
    // end. Once the participation is over, the board is as the real one is now (unfrozen if the real one is).
    contest: { ...contest, unfrozen: elapsedMs < duration ? false : contest.unfrozen },
    problems: data.problems,
    // A real row of theirs (registered, never submitted: else they could not take part virtually) gives way.
    participants: [
      ...data.participants.filter((p) => p.userId !== participant.userId),
      { userId: participant.userId, username: participant.username },
    ],
    submissions: [...real, ...own],
    // As a contestant then: staff too see the freeze, as the contestants did.
    viewer: { userId: participant.userId, staff: false },
    now: then,
  });
  return {
    ...board,
    rows: board.rows.map((row) => (row.userId === participant.userId ? { ...row, virtual: true } : row)),
    elapsedMs,
  };
}
