import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { BalloonFilter, BalloonList, BalloonView } from '@judge/contract';
import type { Actor } from '../auth/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { SOLVED_SQL } from '../submissions/verdict-filter';
import type { ContestEntity } from './contest.entities';
import { ContestsService } from './contests.service';
import { freezesAt, isFrozen } from './scoreboard';

interface BalloonRow {
  submissionId: string;
  teamId: string | null;
  userId: string;
  entrantId: string;
  problemId: string;
  name: string;
  location: string | null;
  problemLabel: string;
  color: string | null;
  firstToSolve: boolean;
  submittedAt: Date;
  doneBy: string | null;
  doneAt: Date | null;
}

/**
 * The balloon queue of an on-site contest. A balloon is the first solve of each entrant (the submission's team, or
 * in an individual contest its author) on each problem, computed from the judged submissions on every read, so
 * that a rejudge adds or takes away balloons at once. Only the runners' done marks are stored, per entrant and
 * problem: a balloon handed out stays handed out when a rejudge moves the first solve to another submission.
 */
@Injectable()
export class BalloonsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditLog,
  ) {}

  async list(contestId: string, filter: BalloonFilter): Promise<BalloonList> {
    const contest = await this.contests.find(contestId);
    const { shown, heldBack } = await this.balloons(contest, new Date());
    const items = shown.filter((b) => filter === 'all' || (filter === 'done') === (b.doneAt !== null)).map(view);
    return { items, heldBack };
  }

  /** Marks a balloon handed out (again: no change). */
  async markDone(contestId: string, submissionId: string, by: Actor): Promise<BalloonView> {
    const { contest, balloon } = await this.findBalloon(contestId, submissionId);
    await this.dataSource.transaction(async (tx) => {
      const inserted = await tx.query<{ contest_id: string }[]>(
        `INSERT INTO balloons_done (contest_id, entrant_id, problem_id, submission_id, done_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING contest_id`,
        [contest.id, balloon.entrantId, balloon.problemId, balloon.submissionId, by.id],
      );
      if (inserted.length > 0) await this.record(by, 'balloon.done', contest.id, balloon, tx);
    });
    return this.current(contestId, submissionId);
  }

  /** Puts a balloon marked done by mistake back in the queue. */
  async undo(contestId: string, submissionId: string, by: Actor): Promise<BalloonView> {
    const { contest, balloon } = await this.findBalloon(contestId, submissionId);
    await this.dataSource.transaction(async (tx) => {
      const [, removed] = await tx.query<[unknown, number]>(
        'DELETE FROM balloons_done WHERE contest_id = $1 AND entrant_id = $2 AND problem_id = $3',
        [contest.id, balloon.entrantId, balloon.problemId],
      );
      if (removed > 0) await this.record(by, 'balloon.undone', contest.id, balloon, tx);
    });
    return this.current(contestId, submissionId);
  }

  private async current(contestId: string, submissionId: string): Promise<BalloonView> {
    return view((await this.findBalloon(contestId, submissionId)).balloon);
  }

  private async record(
    by: Actor,
    action: 'balloon.done' | 'balloon.undone',
    contestId: string,
    balloon: BalloonRow,
    tx: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        actor: by,
        action,
        target: { type: 'contest', id: contestId },
        details: { submissionId: balloon.submissionId, problem: balloon.problemLabel, entrant: balloon.name },
      },
      tx,
    );
  }

  /** A balloon the runners may see now: 404 for any other submission (not a first solve, or held back). */
  private async findBalloon(
    contestId: string,
    submissionId: string,
  ): Promise<{ contest: ContestEntity; balloon: BalloonRow }> {
    const contest = await this.contests.find(contestId);
    if (!isUuid(submissionId)) throw notFound('balloon');
    const balloon = (await this.balloons(contest, new Date())).shown.find((b) => b.submissionId === submissionId);
    if (!balloon) throw notFound('balloon');
    return { contest, balloon };
  }

  /** Every balloon of the contest, oldest first, less those held back by the freeze. */
  private async balloons(contest: ContestEntity, now: Date): Promise<{ shown: BalloonRow[]; heldBack: number }> {
    const rows = await this.dataSource.query<BalloonRow[]>(
      `WITH solves AS (
         SELECT id, user_id, team_id, problem_id, created_at, COALESCE(team_id, user_id) AS entrant_id,
                row_number() OVER (PARTITION BY COALESCE(team_id, user_id), problem_id ORDER BY created_at, id) AS nth
           FROM submissions
          WHERE contest_id = $1 AND status = 'done' AND ${SOLVED_SQL}
       ), firsts AS (
         SELECT *, created_at = min(created_at) OVER (PARTITION BY problem_id) AS first_to_solve
           FROM solves WHERE nth = 1
       )
       SELECT f.id AS "submissionId", f.team_id AS "teamId", f.user_id AS "userId", f.entrant_id AS "entrantId",
              f.problem_id AS "problemId", COALESCE(t.name, u.username) AS name, t.location,
              cp.label AS "problemLabel", cp.color, f.first_to_solve AS "firstToSolve",
              f.created_at AS "submittedAt", du.username AS "doneBy", d.done_at AS "doneAt"
         FROM firsts f
         JOIN contest_problems cp ON cp.contest_id = $1 AND cp.problem_id = f.problem_id
         JOIN users u ON u.id = f.user_id
         LEFT JOIN teams t ON t.id = f.team_id
         LEFT JOIN balloons_done d
                ON d.contest_id = $1 AND d.entrant_id = f.entrant_id AND d.problem_id = f.problem_id
         LEFT JOIN users du ON du.id = d.done_by
        ORDER BY f.created_at, f.id`,
      [contest.id],
    );
    const freeze = freezesAt(contest);
    if (contest.balloonsDuringFreeze || freeze === null || !isFrozen(contest, now)) return { shown: rows, heldBack: 0 };
    const shown = rows.filter((b) => b.submittedAt.getTime() < freeze.getTime());
    return { shown, heldBack: rows.length - shown.length };
  }
}

function view(b: BalloonRow): BalloonView {
  return {
    submissionId: b.submissionId,
    teamId: b.teamId,
    userId: b.userId,
    name: b.name,
    location: b.location,
    problemLabel: b.problemLabel,
    color: b.color,
    firstToSolve: b.firstToSolve,
    submittedAt: b.submittedAt.toISOString(),
    done: b.doneAt !== null,
    doneBy: b.doneBy,
    doneAt: b.doneAt?.toISOString() ?? null,
  };
}
