import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JudgeJobPayload } from '@judge/contract';
import type { EnqueueOptions, JudgeQueue } from '@judge/queue';
import { currentLogFields, withLogFields, type Log } from '@judge/worker';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An incoming X-Request-Id is kept when it is short and plain (it lands in logs and headers); else one is made. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Probes that come every few seconds: logged at debug unless they fail. */
const PROBES = /^\/(api\/health(\/|$)|metrics$)/;

/**
 * First of every request: its id (the client's X-Request-Id when safe, else a new one), echoed in the answer's
 * header and carried through everything done for it (log-context.ts), and one access-log line when the answer is
 * sent (or the connection closes first): method, path (secrets in the query redacted by the log), status,
 * duration, the user when one signed in.
 */
export function requestContext(log: Log) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const path = request.originalUrl;
      const status = response.headersSent ? response.statusCode : 0;
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const caller = (request as Request & { caller?: { id: string } }).caller;
      // Named here: 'finish' comes in whatever context ended the answer.
      const fields = {
        requestId,
        method: request.method,
        path,
        status,
        durationMs,
        ...(caller ? { userId: caller.id } : {}),
      };
      const message = `${request.method} ${path} ${status || 'closed'} ${durationMs} ms`;
      if (status >= 500) log.warn(message, fields);
      else if (PROBES.test(request.path) && status < 400) log.debug(message, fields);
      else log.info(message, fields);
    };
    response.once('finish', done);
    response.once('close', done);
    withLogFields({ requestId }, () => next());
  };
}

/**
 * The API's judge queue, adding to each job the id of the request that queued it, so that the runner's lines of
 * that judgement carry it too (a sweep's enqueue has none).
 */
export function tracedQueue(queue: JudgeQueue): JudgeQueue {
  return {
    enqueue: (payload: JudgeJobPayload, options?: EnqueueOptions) => {
      const { requestId } = currentLogFields();
      return queue.enqueue(requestId === undefined ? payload : { ...payload, requestId }, options);
    },
    jobState: (id) => queue.jobState(id),
    onProgress: (handler) => queue.onProgress(handler),
    onCompleted: (handler) => queue.onCompleted(handler),
    onFailed: (handler) => queue.onFailed(handler),
    listening: () => queue.listening(),
    isReady: () => queue.isReady(),
    pause: () => queue.pause(),
    resume: () => queue.resume(),
    isPaused: () => queue.isPaused(),
    counts: () => queue.counts(),
    close: () => queue.close(),
  };
}
