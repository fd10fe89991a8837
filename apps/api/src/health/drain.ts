import type { NextFunction, Request, Response } from 'express';
import { onEventStream } from '../common/event-streams';

/** How long a client told to reconnect waits first (the SSE `retry` field); it then reaches another process. */
export const RECONNECT_AFTER_MS = 1000;

/** The health routes answer to the end: the load balancer must see readiness fail, and liveness hold. */
const HEALTH_PATH = /^\/api\/health(\/|$)/;

/**
 * The graceful stop of one API process (SIGTERM), in two steps. `notReady`: GET /api/health/ready answers 503, so
 * the load balancer sends no more traffic, while everything else is still served (SHUTDOWN_DELAY_SECONDS gives it
 * time to notice). `stopTaking`: new requests are answered 503 with `Connection: close` and `Retry-After`, and
 * every open event stream is ended with a `retry` field, so that browsers reconnect, through the load balancer, to
 * another process. Requests under way finish; then the process closes.
 */
export class Drain {
  private ready = true;
  private taking = true;
  private readonly streams = new Set<Response>();

  get isReady(): boolean {
    return this.ready;
  }

  /** Express middleware, before every route: tracks event streams, and refuses requests once stopping. */
  middleware() {
    return (request: Request, response: Response, next: NextFunction): void => {
      if (!this.taking && !HEALTH_PATH.test(request.path)) {
        response.setHeader('Connection', 'close');
        response.setHeader('Retry-After', String(Math.ceil(RECONNECT_AFTER_MS / 1000)));
        response.status(503).json({
          statusCode: 503,
          code: 'SHUTTING_DOWN',
          message: 'this server is stopping; send the request again',
        });
        return;
      }
      onEventStream(response, () => {
        this.streams.add(response);
        response.once('close', () => this.streams.delete(response));
      });
      next();
    };
  }

  notReady(): void {
    this.ready = false;
  }

  /** Refuses new requests and ends the open event streams; answers how many streams were ended. */
  stopTaking(): number {
    this.ready = false;
    this.taking = false;
    const ended = this.streams.size;
    for (const response of this.streams) {
      response.write(`retry: ${RECONNECT_AFTER_MS}\n\n`);
      response.end();
    }
    this.streams.clear();
    return ended;
  }
}
