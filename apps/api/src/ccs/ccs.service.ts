import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ZipFile } from 'yazl';
import {
  CCS_API_VERSION,
  ICPC_PENALTY_MINUTES,
  PROBLEM_POINTS,
  submissionPoints,
  type CcsAccess,
  type CcsApiInfo,
  type CcsAudience,
  type CcsAward,
  type CcsClarification,
  type CcsContest,
  type CcsGroup,
  type CcsJudgement,
  type CcsJudgementType,
  type CcsLanguage,
  type CcsOrganization,
  type CcsProblem,
  type CcsRun,
  type CcsScoreboard,
  type CcsScoreboardRow,
  type CcsState,
  type CcsSubmission,
  type CcsTeam,
  type ScoreboardView,
} from '@judge/contract';
import type { LanguageRegistry } from '@judge/judge';
import { isStaff, type Caller } from '../auth/auth.decorators';
import { notFound } from '../common/app-error';
import { SubmissionEntity } from '../database/entities';
import { ProblemsService } from '../problems/problems.service';
import { LANGUAGES } from '../tokens';
import { computeAwards } from '../contests/awards';
import {
  ClarificationEntity,
  ContestEntity,
  ContestProblemEntity,
  OrganizationEntity,
  TeamEntity,
  TeamMemberEntity,
} from '../contests/contest.entities';
import { ContestsService, medalsOf } from '../contests/contests.service';
import { computeScoreboard, freezesAt, isFrozen } from '../contests/scoreboard';
import {
  absTime,
  ccsLanguageId,
  JUDGEMENT_TYPE_OF,
  judgementTypes,
  relTime,
  replyId,
  runId,
  seconds,
} from './ccs-format';

/** The collections of a contest, by the specification's type names (the event feed's `type`). */
export interface CcsCollections {
  'judgement-types': CcsJudgementType[];
  languages: CcsLanguage[];
  problems: CcsProblem[];
  groups: CcsGroup[];
  organizations: CcsOrganization[];
  teams: CcsTeam[];
  submissions: CcsSubmission[];
  judgements: CcsJudgement[];
  runs: CcsRun[];
  clarifications: CcsClarification[];
  awards: CcsAward[];
}

export type CcsCollectionType = keyof CcsCollections;

export const CCS_COLLECTION_TYPES: readonly CcsCollectionType[] = [
  'judgement-types',
  'languages',
  'problems',
  'groups',
  'organizations',
  'teams',
  'submissions',
  'judgements',
  'runs',
  'clarifications',
  'awards',
];

/** Everything one audience sees of a contest at one moment. */
export interface CcsSnapshot {
  contest: CcsContest;
  state: CcsState;
  collections: CcsCollections;
  scoreboard: CcsScoreboard;
}

/** A contest as the Contest API serves it, with who reads. */
export interface CcsContestRef {
  entity: ContestEntity;
  audience: CcsAudience;
}

/**
 * The ICPC Contest API's view of our contests (docs/api.md, "Contest API"): each object built from our model for
 * one audience. Admins (staff) see everything; the public sees what the public scoreboard shows: during the
 * freeze no judgement or run of a submission made since the freeze, the frozen board and awards, no source code,
 * and of the clarifications only announcements and public answers (never a team's question).
 */
@Injectable()
export class CcsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly problems: ProblemsService,
    @Inject(LANGUAGES) private readonly languages: LanguageRegistry,
  ) {}

  static audienceOf(caller: Caller | undefined): CcsAudience {
    return isStaff(caller) ? 'admin' : 'public';
  }

  apiInfo(): CcsApiInfo {
    return {
      version: CCS_API_VERSION,
      version_url: `https://ccs-specs.icpc.io/${CCS_API_VERSION}/contest_api`,
      provider: { name: 'judge' },
    };
  }

  /** The contests this caller may see (invite-only ones only to staff and their participants), as the list has them. */
  async contestList(caller: Caller | undefined): Promise<CcsContest[]> {
    const visible = new Set((await this.contests.list(caller)).map((c) => c.id));
    const rows = await this.dataSource.getRepository(ContestEntity).find({ order: { startsAt: 'ASC' } });
    return rows.filter((c) => visible.has(c.id)).map((c) => contestObject(c));
  }

  /** The contest for this caller; an unknown, malformed or hidden id is 404. */
  async contest(caller: Caller | undefined, id: string): Promise<CcsContestRef> {
    const entity = await this.contests.findVisible(caller, id);
    return { entity, audience: CcsService.audienceOf(caller) };
  }

  /** What this audience reads of this contest: a pass-fail contest has penalties, a score contest scores. */
  access({ entity, audience }: CcsContestRef): CcsAccess {
    const left = new Set(entity.scoring === 'ioi' ? ['penalty_time', 'penalty'] : ['max_score', 'score']);
    if (audience === 'public') left.add('to_team_ids');
    return {
      capabilities: [],
      endpoints: Object.entries(ACCESS_PROPERTIES).map(([type, properties]) => ({
        type,
        properties: properties.filter((p) => !left.has(p)),
      })),
    };
  }

  /** Everything the audience sees of the contest now. */
  async snapshot(ref: CcsContestRef): Promise<CcsSnapshot> {
    const { audience } = ref;
    // Read again: an open feed outlives the request that found the contest (an admin may unfreeze meanwhile).
    const entity = await this.contests.find(ref.entity.id);
    const now = new Date();
    const contestId = entity.id;
    const ds = this.dataSource;
    const [problemRows, teamRows, submissionRows, clarificationRows, boardData, thawAt] = await Promise.all([
      ds.getRepository(ContestProblemEntity).find({ where: { contestId }, order: { position: 'ASC' } }),
      this.teamsOf(entity),
      ds.getRepository(SubmissionEntity).find({ where: { contestId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      ds.getRepository(ClarificationEntity).find({ where: { contestId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.contests.scoreboardData(contestId),
      this.thawTime(contestId),
    ]);
    const started = now.getTime() >= entity.startsAt.getTime();
    const showProblems = audience === 'admin' || started;
    const score = entity.scoring === 'ioi';
    const freezeAt = freezesAt(entity);
    const frozenNow = isFrozen(entity, now);
    // What the public scoreboard does not show: judgements of submissions made since the freeze, while frozen.
    const hidden = (s: SubmissionEntity) =>
      audience === 'public' && frozenNow && freezeAt !== null && s.createdAt.getTime() >= freezeAt.getTime();
    const at = (d: Date) => ({ time: absTime(d), contest_time: relTime(d.getTime() - entity.startsAt.getTime()) });

    const problems: CcsProblem[] = [];
    const labelOf = new Map<string, string>();
    if (showProblems) {
      for (const [ordinal, row] of problemRows.entries()) {
        const detail = await this.problems.get(row.problemId, `/api/contests/${contestId}/problems/${row.label}`);
        labelOf.set(row.problemId, row.label);
        problems.push({
          id: row.label,
          label: row.label,
          name: detail.title,
          ordinal: ordinal + 1,
          ...(row.color ? { rgb: row.color } : {}),
          ...(detail.limits.timeLimitMs !== null ? { time_limit: seconds(detail.limits.timeLimitMs) } : {}),
          memory_limit: detail.limits.memoryMb,
          test_data_count: detail.testCount,
          ...(score ? { max_score: PROBLEM_POINTS } : {}),
        });
      }
    }

    const { teams, organizations, teamOf } = teamRows;
    const teamIds = new Set(teams.map((t) => t.id));
    const submissionTeam = (s: SubmissionEntity) => {
      const id = s.teamId ?? s.userId;
      return teamIds.has(id) ? id : (teamOf.get(s.userId) ?? null);
    };

    const languageNames = new Map(this.languages.definitions.map((d) => [d.id, d]));
    const available = new Set(await this.languages.availableIds());
    const languageIds = new Set([
      ...this.languages.definitions.filter((d) => available.has(d.id)).map((d) => d.id),
      ...submissionRows.map((s) => s.language),
    ]);
    const ccsLanguage = (id: string) => ccsLanguageId(id, languageNames.get(id)?.codes ?? []);
    const languages: CcsLanguage[] = [...languageIds].map((id) => ({
      id: ccsLanguage(id),
      name: languageNames.get(id)?.name ?? id,
      entry_point_required: false,
      extensions: [...new Set(languageNames.get(id)?.extensions ?? [])],
    }));

    const submissions: CcsSubmission[] = [];
    const judgements: CcsJudgement[] = [];
    const runs: CcsRun[] = [];
    for (const s of submissionRows) {
      const team = submissionTeam(s);
      const label = labelOf.get(s.problemId);
      // Only what the board counts: a team's submission to a problem of the contest.
      if (team === null || label === undefined) continue;
      submissions.push({
        id: s.id,
        language_id: ccsLanguage(s.language),
        problem_id: label,
        team_id: team,
        ...at(s.createdAt),
        entry_point: s.entryPoint,
        files:
          audience === 'admin'
            ? [
                {
                  href: `contests/${contestId}/submissions/${s.id}/files`,
                  filename: 'files.zip',
                  mime: 'application/zip',
                },
              ]
            : [],
      });
      if (hidden(s)) continue;
      const done = s.status === 'done' && s.verdict !== null && s.judgedAt !== null;
      const start = at(s.createdAt);
      const end = done ? at(s.judgedAt!) : null;
      judgements.push({
        id: s.id,
        submission_id: s.id,
        judgement_type_id: done ? JUDGEMENT_TYPE_OF[s.verdict!] : null,
        // Points out of PROBLEM_POINTS, as the board counts them (a problem's max_score).
        ...(score && done ? { score: submissionPoints(s) } : {}),
        start_time: start.time,
        start_contest_time: start.contest_time,
        end_time: end?.time ?? null,
        end_contest_time: end?.contest_time ?? null,
        max_run_time: done && s.tests.length > 0 ? seconds(Math.max(...s.tests.map((t) => t.timeMs))) : null,
      });
      if (!done) continue;
      s.tests.forEach((t, i) => {
        runs.push({
          id: runId(s.id, i + 1),
          judgement_id: s.id,
          ordinal: i + 1,
          judgement_type_id: JUDGEMENT_TYPE_OF[t.verdict],
          ...at(s.judgedAt!),
          run_time: seconds(t.timeMs),
        });
      });
    }

    const clarifications: CcsClarification[] = [];
    for (const c of clarificationRows) {
      const problem =
        c.problemLabel !== null && labelOf.size > 0 && problemRows.some((p) => p.label === c.problemLabel);
      const problemId = problem && showProblems ? c.problemLabel : null;
      if (c.question === null) {
        clarifications.push({
          id: c.id,
          from_team_id: null,
          reply_to_id: null,
          problem_id: problemId,
          text: c.answer ?? '',
          ...at(c.answeredAt ?? c.createdAt),
        });
        continue;
      }
      const asker = c.teamId && teamIds.has(c.teamId) ? c.teamId : c.askedBy ? (teamOf.get(c.askedBy) ?? null) : null;
      const asked = audience === 'admin' && asker !== null;
      if (asked) {
        clarifications.push({
          id: c.id,
          from_team_id: asker,
          reply_to_id: null,
          problem_id: problemId,
          text: c.question,
          ...at(c.createdAt),
        });
      }
      if (c.answer === null || c.answeredAt === null) continue;
      if (audience === 'public' && !c.public) continue;
      clarifications.push({
        id: replyId(c.id),
        from_team_id: null,
        ...(c.public || asker === null ? {} : { to_team_ids: [asker] }),
        // The question is not shown to the public: the reply then stands alone (referential integrity).
        reply_to_id: asked ? c.id : null,
        problem_id: problemId,
        text: c.answer,
        ...at(c.answeredAt),
      });
    }

    const board = computeScoreboard({
      ...boardData,
      viewer: { userId: null, staff: audience === 'admin' },
      now,
    });
    const rowTeam = (userId: string) => (teamIds.has(userId) ? userId : (teamOf.get(userId) ?? null));
    const awards: CcsAward[] = computeAwards(board, medalsOf(entity)).map((a) => ({
      id: a.id,
      citation: a.citation,
      team_ids: [...new Set(a.teamIds.map(rowTeam).filter((t): t is string => t !== null))],
    }));

    const state = stateOf(entity, now, thawAt, submissionRows);
    const lastChange = new Map<string, Date>();
    for (const s of submissionRows) {
      const team = submissionTeam(s);
      const label = labelOf.get(s.problemId);
      if (team === null || label === undefined || hidden(s) || s.status !== 'done') continue;
      lastChange.set(`${team}\n${label}`, s.createdAt);
    }
    const scoreboard: CcsScoreboard = {
      ...at(now),
      state,
      rows: scoreboardRows(board, rowTeam, score, (team, label) => {
        const last = lastChange.get(`${team}\n${label}`);
        return last ? last.getTime() - entity.startsAt.getTime() : null;
      }),
    };

    return {
      contest: contestObject(entity),
      state,
      collections: {
        'judgement-types': judgementTypes(!score),
        languages,
        problems,
        groups: [],
        organizations,
        teams,
        submissions,
        judgements,
        runs,
        clarifications,
        awards,
      },
      scoreboard,
    };
  }

  /** A submission's files as a zip, at its root (admins only: the public never sees source code). */
  async submissionZip(ref: CcsContestRef, submissionId: string): Promise<Buffer> {
    if (ref.audience !== 'admin' || !/^[0-9a-f-]{36}$/i.test(submissionId)) throw notFound('submission');
    const row = await this.dataSource
      .getRepository(SubmissionEntity)
      .findOneBy({ id: submissionId, contestId: ref.entity.id });
    if (!row) throw notFound('submission');
    const zip = new ZipFile();
    for (const file of row.files ?? [{ name: row.fileName, content: row.source }]) {
      zip.addBuffer(Buffer.from(file.content, 'utf8'), file.name);
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /**
   * The contest's teams: in a team contest its teams (and the organisations they belong to); otherwise each
   * participant is a team of one, with the account's id and username. `teamOf` maps accounts to their team.
   */
  private async teamsOf(contest: ContestEntity): Promise<{
    teams: CcsTeam[];
    organizations: CcsOrganization[];
    teamOf: Map<string, string>;
  }> {
    if (!contest.teams) {
      const rows = await this.dataSource.query<{ id: string; username: string; display_name: string | null }[]>(
        `SELECT u.id, u.username, u.display_name FROM contest_participants p JOIN users u ON u.id = p.user_id
          WHERE p.contest_id = $1 ORDER BY u.username`,
        [contest.id],
      );
      return {
        teams: rows.map((u) => ({
          id: u.id,
          icpc_id: null,
          name: u.username,
          label: u.username,
          display_name: u.display_name,
          organization_id: null,
          group_ids: [],
        })),
        organizations: [],
        teamOf: new Map(rows.map((u) => [u.id, u.id])),
      };
    }
    const teams = await this.dataSource
      .getRepository(TeamEntity)
      .find({ where: { contestId: contest.id }, order: { name: 'ASC' } });
    const members = await this.dataSource.getRepository(TeamMemberEntity).findBy({ contestId: contest.id });
    const orgIds = [...new Set(teams.map((t) => t.organizationId).filter((o): o is string => o !== null))];
    const orgs =
      orgIds.length > 0
        ? await this.dataSource
            .getRepository(OrganizationEntity)
            .find({ where: { id: In(orgIds) }, order: { name: 'ASC' } })
        : [];
    return {
      teams: teams.map((t) => ({
        id: t.id,
        icpc_id: t.externalId,
        name: t.name,
        label: t.externalId ?? t.name,
        display_name: null,
        organization_id: t.organizationId,
        group_ids: [],
      })),
      organizations: orgs.map((o) => ({
        id: o.id,
        icpc_id: o.externalId,
        name: o.name,
        formal_name: o.formalName,
        country: o.country,
      })),
      teamOf: new Map(members.map((m) => [m.userId, m.teamId])),
    };
  }

  /** When the board was unfrozen: the audit log's record of it (null: never, or no record). */
  private async thawTime(contestId: string): Promise<Date | null> {
    const rows = await this.dataSource.query<{ at: Date }[]>(
      `SELECT at FROM audit_log WHERE action = 'contest.unfreeze' AND target_id = $1 ORDER BY at DESC LIMIT 1`,
      [contestId],
    );
    return rows[0]?.at ?? null;
  }
}

/** The properties each endpoint may serve (GET /access narrows them to a contest and an audience). */
const ACCESS_PROPERTIES: Readonly<Record<string, string[]>> = {
  contest: [
    'id',
    'name',
    'formal_name',
    'start_time',
    'duration',
    'scoreboard_freeze_duration',
    'scoreboard_type',
    'penalty_time',
  ],
  state: ['started', 'frozen', 'ended', 'thawed', 'finalized', 'end_of_updates'],
  'judgement-types': ['id', 'name', 'penalty', 'solved'],
  languages: ['id', 'name', 'entry_point_required', 'extensions'],
  problems: ['id', 'label', 'name', 'ordinal', 'rgb', 'time_limit', 'memory_limit', 'test_data_count', 'max_score'],
  groups: ['id', 'name'],
  organizations: ['id', 'icpc_id', 'name', 'formal_name', 'country'],
  teams: ['id', 'icpc_id', 'name', 'label', 'display_name', 'organization_id', 'group_ids'],
  submissions: ['id', 'language_id', 'problem_id', 'team_id', 'time', 'contest_time', 'entry_point', 'files'],
  judgements: [
    'id',
    'submission_id',
    'judgement_type_id',
    'score',
    'start_time',
    'start_contest_time',
    'end_time',
    'end_contest_time',
    'max_run_time',
  ],
  runs: ['id', 'judgement_id', 'ordinal', 'judgement_type_id', 'time', 'contest_time', 'run_time'],
  clarifications: ['id', 'from_team_id', 'to_team_ids', 'reply_to_id', 'problem_id', 'text', 'time', 'contest_time'],
  awards: ['id', 'citation', 'team_ids'],
};

function contestObject(c: ContestEntity): CcsContest {
  const passFail = c.scoring !== 'ioi';
  return {
    id: c.id,
    name: c.title,
    formal_name: c.title,
    start_time: absTime(c.startsAt),
    duration: relTime(c.endsAt.getTime() - c.startsAt.getTime()),
    scoreboard_freeze_duration: relTime(c.freezeMinutes * 60_000),
    scoreboard_type: passFail ? 'pass-fail' : 'score',
    ...(passFail ? { penalty_time: relTime(ICPC_PENALTY_MINUTES * 60_000) } : {}),
  };
}

/**
 * The contest's state now. Finalized once it has ended and nothing is left to judge (at the last judgement, or the
 * end); thawed when an admin unfroze the board (the audit log says when). `end_of_updates` stays null: staff may
 * still rejudge.
 */
function stateOf(c: ContestEntity, now: Date, thawAt: Date | null, submissions: SubmissionEntity[]): CcsState {
  const reached = (d: Date) => now.getTime() >= d.getTime();
  const freezeAt = freezesAt(c);
  const later = (a: Date, b: Date | null) => (b !== null && b.getTime() > a.getTime() ? b : a);
  // A freeze longer than the contest froze the board from the start: frozen when it started.
  const frozen = freezeAt !== null && reached(freezeAt) && reached(c.startsAt) ? later(c.startsAt, freezeAt) : null;
  const ended = reached(c.endsAt) ? c.endsAt : null;
  const thawed =
    frozen !== null && ended !== null && c.unfrozen ? later(new Date(c.endsAt.getTime() + 1), thawAt) : null;
  const pending = submissions.some((s) => s.status !== 'done');
  const lastJudged = submissions.reduce<Date | null>(
    (last, s) => (s.judgedAt !== null && (last === null || s.judgedAt > last) ? s.judgedAt : last),
    null,
  );
  const finalized = ended !== null && !pending ? later(new Date(c.endsAt.getTime() + 1), lastJudged) : null;
  return {
    started: reached(c.startsAt) ? absTime(c.startsAt) : null,
    frozen: frozen ? absTime(frozen) : null,
    ended: ended ? absTime(ended) : null,
    thawed: thawed ? absTime(thawed) : null,
    finalized: finalized ? absTime(finalized) : null,
    end_of_updates: null,
  };
}

/**
 * Our board's rows as the specification's: a row's id is a team (or in an individual contest an account, which is
 * that contest's team); rows of no team are left out. `lastChangeMs`: when a score contest's cell last changed.
 */
function scoreboardRows(
  board: ScoreboardView,
  rowTeam: (userId: string) => string | null,
  score: boolean,
  lastChangeMs: (team: string, label: string) => number | null,
): CcsScoreboardRow[] {
  const seen = new Set<string>();
  const rows: CcsScoreboardRow[] = [];
  for (const row of board.rows) {
    const team = rowTeam(row.userId);
    if (team === null || seen.has(team)) continue;
    seen.add(team);
    let latest: number | null = null;
    const problems = board.problems.map(({ label }) => {
      const cell = row.problems[label];
      const solvedMs = cell?.solvedAtMinutes != null ? cell.solvedAtMinutes * 60_000 : null;
      const base = { problem_id: label, num_judged: cell?.attempts ?? 0, num_pending: cell?.pending ?? 0 };
      if (!score) {
        if (solvedMs !== null) latest = Math.max(latest ?? 0, solvedMs);
        return solvedMs === null ? { ...base, solved: false } : { ...base, solved: true, time: relTime(solvedMs) };
      }
      const points = cell?.score ?? 0;
      if (points <= 0) return { ...base, score: 0 };
      const at = solvedMs ?? lastChangeMs(team, label) ?? 0;
      latest = Math.max(latest ?? 0, at);
      return { ...base, score: points, time: relTime(at) };
    });
    const time = latest === null ? null : relTime(latest);
    rows.push({
      rank: row.rank,
      team_id: team,
      score: score
        ? { score: row.score, time }
        : { num_solved: row.solved, total_time: relTime(row.penalty * 60_000), time },
      problems,
    });
  }
  return rows;
}
