import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RunLimitsSpec, RunOutcome, RunStatus, SubmissionFile } from '@judge/contract';

/** A run (POST /api/runs): one program, one input, no problem; kept RUN_RETENTION_HOURS. */
@Entity('runs')
export class RunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Null for a run made without a token under EXECUTION_API_AUTH=none: `address` made it. */
  @Column('uuid', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text', { nullable: true }) address!: string | null;
  @Column('text') language!: string;
  /** The one source; with `files`, their joined text (joinSubmissionFiles). */
  @Column('text') source!: string;
  @Column('jsonb', { nullable: true }) files!: SubmissionFile[] | null;
  @Column('text', { name: 'entry_point', nullable: true }) entryPoint!: string | null;
  @Column('text') stdin!: string;
  @Column('jsonb') args!: string[];
  /** The limits it runs with: asked for, defaulted and capped. */
  @Column('jsonb') limits!: RunLimitsSpec;
  @Column('text') status!: RunStatus;
  @Column('jsonb', { nullable: true }) result!: RunOutcome | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
