import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RunLimitsSpec, RunOutcome, RunSettings, RunStatus, SubmissionFile } from '@judge/contract';

export type CallbackState = 'pending' | 'sending' | 'sent' | 'failed';

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
  /** Settings beyond limits (the Judge0 face's); null: none. */
  @Column('jsonb', { nullable: true }) settings!: RunSettings | null;
  /** The request of a run made through the Judge0 face, as that face keeps it (judge0/judge0-mapping.ts). */
  @Column('jsonb', { nullable: true }) judge0!: Record<string, unknown> | null;
  @Column('text', { name: 'callback_url', nullable: true }) callbackUrl!: string | null;
  /** pending until the run is done, then sending (claimed by one API process), then sent or failed. */
  @Column('text', { name: 'callback_state', nullable: true }) callbackState!: CallbackState | null;
  @Column('timestamptz', { name: 'callback_claimed_at', nullable: true }) callbackClaimedAt!: Date | null;
  @Column('text') status!: RunStatus;
  @Column('jsonb', { nullable: true }) result!: RunOutcome | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
