import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookPayload,
} from '@judge/contract';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { sendOutbound, type OutboundResponse } from '../outbound/outbound-http';
import { retryDelaySeconds, signatureHeader } from './webhook-signature';
import { WebhookOutbox } from './webhook-outbox';

/** Deliveries claimed at once by one process; the rest wait for the next round (sent in parallel). */
const CLAIM_BATCH = 20;

/** Finished deliveries kept per hook (the log); older ones are deleted. Pending ones are always kept. */
export const DELIVERIES_KEPT = 100;

/** Characters of a receiver's answer kept in a delivery's lastError. */
const ERROR_CHARS = 300;

interface Claimed {
  id: string;
  webhook_id: string;
  event: WebhookPayload['event'];
  data: unknown;
  event_at: Date;
  attempts: number;
  give_up_at: Date;
  url: string;
  secret: string;
}

/**
 * Sends the outbox (webhook_deliveries). Every API process runs one: a round claims due deliveries of enabled
 * hooks with FOR UPDATE SKIP LOCKED, moving their next attempt a lease into the future in the same statement, so
 * another process's round skips them while they are sent, and a process that dies mid-send leaves them due again
 * once the lease ends (sent twice at worst: receivers de-duplicate on the delivery id). A failed attempt is tried
 * again with exponential back-off until WEBHOOK_RETRY_HOURS after the event, then the delivery is failed.
 */
@Injectable()
export class WebhookDeliveryLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Deliveries were written while a round ran: another follows at once. */
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: WebhookOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.outbox.onWritten(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.config.WEBHOOK_POLL_SECONDS * 1000);
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Starts a round now, or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.rounds()
      .catch((error: unknown) => this.logger.warn(`webhook deliveries: ${(error as Error).message}`))
      .finally(() => (this.running = null));
  }

  private async rounds(): Promise<void> {
    do {
      this.again = false;
      const claimed = await this.claim();
      await Promise.all(claimed.map((row) => this.deliver(row)));
      if (claimed.length === CLAIM_BATCH) this.again = true;
      if (claimed.length > 0) await this.prune(new Set(claimed.map((row) => row.webhook_id)));
    } while (this.again && !this.stopped);
  }

  private async claim(): Promise<Claimed[]> {
    // Long enough for the request to end and its outcome to be written.
    const leaseSeconds = this.config.WEBHOOK_TIMEOUT_SECONDS + 30;
    const [rows] = await this.dataSource.query<[Claimed[], number]>(
      `UPDATE webhook_deliveries d
          SET next_attempt_at = now() + make_interval(secs => $1)
         FROM (SELECT d2.id, w.url, w.secret
                 FROM webhook_deliveries d2
                 JOIN webhooks w ON w.id = d2.webhook_id
                WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND w.enabled
                ORDER BY d2.next_attempt_at
                LIMIT $2
                  FOR UPDATE OF d2 SKIP LOCKED) due
        WHERE d.id = due.id
    RETURNING d.id, d.webhook_id, d.event, d.data, d.event_at, d.attempts, d.give_up_at, due.url, due.secret`,
      [leaseSeconds, CLAIM_BATCH],
    );
    return rows;
  }

  private async deliver(row: Claimed): Promise<void> {
    const payload: WebhookPayload = {
      id: row.id,
      event: row.event,
      createdAt: row.event_at.toISOString(),
      data: row.data,
    };
    const body = JSON.stringify(payload);
    const response = await sendOutbound(
      {
        method: 'POST',
        url: row.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'judge-webhooks',
          [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(row.secret, body, Math.floor(Date.now() / 1000)),
          [WEBHOOK_EVENT_HEADER]: row.event,
          [WEBHOOK_DELIVERY_HEADER]: row.id,
        },
        body,
        timeoutMs: this.config.WEBHOOK_TIMEOUT_SECONDS * 1000,
      },
      { allowPrivate: this.config.OUTBOUND_ALLOW_PRIVATE },
    );
    await this.record(row, response);
  }

  /** A 2xx delivers; anything else is retried after the back-off, or failed when that passes the deadline. */
  private async record(row: Claimed, response: OutboundResponse): Promise<void> {
    const attempts = row.attempts + 1;
    const ok = response.status !== null && response.status >= 200 && response.status < 300;
    const error = ok
      ? null
      : (response.status === null ? response.detail : `HTTP ${response.status}: ${response.detail}`).slice(
          0,
          ERROR_CHARS,
        );
    const delay = retryDelaySeconds(
      attempts,
      this.config.WEBHOOK_RETRY_BASE_SECONDS,
      this.config.WEBHOOK_RETRY_MAX_SECONDS,
    );
    const next = new Date(Date.now() + delay * 1000);
    const status = ok ? 'delivered' : next > row.give_up_at ? 'failed' : 'pending';
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = $3, http_status = $4, duration_ms = $5, last_error = $6,
              next_attempt_at = $7, delivered_at = CASE WHEN $2 = 'delivered' THEN now() END
        WHERE id = $1 AND status = 'pending'`,
      [row.id, status, attempts, response.status, response.durationMs, error, next],
    );
  }

  /** Keeps the last DELIVERIES_KEPT finished deliveries of each hook that just sent some. */
  private async prune(hooks: Set<string>): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY webhook_id ORDER BY created_at DESC, id) AS n
             FROM webhook_deliveries
            WHERE webhook_id = ANY ($1::uuid[]) AND status <> 'pending'
         ) ranked WHERE n > $2)`,
      [[...hooks], DELIVERIES_KEPT],
    );
  }
}
