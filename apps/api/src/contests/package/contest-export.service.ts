import { Inject, Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { DataSource, In } from 'typeorm';
import { SubmissionEntity, UserEntity } from '../../database/entities';
import type { ContentStore } from '../../storage/content-store';
import { PACKAGE_STORE } from '../../tokens';
import { ProblemsService } from '../../problems/problems.service';
import { ContestsService } from '../contests.service';
import { ContestParticipantEntity, ContestProblemEntity, OrganizationEntity, TeamEntity } from '../contest.entities';
import {
  PENALTY_MINUTES,
  writeContestPackage,
  type PackageAccount,
  type PackageJudgement,
  type PackageOrganization,
  type PackageSubmission,
  type PackageTeam,
} from './contest-package';
import { writeZipFiles } from './zip-files';

const IDENTIFIER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/**
 * A contest as a CCS contest package zip (docs/contests.md, "Import and export"). A team contest's teams are its
 * teams; an individual contest has a team per participant, named after the account. Judged submissions only.
 */
@Injectable()
export class ContestExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly problems: ProblemsService,
    @Inject(PACKAGE_STORE) private readonly store: ContentStore,
  ) {}

  async export(contestId: string): Promise<{ zip: Buffer; fileName: string }> {
    const contest = await this.contests.find(contestId);
    const m = this.dataSource.manager;
    const set = await m.find(ContestProblemEntity, { where: { contestId }, order: { position: 'ASC' } });
    const problems = await Promise.all(
      set.map(async (p) => {
        const problem = await this.problems.find(p.problemId);
        const version = await this.problems.currentVersion(problem);
        return {
          row: p,
          short: problem.slug,
          title: problem.title,
          path: await this.store.file(version.packageHash),
        };
      }),
    );

    const { teams, organizations, accounts, teamOfUser } = contest.teams
      ? await this.teamsOf(contestId)
      : await this.participantTeams(contestId);

    const rows = await m.find(SubmissionEntity, { where: { contestId, status: 'done' }, order: { createdAt: 'ASC' } });
    const usernames = new Map(
      (await m.findBy(UserEntity, { id: In([...new Set(rows.map((r) => r.userId))]) })).map((u) => [u.id, u.username]),
    );
    const shortOf = new Map(problems.map((p) => [p.row.problemId, p.short]));
    const teamIds = new Map(teams.map((t) => [t.key, t.id]));
    const submissions: PackageSubmission[] = [];
    const judgements: PackageJudgement[] = [];
    for (const s of rows) {
      const problemId = shortOf.get(s.problemId);
      const teamId = (s.teamId && teamIds.get(s.teamId)) ?? teamOfUser.get(s.userId);
      // A problem taken out of the set, or an author on no team now: nothing on the board to carry.
      if (!problemId || !teamId || s.verdict === null) continue;
      const id = String(submissions.length + 1);
      submissions.push({
        id,
        teamId,
        problemId,
        language: s.language,
        time: s.createdAt,
        files: s.files ?? [{ name: s.fileName, content: s.source }],
        entryPoint: s.entryPoint,
        author: usernames.get(s.userId) ?? null,
      });
      judgements.push({
        submissionId: id,
        verdict: s.verdict,
        score: s.score,
        maxScore: s.maxScore,
        groups: s.groups,
        maxRunTimeMs: s.timeMs,
        endTime: s.judgedAt ?? s.createdAt,
      });
    }

    const files = writeContestPackage({
      contest: {
        id: `contest-${contest.id.slice(0, 8)}`,
        name: contest.title,
        description: contest.description,
        startTime: contest.startsAt,
        durationSeconds: (contest.endsAt.getTime() - contest.startsAt.getTime()) / 1000,
        freezeSeconds: contest.freezeMinutes * 60,
        penaltyMinutes: PENALTY_MINUTES,
        scoring: contest.scoring,
        individual: !contest.teams,
      },
      problems: problems.map((p) => ({ id: p.short, label: p.row.label, name: p.title, rgb: p.row.color })),
      organizations,
      teams: teams.map(({ key: _key, ...t }) => t),
      accounts,
      submissions,
      judgements,
    });
    for (const p of problems) files.set(`problems/${p.short}/${p.short}.zip`, await fs.readFile(p.path));
    // The spec's file reference of a submission's files: a zip of them (the unpacked files/ beside is for people).
    for (const s of submissions) {
      const sources = new Map(s.files.map((f) => [f.name, Buffer.from(f.content)]));
      files.set(`submissions/${s.id}/files.zip`, await writeZipFiles(sources, null));
    }
    const top = `contest-${contest.id.slice(0, 8)}`;
    return { zip: await writeZipFiles(files, top), fileName: `${top}.zip` };
  }

  /** A team contest's teams, their organisations and members. */
  private async teamsOf(contestId: string): Promise<Exported> {
    const m = this.dataSource.manager;
    const teamRows = await m.find(TeamEntity, { where: { contestId }, order: { createdAt: 'ASC', name: 'ASC' } });
    const orgRows = await m.findBy(OrganizationEntity, {
      id: In([...new Set(teamRows.flatMap((t) => (t.organizationId ? [t.organizationId] : [])))]),
    });
    const orgIds = exportIds(orgRows, 'org');
    const ids = exportIds(teamRows, 'team');
    const memberRows = await this.dataSource.query<{ team_id: string; user_id: string; username: string }[]>(
      `SELECT m.team_id, m.user_id, u.username FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.contest_id = $1 ORDER BY u.username`,
      [contestId],
    );
    const teamOfUser = new Map(memberRows.map((r) => [r.user_id, ids.get(r.team_id) as string]));
    return {
      organizations: orgRows.map((o) => ({
        id: orgIds.get(o.id) as string,
        name: o.name,
        formalName: o.formalName,
        country: o.country,
      })),
      teams: teamRows.map((t) => ({
        key: t.id,
        id: ids.get(t.id) as string,
        name: t.name,
        organizationId: t.organizationId ? (orgIds.get(t.organizationId) ?? null) : null,
        location: t.location,
      })),
      accounts: memberRows.map((r) => ({ username: r.username, name: null, teamId: ids.get(r.team_id) as string })),
      teamOfUser,
    };
  }

  /** An individual contest: each participant a team of one, named after the account. */
  private async participantTeams(contestId: string): Promise<Exported> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.user_id AS "userId"', 'u.username AS username', 'u.display_name AS "displayName"'])
      .from(ContestParticipantEntity, 'p')
      .innerJoin(UserEntity, 'u', 'u.id = p.user_id')
      .where('p.contest_id = :contestId', { contestId })
      .orderBy('u.username')
      .getRawMany<{ userId: string; username: string; displayName: string | null }>();
    const teams = rows.map((r, n) => ({
      key: r.userId,
      id: String(n + 1),
      name: r.username,
      organizationId: null,
      location: null,
    }));
    return {
      organizations: [],
      teams,
      accounts: rows.map((r, n) => ({ username: r.username, name: r.displayName, teamId: String(n + 1) })),
      teamOfUser: new Map(rows.map((r, n) => [r.userId, String(n + 1)])),
    };
  }
}

interface Exported {
  organizations: PackageOrganization[];
  /** `key`: our id (a team's, or in an individual contest the account's). */
  teams: (PackageTeam & { key: string })[];
  accounts: PackageAccount[];
  teamOfUser: Map<string, string>;
}

/** Package ids: the external id where it is a usable one and unique, else `<prefix>-<n>`. */
function exportIds(rows: { id: string; externalId: string | null }[], prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const r of rows) {
    if (r.externalId && IDENTIFIER.test(r.externalId) && !used.has(r.externalId)) {
      ids.set(r.id, r.externalId);
      used.add(r.externalId);
    }
  }
  let n = 0;
  for (const r of rows) {
    if (ids.has(r.id)) continue;
    let id: string;
    do id = `${prefix}-${++n}`;
    while (used.has(id));
    ids.set(r.id, id);
    used.add(id);
  }
  return ids;
}
