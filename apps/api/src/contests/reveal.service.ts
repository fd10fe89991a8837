import { Injectable } from '@nestjs/common';
import type { ContestAward, RevealData } from '@judge/contract';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { conflict } from '../common/app-error';
import { computeAwards } from './awards';
import { ContestsService, medalsOf } from './contests.service';
import { hiddenCells } from './reveal';
import { computeScoreboard, isFrozen } from './scoreboard';

/** Whose board: staff see every result; nobody in particular sees the public (frozen) one. */
const STAFF = { userId: null, staff: true };
const PUBLIC = { userId: null, staff: false };

/**
 * The closing ceremony: the awards of a contest (awards.ts) and the data to reveal its frozen board step by step
 * (revealFrames in @judge/contract). docs/contests.md, "Reveal and awards".
 */
@Injectable()
export class ContestRevealService {
  constructor(private readonly contests: ContestsService) {}

  /**
   * Staff: at any time, of the board as it stands. Anyone else: once the contest has ended and its board is not
   * frozen (unfrozen, or it never froze): while it is, the awards would tell the results it hides.
   */
  async awards(caller: Caller | undefined, id: string): Promise<ContestAward[]> {
    const contest = await this.contests.findVisible(caller, id);
    const now = new Date();
    if (!isStaff(caller) && (now.getTime() < contest.endsAt.getTime() || isFrozen(contest, now))) {
      throw conflict(
        'AWARDS_NOT_PUBLIC',
        'the awards are shown once the contest has ended and its scoreboard is unfrozen',
      );
    }
    const board = computeScoreboard({ ...(await this.contests.scoreboardData(id)), viewer: STAFF, now });
    return computeAwards(board, medalsOf(contest));
  }

  /** Staff, after the end: the public board at the end (frozen even if since unfrozen), the final one, the awards. */
  async reveal(id: string): Promise<RevealData> {
    const contest = await this.contests.find(id);
    const now = new Date();
    if (now.getTime() < contest.endsAt.getTime()) {
      throw conflict('CONTEST_NOT_ENDED', 'the reveal is for after the end of the contest');
    }
    const data = await this.contests.scoreboardData(id);
    // Revealing again after the unfreeze (a rehearsal, a second screen) starts from the same frozen board.
    const frozen = computeScoreboard({ ...data, contest: { ...data.contest, unfrozen: false }, viewer: PUBLIC, now });
    const final = computeScoreboard({ ...data, viewer: STAFF, now });
    return { frozen, final, awards: computeAwards(final, medalsOf(contest)), hidden: hiddenCells(frozen, final) };
  }
}
