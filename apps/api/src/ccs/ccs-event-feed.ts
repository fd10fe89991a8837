import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { badRequest } from '../common/app-error';
import { CcsFeed } from './ccs-feed';
import type { CcsContestRef } from './ccs.service';

/** How often an open feed looks for new events. */
const POLL_MS = 1000;
/** A newline after this long without an event keeps the connection open (the specification: within 120 s). */
const KEEP_ALIVE_MS = 60_000;

/**
 * The event feed over HTTP: the log's events as NDJSON from the start or after a token, then, unless
 * `stream=false`, the connection stays open and new events follow as they are logged, until the client leaves.
 */
@Injectable()
export class CcsEventFeed {
  constructor(private readonly feed: CcsFeed) {}

  async serve(ref: CcsContestRef, query: Record<string, unknown>, response: Response): Promise<void> {
    // `since_id` was the parameter before 2023-06; this feed's tokens are not event ids, so it is refused.
    if (query.since_id !== undefined) throw badRequest('UNSUPPORTED', 'since_id is not supported: use since_token');
    const since = query.since_token;
    if (since !== undefined && typeof since !== 'string') throw badRequest('BAD_TOKEN', 'one since_token at most');
    const stream = query.stream !== 'false';
    await this.feed.sync(ref);
    let last = since === undefined ? null : await this.feed.checkToken(ref, since);

    let closed = false;
    response.on('close', () => {
      closed = true;
    });
    response.status(200);
    response.setHeader('Content-Type', 'application/x-ndjson');
    response.setHeader('Cache-Control', 'no-store');
    // Proxies (nginx) otherwise hold the lines back.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();

    let lastWrite = Date.now();
    for (;;) {
      for (;;) {
        const events = await this.feed.after(ref.entity.id, ref.audience, last);
        if (events.length === 0 || closed) break;
        response.write(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
        last = events[events.length - 1].token;
        lastWrite = Date.now();
      }
      if (!stream || closed) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (closed) break;
      if (Date.now() - lastWrite >= KEEP_ALIVE_MS) {
        response.write('\n');
        lastWrite = Date.now();
      }
      try {
        await this.feed.sync(ref);
      } catch {
        // A failed update (the database restarting) is retried at the next poll; the client keeps its connection.
      }
    }
    response.end();
  }
}
