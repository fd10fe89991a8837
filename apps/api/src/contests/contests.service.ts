import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In, Raw, type Repository } from 'typeorm';
import type {
  ContestPhase,
  ContestProblemView,
  ContestSummary,
  ContestView,
  MedalCounts,
  ProblemDetail,
  ScoreboardTeam,
  SubmissionPage,
  SubmissionProgram,
} from '@judge/contract';
import { DEFAULT_MEDALS } from '@judge/contract';
import { isStaff, type Actor, type Caller } from '../auth/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { changedFields } from '../audit/audit-details';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { SubmissionEntity, UserEntity } from '../database/entities';
import { findByRef, ProblemSets, type LabelledProblem } from '../problems/problem-set';
import { ProblemsService } from '../problems/problems.service';
import type { ServedFile } from '../problems/statement-files';
import { FeedbackPolicy } from '../submissions/feedback-policy';
import { SubmissionsService } from '../submissions/submissions.service';
import { UsersService } from '../users/users.service';
import { ContestEntity, ContestParticipantEntity, ContestProblemEntity, TeamMemberEntity } from './contest.entities';
import { ContestEvents } from './contest-events';
import { VirtualParticipations } from './virtual-participations';
import type { ContestInputBody } from './contests.schemas';
import {
  freezesAt,
  isFrozen,
  type ScoreboardData,
  type ScoreboardParticipant,
  type ScoreboardViewer,
} from './scoreboard';
import { SOLVED_SQL } from '../submissions/verdict-filter';

const notStarted = () => conflict('CONTEST_NOT_STARTED', 'the contest has not started yet');
const ended = () => conflict('CONTEST_ENDED', 'the contest has ended');
const notOnTeam = () =>
  new AppError(
    403,
    'NOT_ON_TEAM',
    'this is a team contest: only members of its teams may do this, and you are on none (ask its organisers)',
  );

/** A submission made in the contest's own window (not virtual, not upsolving), over the submissions `s`. */
export const REAL_KIND_SQL = `coalesce(s.contest_kind, 'contest') = 'contest'`;

/**
 * Contests: their settings, who takes part, their problems and submissions in the window, and the
 * scoreboard (scoring and freeze rules in scoreboard.ts, docs/contests.md).
 */
@Injectable()
export class ContestsService {
  constructor(
    @InjectRepository(ContestEntity) private readonly contests: Repository<ContestEntity>,
    @InjectRepository(ContestProblemEntity) private readonly contestProblems: Repository<ContestProblemEntity>,
    @InjectRepository(ContestParticipantEntity) private readonly participants: Repository<ContestParticipantEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissionRows: Repository<SubmissionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly problems: ProblemsService,
    private readonly problemSets: ProblemSets,
    private readonly submissions: SubmissionsService,
    private readonly userNames: UsersService,
    private readonly events: ContestEvents,
    private readonly feedback: FeedbackPolicy,
    private readonly audit: AuditLog,
    private readonly virtual: VirtualParticipations,
  ) {}

  async create(caller: Actor, input: ContestInputBody): Promise<{ id: string }> {
    await this.checkProblems(input);
    const invited = await this.invitedUsers(input.invited ?? []);
    const id = await this.dataSource.transaction(async (tx) => {
      const contest = await tx.save(
        tx.create(ContestEntity, { ...this.columns(input), unfrozen: false, createdBy: caller.id }),
      );
      await this.saveProblems(tx.getRepository(ContestProblemEntity), contest.id, input);
      await this.saveInvited(tx.getRepository(ContestParticipantEntity), contest.id, invited);
      await this.audit.record(
        {
          actor: caller,
          action: 'contest.create',
          target: { type: 'contest', id: contest.id },
          details: {
            ...auditedColumns(contest),
            problems: input.problems.map(problemEntry),
            invited: invited.length,
          },
        },
        tx,
      );
      return contest.id;
    });
    return { id };
  }

  /** Replaces the settings, the problem set and the invited list; registered users stay. */
  async update(id: string, input: ContestInputBody, by: Actor): Promise<{ id: string }> {
    const existing = await this.find(id);
    await this.checkProblems(input);
    const invited = await this.invitedUsers(input.invited ?? []);
    await this.dataSource.transaction(async (tx) => {
      const columns = this.columns(input);
      // A code contest keeps its code unless a new one is given.
      if (input.registration === 'code' && !input.joinCode && existing.joinCode) columns.joinCode = existing.joinCode;
      const problemsBefore = (
        await tx.find(ContestProblemEntity, { where: { contestId: id }, order: { position: 'ASC' } })
      ).map(problemEntry);
      const invitedBefore = await tx.countBy(ContestParticipantEntity, { contestId: id, invited: true });
      await tx.update(ContestEntity, { id }, columns);
      const problemsAfter = input.problems.map(problemEntry);
      await this.audit.record(
        {
          actor: by,
          action: 'contest.update',
          target: { type: 'contest', id },
          details: {
            ...changedFields(auditedColumns(existing), auditedColumns({ ...existing, ...columns }), AUDITED_FIELDS),
            ...changedFields(
              { problems: problemsBefore, invited: invitedBefore },
              { problems: problemsAfter, invited: invited.length },
              ['problems', 'invited'],
            ),
          },
        },
        tx,
      );
      await tx.delete(ContestProblemEntity, { contestId: id });
      await this.saveProblems(tx.getRepository(ContestProblemEntity), id, input);
      const participants = tx.getRepository(ContestParticipantEntity);
      // No longer invited: gone unless they registered themselves; still invited or new: marked. Team members are
      // participants by their team (TeamsService), not by this list.
      const members = await tx.findBy(TeamMemberEntity, { contestId: id });
      const keep = [...invited.map((u) => u.id), ...members.map((m) => m.userId)];
      for (const row of await participants.findBy({ contestId: id, invited: true })) {
        if (keep.includes(row.userId)) continue;
        if (row.registeredAt) await participants.update({ contestId: id, userId: row.userId }, { invited: false });
        else await participants.delete({ contestId: id, userId: row.userId });
      }
      await this.saveInvited(participants, id, invited);
    });
    this.events.scoreboardChanged(id);
    return { id };
  }

  private columns(input: ContestInputBody) {
    return {
      title: input.title,
      description: input.description ?? '',
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      scoring: input.scoring,
      freezeMinutes: input.freezeMinutes,
      registration: input.registration,
      joinCode: input.registration === 'code' ? (input.joinCode ?? randomBytes(4).toString('hex')) : null,
      practiceAfter: input.practiceAfter ?? true,
      feedback: input.feedback ?? null,
      runsEnabled: input.runsEnabled ?? true,
      teams: input.teams ?? false,
      ...medalColumns(input.medals ?? DEFAULT_MEDALS),
      balloonsDuringFreeze: input.balloonsDuringFreeze ?? true,
      allowedNetworks: input.allowedNetworks ?? [],
      oneSession: input.oneSession ?? false,
    };
  }

  private async checkProblems(input: ContestInputBody): Promise<void> {
    const missing = await this.problemSets.firstMissing(input.problems);
    if (missing) throw badRequest('UNKNOWN_PROBLEM', `problem ${missing.problemId} (${missing.label}) does not exist`);
  }

  private async invitedUsers(usernames: string[]): Promise<UserEntity[]> {
    const unique = [...new Set(usernames)];
    if (unique.length === 0) return [];
    const found = await this.users.findBy({ username: In(unique) });
    const missing = unique.filter((name) => !found.some((u) => u.username === name));
    if (missing.length > 0) throw badRequest('UNKNOWN_USER', `no such user: ${missing.join(', ')}`);
    return found;
  }

  private async saveProblems(
    repo: Repository<ContestProblemEntity>,
    contestId: string,
    input: ContestInputBody,
  ): Promise<void> {
    await repo.insert(
      input.problems.map((p, position) => ({
        contestId,
        problemId: p.problemId,
        label: p.label,
        position,
        color: p.color ?? null,
      })),
    );
  }

  private async saveInvited(
    repo: Repository<ContestParticipantEntity>,
    contestId: string,
    users: UserEntity[],
  ): Promise<void> {
    for (const user of users) {
      await repo.upsert({ contestId, userId: user.id, invited: true }, ['contestId', 'userId']);
    }
  }

  async find(id: string): Promise<ContestEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('contest');
    const contest = await this.contests.findOneBy({ id });
    if (!contest) throw notFound('contest');
    return contest;
  }

  /**
   * The contest as this caller may know of it: an invite-only contest exists only for staff and for the users on
   * its list (invited, or registered before it became invite-only), as in the list. To anyone else it is absent: 404,
   * as for an unknown id, on every route a participant or the public calls.
   */
  async findVisible(caller: Caller | undefined, id: string): Promise<ContestEntity> {
    const contest = await this.find(id);
    if (contest.registration !== 'invite' || isStaff(caller)) return contest;
    if (caller && (await this.isParticipant(id, caller.id))) return contest;
    throw notFound('contest');
  }

  /** Upcoming, running and past contests; invite-only ones only to the invited and to staff. */
  async list(caller: Caller | undefined): Promise<ContestSummary[]> {
    const rows = await this.contests.find({ order: { startsAt: 'DESC' } });
    const counts = await this.dataSource.query<{ contest_id: string; n: string }[]>(
      'SELECT contest_id, count(*) AS n FROM contest_participants GROUP BY contest_id',
    );
    const mine = caller ? await this.participants.findBy({ userId: caller.id }) : [];
    const count = new Map(counts.map((c) => [c.contest_id, Number(c.n)]));
    const registered = new Set(mine.map((p) => p.contestId));
    return rows
      .filter((c) => c.registration !== 'invite' || isStaff(caller) || registered.has(c.id))
      .map((c) => this.summary(c, registered.has(c.id), count.get(c.id) ?? 0));
  }

  /**
   * The contests a user took part in (registered, or submitted in as an invited participant), latest first, as far
   * as `viewer` may know of them: an invite-only contest only for staff and its own participants, as in the list.
   */
  async takenPartIn(viewer: Caller, userId: string): Promise<ContestEntity[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM contests c JOIN contest_participants p ON p.contest_id = c.id AND p.user_id = $1
        WHERE (p.registered_at IS NOT NULL
               OR EXISTS (SELECT 1 FROM submissions s WHERE s.contest_id = c.id AND s.user_id = $1
                                                         AND ${REAL_KIND_SQL}))
          AND (c.registration <> 'invite' OR $3
               OR EXISTS (SELECT 1 FROM contest_participants v WHERE v.contest_id = c.id AND v.user_id = $2))
        ORDER BY c.starts_at DESC`,
      [userId, viewer.id, isStaff(viewer)],
    );
    if (rows.length === 0) return [];
    const found = await this.contests.findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(found.map((c) => [c.id, c]));
    return rows.map((r) => byId.get(r.id)).filter((c): c is ContestEntity => c !== undefined);
  }

  private summary(c: ContestEntity, registered: boolean, participants: number): ContestSummary {
    return {
      id: c.id,
      title: c.title,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      scoring: c.scoring,
      registration: c.registration,
      phase: phaseOf(c, new Date()),
      registered,
      participants,
    };
  }

  async view(caller: Caller | undefined, id: string): Promise<ContestView> {
    const contest = await this.findVisible(caller, id);
    const staff = isStaff(caller);
    const participant = caller ? await this.participants.findOneBy({ contestId: id, userId: caller.id }) : null;
    const participants = await this.participants.countBy({ contestId: id });
    const started = Date.now() >= contest.startsAt.getTime();
    const problems = staff || started ? await this.problemViews(contest, caller) : [];
    const freeze = freezesAt(contest);
    return {
      ...this.summary(contest, participant !== null, participants),
      description: contest.description,
      freezeMinutes: contest.freezeMinutes,
      freezesAt: freeze?.toISOString() ?? null,
      unfrozen: contest.unfrozen,
      practiceAfter: contest.practiceAfter,
      feedback: contest.feedback,
      runsEnabled: contest.runsEnabled,
      teams: contest.teams,
      medals: medalsOf(contest),
      balloonsDuringFreeze: contest.balloonsDuringFreeze,
      allowedNetworks: contest.allowedNetworks,
      oneSession: contest.oneSession,
      problems,
      ...(staff ? { joinCode: contest.joinCode ?? undefined, invited: await this.invitedNames(id) } : {}),
      canManage: staff,
    };
  }

  private async invitedNames(contestId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ username: string }[]>(
      `SELECT u.username FROM contest_participants p JOIN users u ON u.id = p.user_id
       WHERE p.contest_id = $1 AND p.invited
         AND NOT EXISTS (SELECT 1 FROM team_members m WHERE m.contest_id = p.contest_id AND m.user_id = p.user_id)
       ORDER BY u.username`,
      [contestId],
    );
    return rows.map((r) => r.username);
  }

  private async labelled(contestId: string): Promise<(LabelledProblem & { color?: string })[]> {
    const rows = await this.contestProblems.find({ where: { contestId }, order: { position: 'ASC' } });
    const described = await this.problemSets.describe(rows);
    return described.map((p, i) => {
      const color = rows[i].color;
      return color ? { ...p, color } : p;
    });
  }

  private async problemViews(contest: ContestEntity, caller: Caller | undefined): Promise<ContestProblemView[]> {
    const problems = await this.labelled(contest.id);
    const standing = new Map<string, boolean>();
    if (caller) {
      // In a team contest, the team's standing: what any member solved.
      const team = contest.teams ? await this.teamOf(contest.id, caller.id) : null;
      const marks = await this.dataSource.query<{ problem_id: string; solved: boolean }[]>(
        `SELECT problem_id, bool_or(${SOLVED_SQL}) AS solved FROM submissions
         WHERE contest_id = $1 AND (user_id = $2 OR team_id = $3) GROUP BY problem_id`,
        [contest.id, caller.id, team],
      );
      for (const m of marks) standing.set(m.problem_id, m.solved);
    }
    return problems.map((p) => ({
      ...p,
      ...(caller ? { solved: standing.get(p.problemId) === true, attempted: standing.has(p.problemId) } : {}),
    }));
  }

  /**
   * Open: anyone signed in; code: with the contest's code; invite: only the invited. Until the end, and
   * registering twice is registering once.
   */
  async register(caller: Caller, id: string, code: string | undefined): Promise<{ registered: true }> {
    const contest = await this.findVisible(caller, id);
    if (Date.now() >= contest.endsAt.getTime()) throw ended();
    const existing = await this.participants.findOneBy({ contestId: id, userId: caller.id });
    if (contest.registration === 'invite' && !existing?.invited) {
      throw forbidden('this contest is by invitation only, and you are not invited');
    }
    if (contest.registration === 'code' && !existing && (code ?? '').trim() !== contest.joinCode) {
      throw new AppError(403, 'WRONG_JOIN_CODE', 'this contest needs its join code, and the code given is not it');
    }
    if (existing?.registeredAt) return { registered: true };
    await this.participants.upsert(
      { contestId: id, userId: caller.id, invited: existing?.invited ?? false, registeredAt: new Date() },
      ['contestId', 'userId'],
    );
    this.events.scoreboardChanged(id);
    return { registered: true };
  }

  private async isParticipant(contestId: string, userId: string): Promise<boolean> {
    return this.participants.existsBy({ contestId, userId });
  }

  /** Participants (or staff) may ask; anyone else is refused. */
  async assertParticipant(caller: Caller, contest: ContestEntity): Promise<void> {
    if (!(await this.isParticipant(contest.id, caller.id))) {
      throw forbidden('only participants of this contest may do this: register first');
    }
  }

  /** The team the user is on in the contest, if any. */
  async teamOf(contestId: string, userId: string): Promise<string | null> {
    return (await this.dataSource.manager.findOneBy(TeamMemberEntity, { contestId, userId }))?.teamId ?? null;
  }

  /**
   * The team a submission or question of the caller's is made for: in a team contest, a non-staff caller must be
   * on a team (403 NOT_ON_TEAM); staff act for none. Null in an individual contest.
   */
  async actingTeam(caller: Caller, contest: ContestEntity): Promise<string | null> {
    if (!contest.teams) return null;
    const team = await this.teamOf(contest.id, caller.id);
    if (team === null && !isStaff(caller)) throw notOnTeam();
    return team;
  }

  /**
   * A contest's problem: to staff always, to participants from the start, and to anyone who sees the contest once
   * it has ended with `practiceAfter` (for virtual participation and upsolving: the problems are practice then).
   */
  async problem(caller: Caller, id: string, label: string): Promise<ProblemDetail> {
    const problemId = await this.visibleProblemId(caller, id, label);
    return this.problems.get(problemId, `/api/contests/${id}/problems/${encodeURIComponent(label)}`);
  }

  /** A file of a contest problem's statement (null: its PDF), by the same rules as the problem. */
  async statementFile(caller: Caller, id: string, label: string, name: string | null): Promise<ServedFile> {
    const problemId = await this.visibleProblemId(caller, id, label);
    return name === null
      ? this.problems.statementPdf(problemId, null)
      : this.problems.statementFile(problemId, null, name);
  }

  private async visibleProblemId(caller: Caller, id: string, label: string): Promise<string> {
    const contest = await this.findVisible(caller, id);
    const row = await this.contestProblems.findOneBy({ contestId: id, label });
    const openAfterEnd = contest.practiceAfter && Date.now() >= contest.endsAt.getTime();
    if (!isStaff(caller) && !openAfterEnd) {
      await this.assertParticipant(caller, contest);
      if (Date.now() < contest.startsAt.getTime()) throw notStarted();
    }
    if (!row) throw notFound('problem');
    return row.problemId;
  }

  async submit(caller: Caller, id: string, body: SubmissionProgram & { problem: string }): Promise<{ id: string }> {
    const contest = await this.findVisible(caller, id);
    const now = new Date();
    // After the end: virtual (during the caller's virtual participation) or upsolving, never on the real board.
    const contestKind =
      now.getTime() >= contest.endsAt.getTime() ? await this.virtual.kindAfterEnd(contest, caller.id, now) : 'contest';
    // Virtual participation and upsolving are individual: only the contest's own submissions are a team's.
    const teamId = contestKind === 'contest' ? await this.actingTeam(caller, contest) : null;
    if (contestKind === 'contest') {
      await this.assertParticipant(caller, contest);
      if (now.getTime() < contest.startsAt.getTime()) throw notStarted();
    }
    const row = await findByRef(body.problem, (match) => this.contestProblems.findOneBy({ contestId: id, ...match }));
    if (!row) throw notFound(`problem ${body.problem} in this contest`);
    return this.submissions.create(
      caller,
      {
        problemId: row.problemId,
        language: body.language,
        source: body.source,
        files: body.files,
        entryPoint: body.entryPoint,
      },
      { contestId: id, teamId, contestKind },
    );
  }

  /**
   * The caller's own submissions in the contest, and in a team contest their team's; staff see everyone's, or one
   * user's.
   */
  async submissionList(caller: Caller, id: string, filter: { userId?: string; page: number }): Promise<SubmissionPage> {
    const contest = await this.findVisible(caller, id);
    const staff = isStaff(caller);
    const userId = staff ? filter.userId : caller.id;
    const team = !staff && contest.teams ? await this.teamOf(id, caller.id) : null;
    const pageSize = 50;
    const rows = await this.submissionRows.find({
      where: team
        ? [
            { contestId: id, userId: caller.id },
            { contestId: id, teamId: team },
          ]
        : { contestId: id, ...(userId ? { userId } : {}) },
      order: { createdAt: 'DESC' },
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
    });
    const names = await this.userNames.usernames(rows.map((r) => r.userId));
    const titles = new Map((await this.labelled(id)).map((p) => [p.problemId, `${p.label}. ${p.title}`]));
    const views = rows.map((s) => ({
      ...this.submissions.view(s, null, false),
      username: names.get(s.userId),
      problemTitle: titles.get(s.problemId),
    }));
    return { items: await this.feedback.restrict(caller, rows, views), page: filter.page };
  }

  /** The board may be read by this caller: the contest is visible to them and has started (staff: always). */
  async assertScoreboardOpen(caller: Caller | undefined, id: string): Promise<void> {
    const contest = await this.findVisible(caller, id);
    if (!isStaff(caller) && Date.now() < contest.startsAt.getTime()) throw notStarted();
  }

  /** What every viewer's board is computed from, read once. */
  async scoreboardData(id: string): Promise<ScoreboardData> {
    const [contest, problems, accounts, submissions] = await Promise.all([
      this.find(id),
      this.labelled(id),
      this.dataSource.query<{ userId: string; username: string }[]>(
        `SELECT p.user_id AS "userId", u.username FROM contest_participants p JOIN users u ON u.id = p.user_id
         WHERE p.contest_id = $1`,
        [id],
      ),
      this.submissionRows.find({
        // The real board: submissions made in the contest's window only (virtual.ts in @judge/contract).
        where: { contestId: id, contestKind: Raw((kind) => `coalesce(${kind}, 'contest') = 'contest'`) },
        select: [
          'id',
          'userId',
          'teamId',
          'problemId',
          'createdAt',
          'status',
          'verdict',
          'score',
          'maxScore',
          'groups',
        ],
      }),
    ]);
    // A rejudged submission counts as pending again until its new verdict.
    const counted = submissions.map(({ teamId: _teamId, ...s }) => ({
      ...s,
      verdict: s.status === 'done' ? s.verdict : null,
    }));
    if (!contest.teams) return { contest, problems, participants: accounts, submissions: counted };
    // A team contest's rows are its teams: a submission counts for the team it was made for.
    const { teams, teamOf } = await this.boardTeams(id);
    return {
      contest,
      problems,
      participants: teams,
      submissions: submissions.flatMap(({ teamId, userId }, i) => {
        const team = teamId ?? teamOf[userId];
        return team ? [{ ...counted[i], userId: team }] : [];
      }),
      teamOf,
    };
  }

  /** A team contest's board rows (each with its organisation) and its members' teams. */
  private async boardTeams(
    contestId: string,
  ): Promise<{ teams: ScoreboardParticipant[]; teamOf: Record<string, string> }> {
    const [teams, members] = await Promise.all([
      this.dataSource.query<{ id: string; name: string; org: string | null; country: string | null }[]>(
        `SELECT t.id, t.name, o.name AS org, o.country FROM teams t LEFT JOIN organizations o ON o.id = t.organization_id
          WHERE t.contest_id = $1`,
        [contestId],
      ),
      this.dataSource.manager.findBy(TeamMemberEntity, { contestId }),
    ]);
    return {
      teams: teams.map((t) => {
        const team: ScoreboardTeam = {
          id: t.id,
          name: t.name,
          organization: t.org === null ? null : { name: t.org, country: t.country },
        };
        return { userId: t.id, username: t.name, team };
      }),
      teamOf: Object.fromEntries(members.map((m) => [m.userId, m.teamId])),
    };
  }

  /** Shows everyone the final board; only once the contest has ended. */
  async unfreeze(id: string, by: Actor): Promise<{ unfrozen: true }> {
    const contest = await this.find(id);
    if (Date.now() < contest.endsAt.getTime()) {
      throw conflict('CONTEST_NOT_ENDED', 'the scoreboard can be unfrozen only after the contest has ended');
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.update(ContestEntity, { id }, { unfrozen: true });
      await this.audit.record(
        {
          actor: by,
          action: 'contest.unfreeze',
          target: { type: 'contest', id },
          details: { unfrozen: { before: contest.unfrozen, after: true }, freezeMinutes: contest.freezeMinutes },
        },
        tx,
      );
    });
    this.events.scoreboardChanged(id);
    return { unfrozen: true };
  }
}

/** A problem of the set as the audit log shows it: `A:<id>`, and its colour when it has one. */
function problemEntry(p: { label: string; problemId: string; color?: string | null }): string {
  return `${p.label}:${p.problemId}${p.color ? `:${p.color}` : ''}`;
}

/** The settings of a contest the audit log shows; the join code only as whether one is set (it admits people). */
const AUDITED_FIELDS = [
  'title',
  'description',
  'startsAt',
  'endsAt',
  'scoring',
  'freezeMinutes',
  'registration',
  'joinCodeSet',
  'practiceAfter',
  'feedback',
  'runsEnabled',
  'teams',
  'medals',
  'balloonsDuringFreeze',
  'allowedNetworks',
  'oneSession',
] as const;

function auditedColumns(
  c: Pick<
    ContestEntity,
    | Exclude<(typeof AUDITED_FIELDS)[number], 'joinCodeSet' | 'medals'>
    | 'joinCode'
    | keyof ReturnType<typeof medalColumns>
  >,
) {
  return {
    title: c.title,
    description: c.description,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    scoring: c.scoring,
    freezeMinutes: c.freezeMinutes,
    registration: c.registration,
    joinCodeSet: c.joinCode !== null,
    practiceAfter: c.practiceAfter,
    feedback: c.feedback,
    runsEnabled: c.runsEnabled,
    teams: c.teams,
    medals: medalsOf(c),
    balloonsDuringFreeze: c.balloonsDuringFreeze,
    allowedNetworks: c.allowedNetworks,
    oneSession: c.oneSession,
  };
}

/** A contest's medal counts (awards.ts), as its columns hold them. */
export function medalsOf(c: Pick<ContestEntity, 'medalsGold' | 'medalsSilver' | 'medalsBronze'>): MedalCounts {
  return { gold: c.medalsGold, silver: c.medalsSilver, bronze: c.medalsBronze };
}

function medalColumns(medals: MedalCounts) {
  return { medalsGold: medals.gold, medalsSilver: medals.silver, medalsBronze: medals.bronze };
}

/** Whom a board is computed for. */
export function viewerOf(caller: Caller | undefined): ScoreboardViewer {
  return { userId: caller?.id ?? null, staff: isStaff(caller) };
}

export function phaseOf(contest: ContestEntity, now: Date): ContestPhase {
  if (now.getTime() < contest.startsAt.getTime()) return 'upcoming';
  if (now.getTime() >= contest.endsAt.getTime()) return 'ended';
  return isFrozen(contest, now) ? 'frozen' : 'running';
}
