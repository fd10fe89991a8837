import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Sliding windows of what a key did lately (a user's submissions, runs), counted in Redis so that every API process
 * of a deployment counts the same: a place is taken in the key's window before the thing is done, and given back
 * if it was not. Without Redis, the services count their own rows in PostgreSQL instead (the rows are the truth
 * there, counted in the transaction that inserts them).
 */
export interface RateWindows {
  /** A place in the key's window of `windowMs`, unless `limit` are taken: its id (to give it back), or null. */
  take(key: string, limit: number, windowMs: number): Promise<string | null>;
  /** Gives a place back: what it was taken for did not happen. */
  giveBack(key: string, place: string): Promise<void>;
}

/**
 * One sorted set per key, scored by Redis's own clock (so API hosts' clocks do not matter), pruned to the window
 * and checked and added to in one script: parallel requests on several processes are counted one after another.
 */
const TAKE_SCRIPT = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ms, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export class RedisRateWindows implements RateWindows {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}:rate:${key}`;
  }

  async take(key: string, limit: number, windowMs: number): Promise<string | null> {
    const place = randomUUID();
    const taken = await this.redis.eval(TAKE_SCRIPT, 1, this.key(key), limit, windowMs, place);
    return taken === 1 ? place : null;
  }

  async giveBack(key: string, place: string): Promise<void> {
    await this.redis.zrem(this.key(key), place);
  }
}

/**
 * Does `act` if the key is within its rate, counted in Redis (`rates`); `refused` when it is not. Without Redis,
 * or while it does not answer, `counted` does it instead, counting the rows in PostgreSQL.
 */
export async function withinRate<T>(
  rates: RateWindows | null,
  rule: { key: string; limit: number; windowMs: number; refused: () => Error },
  act: () => Promise<T>,
  counted: () => Promise<T>,
): Promise<T> {
  if (!rates) return counted();
  let place: string | null;
  try {
    place = await rates.take(rule.key, rule.limit, rule.windowMs);
  } catch {
    return counted();
  }
  if (place === null) throw rule.refused();
  try {
    return await act();
  } catch (error) {
    await rates.giveBack(rule.key, place).catch(() => undefined);
    throw error;
  }
}
