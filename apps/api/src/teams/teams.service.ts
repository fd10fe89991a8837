import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { TeamMemberView, TeamView } from '@judge/contract';
import { isStaff, type Actor, type Caller } from '../auth/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { changedFields } from '../audit/audit-details';
import { badRequest, conflict, notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { OrganizationEntity, TeamEntity, TeamMemberEntity, type ContestEntity } from '../contests/contest.entities';
import { ContestEvents } from '../contests/contest-events';
import { ContestsService } from '../contests/contests.service';
import { UserEntity } from '../database/entities';
import { organizationView } from './organizations.service';
import type { TeamInputBody } from './teams.schemas';

/** The account is on another team of the contest already: what the 409 ALREADY_ON_TEAM says. */
export const alreadyOnTeam = (username: string, team: string) =>
  `${username} is on team "${team}" of this contest already: an account is on one team of a contest`;

/**
 * Teams of a team contest (docs/contests.md, "Teams"): staff make and change them; every member is also a
 * participant of the contest (invited), so the participants' checks hold for them.
 */
@Injectable()
export class TeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly events: ContestEvents,
    private readonly audit: AuditLog,
  ) {}

  /** Every team of the contest; members only to staff and, of their own team, to its members. */
  async list(caller: Caller | undefined, contestId: string): Promise<TeamView[]> {
    await this.contests.findVisible(caller, contestId);
    const manager = this.dataSource.manager;
    const teams = await manager.find(TeamEntity, { where: { contestId }, order: { name: 'ASC' } });
    const members = await this.membersOf(manager, contestId);
    const own = caller ? await manager.findOneBy(TeamMemberEntity, { contestId, userId: caller.id }) : null;
    const organizations = await this.organizationsOf(manager, teams);
    return teams.map((t) =>
      teamView(
        t,
        organizations.get(t.organizationId ?? ''),
        isStaff(caller) || own?.teamId === t.id ? (members.get(t.id) ?? []) : [],
      ),
    );
  }

  async create(by: Actor, contestId: string, input: TeamInputBody): Promise<TeamView> {
    const contest = await this.teamContest(contestId);
    const users = await this.checkInput(contest, input, null);
    const view = await this.write(async (tx) => {
      const team = await tx.save(tx.create(TeamEntity, { contestId, ...columns(input) }));
      await this.join(tx, contestId, team.id, users);
      await this.audit.record(
        {
          actor: by,
          action: 'team.create',
          target: { type: 'team', id: team.id },
          details: { contestId, ...columns(input), members: users.map((u) => u.username) },
        },
        tx,
      );
      return this.viewOf(tx, team);
    });
    this.events.scoreboardChanged(contestId);
    return view;
  }

  /** Replaces the team's settings and members; members no longer on it leave the contest (see leave). */
  async update(by: Actor, contestId: string, teamId: string, input: TeamInputBody): Promise<TeamView> {
    const contest = await this.teamContest(contestId);
    const team = await this.find(contestId, teamId);
    const users = await this.checkInput(contest, input, team.id);
    const view = await this.write(async (tx) => {
      const before = await this.membersOf(tx, contestId, team.id);
      const beforeNames = (before.get(team.id) ?? []).map((m) => m.username);
      await tx.update(TeamEntity, { id: team.id }, columns(input));
      const stay = new Set(users.map((u) => u.id));
      await this.leave(
        tx,
        contestId,
        (before.get(team.id) ?? []).filter((m) => !stay.has(m.id)).map((m) => m.id),
      );
      await this.join(tx, contestId, team.id, users);
      await this.audit.record(
        {
          actor: by,
          action: 'team.update',
          target: { type: 'team', id: team.id },
          details: {
            contestId,
            ...changedFields(
              { ...columns(team), members: beforeNames.sort() },
              { ...columns(input), members: users.map((u) => u.username).sort() },
              ['name', 'organizationId', 'location', 'externalId', 'members'],
            ),
          },
        },
        tx,
      );
      return this.viewOf(tx, { ...team, ...columns(input) });
    });
    this.events.scoreboardChanged(contestId);
    return view;
  }

  /** Its members leave the contest too; its submissions and questions stay, without a team. */
  async remove(by: Actor, contestId: string, teamId: string): Promise<void> {
    await this.contests.find(contestId);
    const team = await this.find(contestId, teamId);
    await this.dataSource.transaction(async (tx) => {
      const members = (await this.membersOf(tx, contestId, team.id)).get(team.id) ?? [];
      await this.leave(
        tx,
        contestId,
        members.map((m) => m.id),
      );
      await tx.delete(TeamEntity, { id: team.id });
      await this.audit.record(
        {
          actor: by,
          action: 'team.delete',
          target: { type: 'team', id: team.id },
          details: { contestId, name: team.name, members: members.map((m) => m.username) },
        },
        tx,
      );
    });
    this.events.scoreboardChanged(contestId);
  }

  /**
   * Puts accounts on a team: each becomes an invited participant of the contest (a participant who registered
   * stays registered). The caller has checked that none is on another team.
   */
  async join(tx: EntityManager, contestId: string, teamId: string, users: readonly { id: string }[]): Promise<void> {
    for (const user of users) {
      await tx.upsert(TeamMemberEntity, { contestId, userId: user.id, teamId }, ['contestId', 'userId']);
      await tx.query(
        `INSERT INTO contest_participants (contest_id, user_id, invited) VALUES ($1, $2, true)
         ON CONFLICT (contest_id, user_id) DO UPDATE SET invited = true`,
        [contestId, user.id],
      );
    }
  }

  /** Takes accounts off their team; each leaves the contest unless they registered themselves. */
  private async leave(tx: EntityManager, contestId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await tx.delete(TeamMemberEntity, { contestId, userId: In(userIds) });
    await tx.query(
      'DELETE FROM contest_participants WHERE contest_id = $1 AND user_id = ANY($2::uuid[]) AND registered_at IS NULL',
      [contestId, userIds],
    );
    await tx.query(
      'UPDATE contest_participants SET invited = false WHERE contest_id = $1 AND user_id = ANY($2::uuid[])',
      [contestId, userIds],
    );
  }

  /** The contest, which must be a team contest for teams to be made in it. */
  async teamContest(contestId: string): Promise<ContestEntity> {
    const contest = await this.contests.find(contestId);
    if (!contest.teams) {
      throw conflict('NOT_TEAM_CONTEST', 'this contest is not a team contest: make it one (its "teams" setting) first');
    }
    return contest;
  }

  private async find(contestId: string, teamId: string): Promise<TeamEntity> {
    const team = isUuid(teamId) ? await this.dataSource.manager.findOneBy(TeamEntity, { id: teamId, contestId }) : null;
    if (!team) throw notFound('team');
    return team;
  }

  /** The members' accounts; refused when one is unknown, on another team, or the name or organisation is wrong. */
  private async checkInput(contest: ContestEntity, input: TeamInputBody, self: string | null): Promise<UserEntity[]> {
    const manager = this.dataSource.manager;
    if (input.organizationId && !(await manager.existsBy(OrganizationEntity, { id: input.organizationId }))) {
      throw badRequest('UNKNOWN_ORGANIZATION', `no organization has the id ${input.organizationId}`);
    }
    const users = await manager.findBy(UserEntity, { username: In(input.members) });
    const missing = input.members.filter((name) => !users.some((u) => u.username === name));
    if (missing.length > 0) throw badRequest('UNKNOWN_USER', `no such user: ${missing.join(', ')}`);
    const namesake = await manager.findOneBy(TeamEntity, { contestId: contest.id, name: input.name });
    if (namesake && namesake.id !== self) {
      throw conflict('TEAM_NAME_TAKEN', `this contest has a team named "${input.name}" already`);
    }
    const taken = await manager.query<{ username: string; team: string }[]>(
      `SELECT u.username, t.name AS team FROM team_members m JOIN users u ON u.id = m.user_id
         JOIN teams t ON t.id = m.team_id
        WHERE m.contest_id = $1 AND m.user_id = ANY($2::uuid[]) AND ($3::uuid IS NULL OR m.team_id <> $3)
        ORDER BY u.username`,
      [contest.id, users.map((u) => u.id), self],
    );
    if (taken.length > 0) {
      throw conflict('ALREADY_ON_TEAM', taken.map((t) => alreadyOnTeam(t.username, t.team)).join('; '));
    }
    // In the order given.
    return input.members.map((name) => users.find((u) => u.username === name) as UserEntity);
  }

  private async write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      // Another request took the name, the external id or a member meanwhile.
      if ((error as { code?: string }).code === '23505') {
        throw conflict('TEAM_CONFLICT', 'a team of this contest took this name, external id or member meanwhile');
      }
      throw error;
    }
  }

  private async viewOf(manager: EntityManager, team: TeamEntity): Promise<TeamView> {
    const organization = team.organizationId
      ? await manager.findOneBy(OrganizationEntity, { id: team.organizationId })
      : null;
    const members = await this.membersOf(manager, team.contestId, team.id);
    return teamView(team, organization ?? undefined, members.get(team.id) ?? []);
  }

  /** Members by team (of one team, or all of the contest's), by username. */
  private async membersOf(
    manager: EntityManager,
    contestId: string,
    teamId?: string,
  ): Promise<Map<string, TeamMemberView[]>> {
    const rows = await manager.query<{ team_id: string; id: string; username: string; display_name: string | null }[]>(
      `SELECT m.team_id, u.id, u.username, u.display_name FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.contest_id = $1 AND ($2::uuid IS NULL OR m.team_id = $2) ORDER BY u.username`,
      [contestId, teamId ?? null],
    );
    const byTeam = new Map<string, TeamMemberView[]>();
    for (const r of rows) {
      byTeam.set(r.team_id, [
        ...(byTeam.get(r.team_id) ?? []),
        { id: r.id, username: r.username, displayName: r.display_name },
      ]);
    }
    return byTeam;
  }

  private async organizationsOf(
    manager: EntityManager,
    teams: readonly TeamEntity[],
  ): Promise<Map<string, OrganizationEntity>> {
    const ids = [...new Set(teams.flatMap((t) => (t.organizationId ? [t.organizationId] : [])))];
    const found = ids.length === 0 ? [] : await manager.findBy(OrganizationEntity, { id: In(ids) });
    return new Map(found.map((o) => [o.id, o]));
  }
}

function columns(input: Pick<TeamEntity, 'name' | 'location' | 'externalId'> & { organizationId?: string | null }) {
  return {
    name: input.name,
    organizationId: input.organizationId ?? null,
    location: input.location ?? null,
    externalId: input.externalId ?? null,
  };
}

function teamView(t: TeamEntity, organization: OrganizationEntity | undefined, members: TeamMemberView[]): TeamView {
  return {
    id: t.id,
    contestId: t.contestId,
    name: t.name,
    organization: organization ? organizationView(organization) : null,
    location: t.location,
    externalId: t.externalId,
    members,
  };
}
