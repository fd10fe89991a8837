import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction, AuditTargetType, Role } from '@judge/contract';

/** A row of the audit log (migration 1764801600000): inserted, never changed. */
@Entity('audit_log')
export class AuditEntryEntity {
  /** bigint: in order of insertion, the tie-break of rows with the same `at`. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_username', nullable: true }) actorUsername!: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole!: Role | null;
  @Column('text', { nullable: true }) address!: string | null;
  @Column('text') action!: AuditAction;
  @Column('text', { name: 'target_type', nullable: true }) targetType!: AuditTargetType | null;
  @Column('text', { name: 'target_id', nullable: true }) targetId!: string | null;
  @Column('jsonb', { default: {} }) details!: Record<string, unknown>;
}
