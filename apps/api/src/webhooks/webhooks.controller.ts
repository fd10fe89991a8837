import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  WEBHOOK_EVENTS,
  type WebhookDeliveryView,
  type WebhookScope,
  type WebhookView,
  type WebhookWithSecret,
} from '@judge/contract';
import { CurrentActor, CurrentUser, type Actor, type Caller } from '../auth/auth.decorators';
import { badRequest } from '../common/app-error';
import { ZodPipe } from '../common/zod-body';
import { WebhooksService } from './webhooks.service';

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1);
const url = z.string().trim().min(1).max(2000);

const scopeFields = {
  scope: z.literal('site').optional(),
  courseId: z.string().optional(),
  contestId: z.string().optional(),
};

const createSchema = z.object({ ...scopeFields, url, events, enabled: z.boolean().default(true) });
const updateSchema = z.object({ url: url.optional(), events: events.optional(), enabled: z.boolean().optional() });
const listQuery = z.object(scopeFields);

/** Exactly one of `scope: 'site'`, `courseId`, `contestId`. */
function scopeOf(fields: { scope?: 'site'; courseId?: string; contestId?: string }): WebhookScope {
  const given = [fields.scope, fields.courseId, fields.contestId].filter((x) => x !== undefined);
  if (given.length !== 1)
    throw badRequest('VALIDATION_FAILED', "scope: give one of scope: 'site', courseId, contestId");
  if (fields.courseId !== undefined) return { courseId: fields.courseId };
  if (fields.contestId !== undefined) return { contestId: fields.contestId };
  return { scope: 'site' };
}

/** Webhooks of a course, a contest or the site (docs/api.md, "Webhooks"); sessions only, no API tokens. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** `?courseId=`, `?contestId=` or `?scope=site`. */
  @Get()
  list(
    @CurrentUser() caller: Caller,
    @Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>,
  ): Promise<WebhookView[]> {
    return this.webhooks.list(caller, scopeOf(query));
  }

  /** Makes a hook; the answer holds its secret, shown this once. */
  @Post()
  create(
    @CurrentActor() caller: Actor,
    @Body(new ZodPipe(createSchema)) body: z.infer<typeof createSchema>,
  ): Promise<WebhookWithSecret> {
    return this.webhooks.create(caller, scopeOf(body), body);
  }

  @Get(':id')
  get(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.get(caller, id);
  }

  @Patch(':id')
  update(
    @CurrentActor() caller: Actor,
    @Param('id') id: string,
    @Body(new ZodPipe(updateSchema)) body: z.infer<typeof updateSchema>,
  ): Promise<WebhookView> {
    return this.webhooks.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() caller: Actor, @Param('id') id: string): Promise<void> {
    return this.webhooks.remove(caller, id);
  }

  /** A new secret, shown this once. */
  @Post(':id/secret')
  rotate(@CurrentActor() caller: Actor, @Param('id') id: string): Promise<WebhookWithSecret> {
    return this.webhooks.rotateSecret(caller, id);
  }

  @Get(':id/deliveries')
  deliveries(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveryLog(caller, id);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  redeliver(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<{ id: string }> {
    return this.webhooks.redeliver(caller, id, deliveryId);
  }

  /** Sends a `ping` event. */
  @Post(':id/test')
  test(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<{ id: string }> {
    return this.webhooks.ping(caller, id);
  }
}
