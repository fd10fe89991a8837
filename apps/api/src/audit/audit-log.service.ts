import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuditAction, AuditEntryView, AuditPage, AuditTargetType, Role } from '@judge/contract';
import { isUuid } from '../common/uuid';
import { AuditEntryEntity } from './audit-entry.entity';
import { withoutSecrets } from './audit-details';

/** Who acted, and from where: a signed-in caller with the request's address (the `Actor` decorator). */
export interface AuditActor {
  id: string;
  username: string;
  role: Role;
  address: string | null;
}

export interface AuditRecord {
  /** Null for events no one signed in caused (a throttled login): then `address` says where from. */
  actor: AuditActor | null;
  address?: string | null;
  action: AuditAction;
  target?: { type: AuditTargetType; id: string } | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  /** A username (as recorded) or a user id. */
  actor?: string;
  action?: AuditAction;
  targetType?: AuditTargetType;
  targetId?: string;
}

export const AUDIT_PAGE_SIZE = 50;
/** At most this many rows in one CSV export: narrow the filter for more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

@Injectable()
export class AuditLog {
  private readonly logger = new Logger('AuditLog');

  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  /**
   * Records an action. Given the transaction of the change, the row is written in it and a failure fails the
   * change (throws). Without one, the change has already happened: a failure is logged as an error, not thrown,
   * so that the caller still gets the answer of what was done.
   */
  async record(entry: AuditRecord, transaction?: EntityManager): Promise<void> {
    const row: QueryDeepPartialEntity<AuditEntryEntity> = {
      actorId: entry.actor?.id ?? null,
      actorUsername: entry.actor?.username ?? null,
      actorRole: entry.actor?.role ?? null,
      address: entry.address ?? entry.actor?.address ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      // typeorm's deep-partial type does not take Record<string, unknown> for a jsonb column.
      details: withoutSecrets(entry.details ?? {}) as QueryDeepPartialEntity<Record<string, unknown>>,
    };
    if (transaction) {
      await transaction.insert(AuditEntryEntity, row);
      return;
    }
    try {
      await this.entries.insert(row);
    } catch (error) {
      this.logger.error(
        `could not record ${entry.action} by ${entry.actor?.username ?? entry.address ?? 'unknown'} ` +
          `on ${entry.target?.type ?? '-'} ${entry.target?.id ?? '-'}: ${(error as Error).message}`,
      );
    }
  }

  /** A page of the rows the filter matches, newest first. */
  async list(filter: AuditFilter, page: number): Promise<AuditPage> {
    const rows = await this.query(filter)
      .skip((page - 1) * AUDIT_PAGE_SIZE)
      .take(AUDIT_PAGE_SIZE + 1)
      .getMany();
    return { items: rows.slice(0, AUDIT_PAGE_SIZE).map(view), page, more: rows.length > AUDIT_PAGE_SIZE };
  }

  /** The rows the filter matches as CSV, newest first (at most AUDIT_EXPORT_LIMIT). */
  async csv(filter: AuditFilter): Promise<string> {
    const rows = (await this.query(filter).take(AUDIT_EXPORT_LIMIT).getMany()).map(view);
    const header = ['at', 'actor', 'actor_id', 'role', 'address', 'action', 'target_type', 'target_id', 'details'];
    return stringify([
      header,
      ...rows.map((r) => [
        r.at,
        r.actorUsername ?? '',
        r.actorId ?? '',
        r.actorRole ?? '',
        r.address ?? '',
        r.action,
        r.targetType ?? '',
        r.targetId ?? '',
        JSON.stringify(r.details),
      ]),
    ]);
  }

  private query(filter: AuditFilter): SelectQueryBuilder<AuditEntryEntity> {
    const q = this.entries.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC');
    if (filter.from) q.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('a.at < :to', { to: filter.to });
    if (filter.actor) {
      if (isUuid(filter.actor)) q.andWhere('a.actor_id = :actorId', { actorId: filter.actor });
      else q.andWhere('lower(a.actor_username) = lower(:actor)', { actor: filter.actor });
    }
    if (filter.action) q.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetType) q.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) q.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    return q;
  }
}

function view(row: AuditEntryEntity): AuditEntryView {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    actorRole: row.actorRole,
    address: row.address,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
  };
}
