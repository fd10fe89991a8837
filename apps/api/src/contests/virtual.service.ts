import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type {
  UpsolvingView,
  VirtualParticipationView,
  VirtualRefusal,
  VirtualScoreboardView,
  VirtualState,
} from '@judge/contract';
import type { Caller } from '../auth/auth.decorators';
import { conflict, notFound } from '../common/app-error';
import { SubmissionEntity } from '../database/entities';
import { SOLVED_SQL } from '../submissions/verdict-filter';
import { UsersService } from '../users/users.service';
import { type ContestEntity, type VirtualParticipationEntity } from './contest.entities';
import { ContestsService, REAL_KIND_SQL } from './contests.service';
import { VirtualParticipations } from './virtual-participations';
import { computeVirtualScoreboard, contestDurationMs, virtualElapsedMs } from './virtual-scoreboard';

const REFUSALS: Record<VirtualRefusal, string> = {
  CONTEST_NOT_ENDED: 'a virtual participation starts only after the contest has ended',
  PROBLEMS_HIDDEN: "this contest's problems stay hidden after its end, so it cannot be taken virtually",
  TOOK_PART: 'you took part in this contest: your results are on its board',
  VIRTUAL_EXISTS: 'you have already taken this contest virtually (one virtual participation per contest)',
};

/**
 * Virtual participation and upsolving (docs/contests.md). After the end of a contest whose problems become practice
 * (`practiceAfter`), a user who did not take part may take it once on their own clock, for as long as it lasted:
 * their submissions meanwhile are `virtual` and their board is the real one as it stood at the same contest time
 * (virtual-scoreboard.ts). Submissions after the end outside a participation are upsolving, listed apart. Neither
 * kind is ever on the real board. A virtual participation is one user's, also in a team contest.
 */
@Injectable()
export class VirtualService {
  constructor(
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly participations: VirtualParticipations,
    private readonly users: UsersService,
  ) {}

  async state(caller: Caller, id: string): Promise<VirtualState> {
    const contest = await this.contests.findVisible(caller, id);
    const existing = await this.participations.find(id, caller.id);
    const refusal = await this.refusal(caller, contest, existing);
    return {
      participation: existing ? view(contest, existing, new Date()) : null,
      canStart: refusal === null,
      refusal,
    };
  }

  async start(caller: Caller, id: string): Promise<VirtualParticipationView> {
    const contest = await this.contests.findVisible(caller, id);
    const refusal = await this.refusal(caller, contest, await this.participations.find(id, caller.id));
    if (refusal) throw conflict(refusal, REFUSALS[refusal]);
    // Two starts at once: the key lets one in, the other is told it exists.
    const inserted = await this.dataSource.query<{ started_at: Date }[]>(
      `INSERT INTO contest_virtual_participations (contest_id, user_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING started_at`,
      [id, caller.id],
    );
    if (inserted.length === 0) throw conflict('VIRTUAL_EXISTS', REFUSALS.VIRTUAL_EXISTS);
    const row = { contestId: id, userId: caller.id, startedAt: new Date(inserted[0].started_at) };
    return view(contest, row, new Date());
  }

  /** The caller's virtual board: the real one at their contest time, their row among it (404 without one). */
  async scoreboard(caller: Caller, id: string): Promise<VirtualScoreboardView> {
    await this.contests.findVisible(caller, id);
    const participation = await this.participations.find(id, caller.id);
    if (!participation) throw notFound('virtual participation');
    const [data, own] = await Promise.all([
      this.contests.scoreboardData(id),
      this.submissions.find({
        where: { contestId: id, userId: caller.id, contestKind: 'virtual' },
        select: ['id', 'userId', 'problemId', 'createdAt', 'status', 'verdict', 'score', 'maxScore', 'groups'],
      }),
    ]);
    return computeVirtualScoreboard({
      data,
      participant: {
        userId: caller.id,
        username: caller.username,
        startedAt: participation.startedAt,
        submissions: own.map((s) => ({ ...s, verdict: s.status === 'done' ? s.verdict : null })),
      },
      now: new Date(),
    });
  }

  /** Upsolving: who solved and tried what after the end, outside virtual participations; as public as the board. */
  async upsolving(caller: Caller | undefined, id: string): Promise<UpsolvingView> {
    await this.contests.assertScoreboardOpen(caller, id);
    const data = await this.contests.scoreboardData(id);
    const rows = await this.dataSource.query<{ user_id: string; problem_id: string; solved: boolean; n: string }[]>(
      `SELECT user_id, problem_id, bool_or(status = 'done' AND ${SOLVED_SQL}) AS solved, count(*) AS n
         FROM submissions WHERE contest_id = $1 AND contest_kind = 'upsolve'
        GROUP BY user_id, problem_id`,
      [id],
    );
    const names = await this.users.usernames(rows.map((r) => r.user_id));
    const labels = new Map(data.problems.map((p) => [p.problemId, p.label]));
    const order = data.problems.map((p) => p.label);
    const byUser = new Map<string, UpsolvingView['rows'][number]>();
    for (const r of rows) {
      const label = labels.get(r.problem_id);
      if (label === undefined) continue;
      const row = byUser.get(r.user_id) ?? {
        userId: r.user_id,
        username: names.get(r.user_id) ?? '',
        solved: [],
        attempted: [],
        submissions: 0,
      };
      (r.solved ? row.solved : row.attempted).push(label);
      row.submissions += Number(r.n);
      byUser.set(r.user_id, row);
    }
    const byLabel = (a: string, b: string) => order.indexOf(a) - order.indexOf(b);
    return {
      problems: data.problems.map((p) => ({ label: p.label, title: p.title })),
      rows: [...byUser.values()]
        .map((row) => ({ ...row, solved: row.solved.sort(byLabel), attempted: row.attempted.sort(byLabel) }))
        .sort((a, b) => b.solved.length - a.solved.length || a.username.localeCompare(b.username)),
    };
  }

  /** Why this caller may not start one now, or null. */
  private async refusal(
    caller: Caller,
    contest: ContestEntity,
    existing: VirtualParticipationEntity | null,
  ): Promise<VirtualRefusal | null> {
    if (Date.now() < contest.endsAt.getTime()) return 'CONTEST_NOT_ENDED';
    if (!contest.practiceAfter) return 'PROBLEMS_HIDDEN';
    if (existing) return 'VIRTUAL_EXISTS';
    if (await this.tookPart(contest.id, caller.id)) return 'TOOK_PART';
    return null;
  }

  /**
   * Whether the user submitted in the contest itself, or (team contest) their team did: their results are on its
   * board already. Registering alone is not taking part: a registered user who never submitted may take it virtually.
   */
  private async tookPart(contestId: string, userId: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ took: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM submissions s
          WHERE s.contest_id = $1 AND ${REAL_KIND_SQL}
            AND (s.user_id = $2
                 OR s.team_id IN (SELECT m.team_id FROM team_members m WHERE m.contest_id = $1 AND m.user_id = $2))
       ) AS took`,
      [contestId, userId],
    );
    return row.took;
  }
}

function view(
  contest: ContestEntity,
  row: Pick<VirtualParticipationEntity, 'startedAt'>,
  now: Date,
): VirtualParticipationView {
  const durationMs = contestDurationMs(contest);
  const elapsedMs = virtualElapsedMs(contest, row.startedAt, now);
  return {
    status: elapsedMs < durationMs ? 'running' : 'finished',
    startedAt: row.startedAt.toISOString(),
    endsAt: new Date(row.startedAt.getTime() + durationMs).toISOString(),
    durationMs,
    elapsedMs,
  };
}
