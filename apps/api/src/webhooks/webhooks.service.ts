import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import {
  EVENT_PING,
  EVENT_RUN_FINISHED,
  type WebhookDeliveryView,
  type WebhookEvent,
  type WebhookScope,
  type WebhookView,
  type WebhookWithSecret,
} from '@judge/contract';
import { isStaff, type Actor, type Caller } from '../auth/auth.decorators';
import { changedFields } from '../audit/audit-details';
import { AuditLog } from '../audit/audit-log.service';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ContestsService } from '../contests/contests.service';
import { CoursesService } from '../courses/courses.service';
import { checkOutboundUrl } from '../outbound/outbound-http';
import { DELIVERIES_KEPT } from './webhook-delivery-loop';
import { WebhookOutbox } from './webhook-outbox';
import { newWebhookSecret } from './webhook-signature';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entities';

/** Hooks of one course, one contest, or the site: enough for every receiver, few enough to review. */
export const WEBHOOKS_PER_SCOPE = 20;

/**
 * A hook's URL as the audit log keeps it: scheme, host and port only. Many receivers put a secret in the path or the
 * query (a chat service's incoming-webhook URL is its own credential).
 */
const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

export interface WebhookChanges {
  url?: string;
  events?: WebhookEvent[];
  enabled?: boolean;
}

/**
 * Webhooks and their delivery logs. A course's hooks are its teachers' (and admins'), a contest's its staff's
 * (setters and admins, who run contests), the site's admins'. Whoever may not manage a hook is told it does not
 * exist.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookEntity) private readonly hooks: Repository<WebhookEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    private readonly courses: CoursesService,
    private readonly contests: ContestsService,
    private readonly outbox: WebhookOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  /** The hooks of a scope the caller manages (a course's student: 403, an outsider: 404). */
  async list(caller: Caller, scope: WebhookScope): Promise<WebhookView[]> {
    const where = await this.mayManageScope(caller, scope);
    const rows = await this.hooks.find({ where: placed(where), order: { createdAt: 'ASC' } });
    return rows.map(view);
  }

  async create(caller: Actor, scope: WebhookScope, input: Required<WebhookChanges>): Promise<WebhookWithSecret> {
    const where = await this.mayManageScope(caller, scope);
    this.checkEvents(where, input.events);
    const url = this.checkUrl(input.url);
    if ((await this.hooks.countBy(placed(where))) >= WEBHOOKS_PER_SCOPE) {
      throw conflict('TOO_MANY_WEBHOOKS', `at most ${WEBHOOKS_PER_SCOPE} webhooks here: delete one first`);
    }
    const secret = newWebhookSecret();
    const row = await this.hooks.save(
      this.hooks.create({
        ...where,
        url,
        events: [...new Set(input.events)],
        enabled: input.enabled,
        secret,
        createdBy: caller.id,
      }),
    );
    const { url: hookUrl, events, enabled, scope: placedIn, courseId, contestId } = view(row);
    await this.audit.record({
      actor: caller,
      action: 'webhook.create',
      target: { type: 'webhook', id: row.id },
      details: { url: originOf(hookUrl), events, enabled, scope: placedIn, courseId, contestId },
    });
    return { ...view(row), secret };
  }

  async get(caller: Caller, id: string): Promise<WebhookView> {
    return view(await this.managed(caller, id));
  }

  async update(caller: Actor, id: string, changes: WebhookChanges): Promise<WebhookView> {
    const hook = await this.managed(caller, id);
    const urlBefore = hook.url;
    const before = { url: originOf(hook.url), events: hook.events, enabled: hook.enabled };
    if (changes.events) {
      this.checkEvents(hook, changes.events);
      hook.events = [...new Set(changes.events)];
    }
    if (changes.url !== undefined) hook.url = this.checkUrl(changes.url);
    if (changes.enabled !== undefined) hook.enabled = changes.enabled;
    await this.hooks.update({ id: hook.id }, { url: hook.url, events: hook.events, enabled: hook.enabled });
    const changed = changedFields(before, { ...hook, url: originOf(hook.url) }, ['url', 'events', 'enabled']);
    // A new URL on the same host: that it changed, not its path (which may hold the receiver's secret).
    const pathChanged = !changed.url && hook.url !== urlBefore;
    if (Object.keys(changed).length > 0 || pathChanged) {
      await this.audit.record({
        actor: caller,
        action: 'webhook.update',
        target: { type: 'webhook', id: hook.id },
        details: pathChanged ? { ...changed, urlPathChanged: true } : changed,
      });
    }
    // Deliveries waiting for a hook turned back on are due again.
    if (changes.enabled) this.outbox.written();
    return view(hook);
  }

  async remove(caller: Actor, id: string): Promise<void> {
    const hook = await this.managed(caller, id);
    await this.hooks.delete({ id: hook.id });
    await this.audit.record({
      actor: caller,
      action: 'webhook.delete',
      target: { type: 'webhook', id: hook.id },
      details: { url: originOf(hook.url), events: hook.events, courseId: hook.courseId, contestId: hook.contestId },
    });
  }

  /** A new secret, shown this once; the old one signs nothing from now on. */
  async rotateSecret(caller: Actor, id: string): Promise<WebhookWithSecret> {
    const hook = await this.managed(caller, id);
    const secret = newWebhookSecret();
    await this.hooks.update({ id: hook.id }, { secret });
    // The fact only: the secret signs deliveries, and is shown to whoever rotated it this once.
    await this.audit.record({
      actor: caller,
      action: 'webhook.secret',
      target: { type: 'webhook', id: hook.id },
      details: { url: originOf(hook.url) },
    });
    return { ...view(hook), secret };
  }

  /** The hook's last DELIVERIES_KEPT deliveries, newest first. */
  async deliveryLog(caller: Caller, id: string): Promise<WebhookDeliveryView[]> {
    const hook = await this.managed(caller, id);
    const rows = await this.deliveries.find({
      where: { webhookId: hook.id },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: DELIVERIES_KEPT,
    });
    return rows.map(deliveryView);
  }

  /** A new delivery of a past one's event and data (its own id, tried again for a day). */
  async redeliver(caller: Caller, id: string, deliveryId: string): Promise<{ id: string }> {
    const hook = await this.managed(caller, id);
    const past = isUuid(deliveryId) ? await this.deliveries.findOneBy({ id: deliveryId, webhookId: hook.id }) : null;
    if (!past) throw notFound('delivery');
    return this.enqueue(hook.id, past.event, past.data, past.eventAt);
  }

  /** A `ping` delivery, whatever the hook's events: to try a receiver. */
  async ping(caller: Caller, id: string): Promise<{ id: string }> {
    const hook = await this.managed(caller, id);
    return this.enqueue(hook.id, EVENT_PING, { webhook: { id: hook.id, url: hook.url } }, new Date());
  }

  private async enqueue(
    webhookId: string,
    event: WebhookDeliveryEntity['event'],
    data: unknown,
    eventAt: Date,
  ): Promise<{ id: string }> {
    const row = await this.deliveries.save(
      this.deliveries.create({
        webhookId,
        event,
        data,
        eventAt,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: new Date(),
        giveUpAt: new Date(Date.now() + this.config.WEBHOOK_RETRY_HOURS * 3600 * 1000),
      }),
    );
    this.outbox.written();
    return { id: row.id };
  }

  /** The hook if the caller manages it; 404 otherwise, as for an unknown id. */
  private async managed(caller: Caller, id: string): Promise<WebhookEntity> {
    const hook = isUuid(id) ? await this.hooks.findOneBy({ id }) : null;
    if (!hook) throw notFound('webhook');
    try {
      await this.mayManageScope(caller, scopeOf(hook));
    } catch (error) {
      if (error instanceof AppError && (error.statusCode === 403 || error.statusCode === 404))
        throw notFound('webhook');
      throw error;
    }
    return hook;
  }

  /** The columns that place a hook in the scope, once the caller is found to manage it. */
  private async mayManageScope(
    caller: Caller,
    scope: WebhookScope,
  ): Promise<{ courseId: string | null; contestId: string | null }> {
    if ('courseId' in scope) {
      await this.courses.asTeacher(caller, scope.courseId);
      return { courseId: scope.courseId, contestId: null };
    }
    if ('contestId' in scope) {
      const contest = await this.contests.find(scope.contestId);
      if (!isStaff(caller)) throw forbidden("only the contest's staff manage its webhooks");
      return { courseId: null, contestId: contest.id };
    }
    if (caller.role !== 'admin') throw forbidden('only admins manage site-wide webhooks');
    return { courseId: null, contestId: null };
  }

  private checkEvents(where: { courseId: string | null; contestId: string | null }, events: WebhookEvent[]): void {
    if ((where.courseId || where.contestId) && events.includes(EVENT_RUN_FINISHED)) {
      throw badRequest(
        'EVENT_NOT_IN_SCOPE',
        `${EVENT_RUN_FINISHED} is for site-wide webhooks only: runs have no course`,
      );
    }
  }

  /** A URL the API may call under OUTBOUND_ALLOW_PRIVATE (422 URL_REFUSED otherwise); checked again on each send. */
  private checkUrl(raw: string): string {
    return checkOutboundUrl(raw, { allowPrivate: this.config.OUTBOUND_ALLOW_PRIVATE }).toString();
  }
}

/** A place as a query: NULL columns must be asked for as IS NULL. */
function placed(place: { courseId: string | null; contestId: string | null }) {
  return { courseId: place.courseId ?? IsNull(), contestId: place.contestId ?? IsNull() };
}

function scopeOf(hook: WebhookEntity): WebhookScope {
  if (hook.courseId) return { courseId: hook.courseId };
  if (hook.contestId) return { contestId: hook.contestId };
  return { scope: 'site' };
}

function view(row: WebhookEntity): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    scope: row.courseId ? 'course' : row.contestId ? 'contest' : 'site',
    courseId: row.courseId,
    contestId: row.contestId,
    createdAt: row.createdAt.toISOString(),
  };
}

function deliveryView(row: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    httpStatus: row.httpStatus,
    durationMs: row.durationMs,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    payload: { id: row.id, event: row.event, createdAt: row.eventAt.toISOString(), data: row.data },
  };
}
