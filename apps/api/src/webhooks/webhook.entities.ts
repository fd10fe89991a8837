import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookDeliveryEvent, WebhookDeliveryStatus, WebhookEvent } from '@judge/contract';

/** A URL events are POSTed to (migration 1764801400000); no course and no contest: a site hook. */
@Entity('webhooks')
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'course_id', nullable: true }) courseId!: string | null;
  @Column('uuid', { name: 'contest_id', nullable: true }) contestId!: string | null;
  @Column('text') url!: string;
  @Column('text', { array: true }) events!: WebhookEvent[];
  /** Signs deliveries; shown once, when made or rotated. */
  @Column('text', { select: false }) secret!: string;
  @Column('boolean') enabled!: boolean;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One event for one hook: a row of the outbox, sent and retried by the delivery loop. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'webhook_id' }) webhookId!: string;
  @Column('text') event!: WebhookDeliveryEvent;
  @Column('jsonb') data!: unknown;
  /** When the event happened: the payload's createdAt (a redelivery keeps it). */
  @Column('timestamptz', { name: 'event_at' }) eventAt!: Date;
  @Column('text') status!: WebhookDeliveryStatus;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('timestamptz', { name: 'give_up_at' }) giveUpAt!: Date;
  @Column('integer', { name: 'http_status', nullable: true }) httpStatus!: number | null;
  @Column('integer', { name: 'duration_ms', nullable: true }) durationMs!: number | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
}

export const WEBHOOK_ENTITIES = [WebhookEntity, WebhookDeliveryEntity];
