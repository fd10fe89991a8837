import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CcsAudience, CcsEvent } from '@judge/contract';
import { badRequest } from '../common/app-error';
import { canonicalJson } from './ccs-format';
import { CCS_COLLECTION_TYPES, CcsService, type CcsContestRef, type CcsSnapshot } from './ccs.service';

/** One object as the feed knows it: its type, its id (null for the contest and state) and its data. */
interface FeedObject {
  type: string;
  id: string | null;
  data: unknown;
}

/**
 * The event feed's log (table ccs_events, migration 1764802100000): per contest and audience, an event for every
 * object that appeared, changed or went since the last event of it. The log is brought up to date by diffing the
 * current objects against the last event of each, under a transaction-scoped advisory lock per contest and
 * audience, so that several API processes append each change once and tokens (the log's sequence numbers) mean the
 * same everywhere and survive restarts.
 */
@Injectable()
export class CcsFeed {
  /** Per stream, the update running in this process, and the one queued after it. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ccs: CcsService,
  ) {}

  /**
   * Brings the log of this contest and audience up to date with what is in the database now. Callers at the same
   * time share updates: one runs, and whoever comes while it runs waits for the single one queued after it (which
   * starts after they called, so it sees what they expect).
   */
  sync(ref: CcsContestRef): Promise<void> {
    const key = `${ref.entity.id}:${ref.audience}`;
    const queued = this.queued.get(key);
    if (queued) return queued;
    const running = this.running.get(key);
    if (!running) return this.start(key, ref);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(key);
        return this.start(key, ref);
      });
    this.queued.set(key, next);
    return next;
  }

  private start(key: string, ref: CcsContestRef): Promise<void> {
    const done: Promise<void> = this.diff(ref).finally(() => {
      if (this.running.get(key) === done) this.running.delete(key);
    });
    this.running.set(key, done);
    return done;
  }

  private async diff(ref: CcsContestRef): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ccs-events:${ref.entity.id}:${ref.audience}`]);
      // Read under the lock: a process that waited diffs what is newer than what the one before it wrote.
      const current = feedObjects(await this.ccs.snapshot(ref));
      const last = await tx.query<{ type: string; object_id: string | null; data: unknown }[]>(
        `SELECT DISTINCT ON (type, object_id) type, object_id, data FROM ccs_events
          WHERE contest_id = $1 AND audience = $2 ORDER BY type, object_id, seq DESC`,
        [ref.entity.id, ref.audience],
      );
      const known = new Map(
        last.map((e) => [keyOf(e.type, e.object_id), e.data === null ? null : canonicalJson(e.data)]),
      );
      const present = new Set(current.map((o) => keyOf(o.type, o.id)));
      const events: FeedObject[] = [];
      // Deletions first, the dependants' before what they refer to (runs before judgements, teams before
      // organisations), so that what the feed describes stays referentially whole.
      const gone = last.filter((e) => e.data !== null && !present.has(keyOf(e.type, e.object_id)));
      gone.sort((a, b) => typeRank(b.type) - typeRank(a.type));
      for (const e of gone) events.push({ type: e.type, id: e.object_id, data: null });
      for (const o of current) {
        if (known.get(keyOf(o.type, o.id)) !== canonicalJson(o.data)) events.push(o);
      }
      for (const e of events) {
        await tx.query(
          'INSERT INTO ccs_events (contest_id, audience, type, object_id, data) VALUES ($1, $2, $3, $4, $5)',
          [ref.entity.id, ref.audience, e.type, e.id, e.data === null ? null : JSON.stringify(e.data)],
        );
      }
    });
  }

  /**
   * The token a feed resumes after: a sequence number of this contest's and audience's log. Anything else (another
   * contest's token, a number never handed out, text) is 400, as the specification asks.
   */
  async checkToken(ref: CcsContestRef, token: string): Promise<string> {
    if (!/^[1-9][0-9]{0,17}$/.test(token)) throw badRequest('BAD_TOKEN', 'since_token is not a token of this feed');
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM ccs_events WHERE seq = $1 AND contest_id = $2 AND audience = $3',
      [token, ref.entity.id, ref.audience],
    );
    if (rows.length === 0) throw badRequest('BAD_TOKEN', 'since_token is not a token of this feed');
    return token;
  }

  /** The events after a token (null: from the start), oldest first, at most `limit`. */
  async after(contestId: string, audience: CcsAudience, token: string | null, limit = 500): Promise<CcsEvent[]> {
    const rows = await this.dataSource.query<{ seq: string; type: string; object_id: string | null; data: unknown }[]>(
      `SELECT seq, type, object_id, data FROM ccs_events
        WHERE contest_id = $1 AND audience = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [contestId, audience, token ?? '0', limit],
    );
    return rows.map((r) => ({ type: r.type, id: r.object_id, data: r.data, token: String(r.seq) }));
  }
}

/** The feed's order of types: what others refer to comes first. */
const FEED_TYPES = ['contest', ...CCS_COLLECTION_TYPES, 'state'];

function typeRank(type: string): number {
  const i = FEED_TYPES.indexOf(type);
  return i < 0 ? FEED_TYPES.length : i;
}

function keyOf(type: string, id: string | null): string {
  return `${type}\n${id ?? ''}`;
}

/** Every object of a snapshot as the feed sends it, in the feed's order of types. */
function feedObjects(snapshot: CcsSnapshot): FeedObject[] {
  const objects: FeedObject[] = [{ type: 'contest', id: null, data: snapshot.contest }];
  for (const type of CCS_COLLECTION_TYPES) {
    for (const item of snapshot.collections[type]) objects.push({ type, id: item.id, data: item });
  }
  // The state last: a contest that ended did so after what happened in it.
  objects.push({ type: 'state', id: null, data: snapshot.state });
  return objects;
}
