import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type { OrganizationView } from '@judge/contract';
import type { Actor } from '../auth/auth.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { changedFields } from '../audit/audit-details';
import { conflict, notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { OrganizationEntity } from '../contests/contest.entities';
import type { OrganizationInputBody } from './teams.schemas';

const AUDITED = ['name', 'formalName', 'country', 'externalId'] as const;

/** Organisations (affiliations) of teams, shared by every contest; admins keep them (docs/contests.md, "Teams"). */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<OrganizationView[]> {
    return (await this.organizations.find({ order: { name: 'ASC' } })).map(organizationView);
  }

  async find(id: string): Promise<OrganizationEntity> {
    const found = isUuid(id) ? await this.organizations.findOneBy({ id }) : null;
    if (!found) throw notFound('organization');
    return found;
  }

  async create(by: Actor, input: OrganizationInputBody): Promise<OrganizationView> {
    return this.unique(() =>
      this.dataSource.transaction(async (tx) => {
        const saved = await tx.save(tx.create(OrganizationEntity, input));
        await this.audit.record(
          {
            actor: by,
            action: 'organization.create',
            target: { type: 'organization', id: saved.id },
            details: audited(saved),
          },
          tx,
        );
        return organizationView(saved);
      }),
    );
  }

  async update(by: Actor, id: string, input: OrganizationInputBody): Promise<OrganizationView> {
    const existing = await this.find(id);
    return this.unique(() =>
      this.dataSource.transaction(async (tx) => {
        await tx.update(OrganizationEntity, { id }, input);
        await this.audit.record(
          {
            actor: by,
            action: 'organization.update',
            target: { type: 'organization', id },
            details: changedFields(audited(existing), audited({ ...existing, ...input }), AUDITED),
          },
          tx,
        );
        return organizationView({ ...existing, ...input });
      }),
    );
  }

  /** Its teams stay, without an affiliation. */
  async remove(by: Actor, id: string): Promise<void> {
    const existing = await this.find(id);
    await this.dataSource.transaction(async (tx) => {
      await tx.delete(OrganizationEntity, { id });
      await this.audit.record(
        {
          actor: by,
          action: 'organization.delete',
          target: { type: 'organization', id },
          details: audited(existing),
        },
        tx,
      );
    });
  }

  /** The external id is unique (contest import matches on it). */
  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw conflict('EXTERNAL_ID_TAKEN', 'another organization has this external id');
      }
      throw error;
    }
  }
}

function audited(o: Pick<OrganizationEntity, (typeof AUDITED)[number]>) {
  return { name: o.name, formalName: o.formalName, country: o.country, externalId: o.externalId };
}

export function organizationView(o: OrganizationEntity): OrganizationView {
  return { id: o.id, name: o.name, formalName: o.formalName, country: o.country, externalId: o.externalId };
}
