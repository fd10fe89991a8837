import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A teacher's comment on a line of a submission (line null: on the whole of it). */
@Entity('submission_comments')
export class SubmissionCommentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'submission_id' }) submissionId!: string;
  @Column('uuid', { name: 'author_id' }) authorId!: string;
  @Column('integer', { nullable: true }) line!: number | null;
  @Column('text') body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A manual score beside the judge's; every one is kept, the latest counts. */
@Entity('score_adjustments')
export class ScoreAdjustmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'submission_id' }) submissionId!: string;
  @Column('double precision') points!: number;
  @Column('text') reason!: string;
  @Column('uuid', { name: 'author_id' }) authorId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const REVIEW_ENTITIES = [SubmissionCommentEntity, ScoreAdjustmentEntity];
