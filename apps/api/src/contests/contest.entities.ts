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
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('contest_problems')
export class ContestProblemEntity {
  @PrimaryColumn('uuid', { name: 'contest_id' }) contestId!: string;
  @PrimaryColumn('text') label!: string;
  @Column('uuid', { name: 'problem_id' }) problemId!: string;
  @Column('integer') position!: number;
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
  @Column('text', { name: 'problem_label', nullable: true }) problemLabel!: string | null;
  @Column('text', { nullable: true }) question!: string | null;
  @Column('text', { nullable: true }) answer!: string | null;
  @Column('boolean') public!: boolean;
  @Column('uuid', { name: 'answered_by', nullable: true }) answeredBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'answered_at', nullable: true }) answeredAt!: Date | null;
}

export const CONTEST_ENTITIES = [ContestEntity, ContestProblemEntity, ContestParticipantEntity, ClarificationEntity];
