import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ContestSubmissionKind } from '@judge/contract';
import { conflict } from '../common/app-error';
import { VirtualParticipationEntity, type ContestEntity } from './contest.entities';
import { contestDurationMs } from './virtual-scoreboard';

/**
 * Who is in a virtual participation of a contest now, and so what a submission to an ended contest is made as.
 * Apart from VirtualService so that ContestsService (which takes the submissions) can ask without a cycle.
 */
@Injectable()
export class VirtualParticipations {
  constructor(
    @InjectRepository(VirtualParticipationEntity) private readonly rows: Repository<VirtualParticipationEntity>,
  ) {}

  find(contestId: string, userId: string): Promise<VirtualParticipationEntity | null> {
    return this.rows.findOneBy({ contestId, userId });
  }

  /**
   * A submission after the contest's end: `virtual` during the caller's participation, else upsolving, which is
   * open only when the problems are (`practiceAfter`); otherwise refused as before (CONTEST_ENDED).
   */
  async kindAfterEnd(contest: ContestEntity, userId: string, now: Date): Promise<ContestSubmissionKind> {
    const participation = await this.find(contest.id, userId);
    if (participation && now.getTime() < participation.startedAt.getTime() + contestDurationMs(contest)) {
      return 'virtual';
    }
    if (!contest.practiceAfter) throw conflict('CONTEST_ENDED', 'the contest has ended');
    return 'upsolve';
  }
}
