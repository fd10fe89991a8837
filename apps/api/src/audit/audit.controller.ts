import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditPage } from '@judge/contract';
import { Roles } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { AuditLog, type AuditFilter } from './audit-log.service';

const filterQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  targetType: z.enum(AUDIT_TARGET_TYPES).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  format: z.enum(['json', 'csv']).default('json'),
});
type FilterQuery = z.infer<typeof filterQuery>;

const filterOf = (q: FilterQuery): AuditFilter => ({
  from: q.from,
  to: q.to,
  actor: q.actor,
  action: q.action,
  targetType: q.targetType,
  targetId: q.targetId,
});

/** The audit log, for admins (docs/security-model.md, "Audit log"). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** A page of the log, newest first; `?format=csv` is the export (as /admin/audit.csv). */
  @Get('audit')
  async list(@Query(new ZodPipe(filterQuery)) query: FilterQuery, @Res({ passthrough: true }) response: Response) {
    if (query.format === 'csv') return this.sendCsv(query, response);
    return this.audit.list(filterOf(query), query.page) satisfies Promise<AuditPage>;
  }

  /** Every row the filter matches (up to 50 000), newest first, as CSV. */
  @Get('audit.csv')
  csv(@Query(new ZodPipe(filterQuery)) query: FilterQuery, @Res({ passthrough: true }) response: Response) {
    return this.sendCsv(query, response);
  }

  private async sendCsv(query: FilterQuery, response: Response): Promise<string> {
    const body = await this.audit.csv(filterOf(query));
    response.type('text/csv; charset=utf-8').attachment('audit-log.csv');
    return body;
  }
}
