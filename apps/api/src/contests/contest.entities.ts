import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ContestRegistration, ContestScoring, FeedbackLevel } from '@judge/contract';

@Entity('contests')
export class ContestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('text') scoring!: ContestScoring;
  @Column('integer', { name: 'freeze_minutes' }) freezeMinutes!: number;
  @Column('boolean') unfrozen!: boolean;
  @Column('text') registration!: ContestRegistration;
  @Column('text', { name: 'join_code', nullable: true }) joinCode!: string | null;
  @Column('boolean', { name: 'practice_after' }) practiceAfter!: boolean;
  /** Overrides the problems' feedback level in the contest; null: the default (feedback.ts in @judge/contract). */
  @Column('text', { nullable: true }) feedback!: FeedbackLevel | null;
  /** False: its participants may not make runs (POST /api/runs) while it runs. */
  @Column('boolean', { name: 'runs_enabled' }) runsEnabled!: boolean;
  /** True: a team contest, ranking teams (TeamEntity) instead of accounts. */
  @Column('boolean', { default: false }) teams!: boolean;
  /** Medals the awards give (awards.ts). */
  @Column('integer', { name: 'medals_gold', default: 4 }) medalsGold!: number;
  @Column('integer', { name: 'medals_silver', default: 4 }) medalsSilver!: number;
  @Column('integer', { name: 'medals_bronze', default: 4 }) medalsBronze!: number;
  /** False: balloons of solves made during the freeze wait until the board is unfrozen (balloons.service.ts). */
  @Column('boolean', { name: 'balloons_during_freeze', default: true }) balloonsDuringFreeze!: boolean;
  /** Lock-down (lockdown/): CIDR ranges participants must be in while it runs; empty: anywhere. */
  @Column('text', { name: 'allowed_networks', array: true, default: () => "'{}'" }) allowedNetworks!: string[];
  /** Lock-down: a participant's log-in while it runs ends their earlier sessions. */
  @Column('boolean', { name: 'one_session', default: false }) oneSession!: boolean;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('contest_problems')
export class ContestProblemEntity {
  @PrimaryColumn('uuid', { name: 'contest_id' }) contestId!: string;
  @PrimaryColumn('text') label!: string;
  @Column('uuid', { name: 'problem_id' }) problemId!: string;
  @Column('integer') position!: number;
  /** Balloon colour, `#rrggbb` (CCS `rgb`); null: none chosen. */
  @Column('text', { nullable: true }) color!: string | null;
}

/** Invited users are participants from the start; others from when they register. */
@Entity('contest_participants')
export class ContestParticipantEntity {
  @PrimaryColumn('uuid', { name: 'contest_id' }) contestId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('boolean') invited!: boolean;
  @Column('timestamptz', { name: 'registered_at', nullable: true }) registeredAt!: Date | null;
}

/** A contestant's question (with a judge's answer), or a judge's announcement (no question). */
@Entity('clarifications')
export class ClarificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'contest_id' }) contestId!: string;
  @Column('uuid', { name: 'asked_by', nullable: true }) askedBy!: string | null;
  /** In a team contest: the asker's team when asked (its members all see the question). */
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text', { name: 'problem_label', nullable: true }) problemLabel!: string | null;
  @Column('text', { nullable: true }) question!: string | null;
  @Column('text', { nullable: true }) answer!: string | null;
  @Column('boolean') public!: boolean;
  @Column('uuid', { name: 'answered_by', nullable: true }) answeredBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt!: Date | null;
}

/** An affiliation (university, company), shared by every contest; `country` is ISO 3166-1 alpha-3. */
@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'formal_name', nullable: true }) formalName!: string | null;
  @Column('text', { nullable: true }) country!: string | null;
  /** Its id in DOMjudge or the ICPC CMS, kept by contest import and export. */
  @Column('text', { name: 'external_id', nullable: true }) externalId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A team of a team contest: its members (TeamMemberEntity) share its submissions, questions and board row. */
@Entity('teams')
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'contest_id' }) contestId!: string;
  @Column('text') name!: string;
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId!: string | null;
  /** Where it sits on site (room, desk): for balloons and printouts. */
  @Column('text', { nullable: true }) location!: string | null;
  @Column('text', { name: 'external_id', nullable: true }) externalId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** An account on a team; an account is on at most one team of a contest (the key). */
@Entity('team_members')
export class TeamMemberEntity {
  @PrimaryColumn('uuid', { name: 'contest_id' }) contestId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('uuid', { name: 'team_id' }) teamId!: string;
}

/** A user's virtual participation in an ended contest: it lasts as long as the contest did, from `startedAt`. */
@Entity('contest_virtual_participations')
export class VirtualParticipationEntity {
  @PrimaryColumn('uuid', { name: 'contest_id' }) contestId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
}

export const CONTEST_ENTITIES = [
  ContestEntity,
  ContestProblemEntity,
  ContestParticipantEntity,
  VirtualParticipationEntity,
  ClarificationEntity,
  OrganizationEntity,
  TeamEntity,
  TeamMemberEntity,
];
