import type { NextFunction, Request, Response } from 'express';
import { isEventStreamResponse, onEventStream } from '../common/event-streams';
import type { Metrics } from './metrics';

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
 * streams stay open as long as their viewer does: they are counted as connections (judge_sse_connections), from
 * the moment their headers are written to their close, not as latencies. Not a Nest interceptor: an interceptor
 * defers an event stream's handler, so that a refusal (404, 403) would come after the stream's 200.
 */
export function httpMetrics(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    let stream = false;
    onEventStream(response, () => {
      stream = true;
      response.once('close', metrics.streamOpened(routeOf(request)));
    });
    response.once('finish', () => {
      if (stream || isEventStreamResponse(response)) return;
      metrics.httpRequest(request.method, routeOf(request), response.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}
