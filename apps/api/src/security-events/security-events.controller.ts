import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SECURITY_EVENT_SORTS } from '@judge/contract';
import { Roles } from '../auth/auth.decorators';
import { ZodPipe } from '../common/zod-body';
import { SecurityEventsService } from './security-events.service';

const reportQuery = z.object({
  sort: z.enum(SECURITY_EVENT_SORTS).default('count'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

@ApiTags('security-events')
@ApiBearerAuth()
@Roles('admin')
@Controller('security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEventsService) {}

  /** The users and the submissions with the most security events (or the most recent), for admins. */
  @Get()
  report(@Query(new ZodPipe(reportQuery)) query: z.infer<typeof reportQuery>) {
    return this.events.report(query.sort, query.limit);
  }
}
