import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PrintStatus } from '@judge/contract';

/** A file a participant sent to print, and what became of it (prints.service.ts). */
@Entity('prints')
export class PrintEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'contest_id' }) contestId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  /** The sender's team when sent, in a team contest. */
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text', { name: 'file_name' }) fileName!: string;
  @Column('text', { nullable: true }) language!: string | null;
  @Column('text') content!: string;
  @Column('integer') bytes!: number;
  @Column('text') status!: PrintStatus;
  @Column('text', { nullable: true }) error!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'printed_at', nullable: true }) printedAt!: Date | null;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt!: Date | null;
  @Column('uuid', { name: 'done_by', nullable: true }) doneBy!: string | null;
}
