import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { Metrics } from './metrics';

/** The route label of a request no route took (the web UI's files, unknown paths): one series, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Express's matched route, as a pattern (`/api/submissions/:id`), never the raw URL: labels stay few. */
function routeOf(request: Request): string {
  // Express types `route` as any.
  const route = (request as unknown as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : UNMATCHED_ROUTE;
}

/**
 * Express middleware timing every request to its response's end, by method, route pattern and status. Event
 * streams stay open as long as their viewer does: they are counted as connections (judge_sse_connections), not
 * as latencies.
 */
export function httpMetrics(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once('finish', () => {
      if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      metrics.httpRequest(request.method, routeOf(request), response.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}

/** Counts the open event streams (@Sse routes), from the moment the guards let one through to its close. */
@Injectable()
export class SseConnectionsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly metrics: Metrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler()) === true) {
      const request = context.switchToHttp().getRequest<Request>();
      const response = context.switchToHttp().getResponse<Response>();
      const closed = this.metrics.streamOpened(routeOf(request));
      response.once('close', closed);
    }
    return next.handle();
  }
}
