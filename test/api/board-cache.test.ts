import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalBoardCache, RedisBoardCache, type BoardCache, type KeptBoards } from '@judge/api';
import { REDIS_URL, uniquePrefix } from '../queue/support';

/**
 * The two kinds of board cache (apps/api/src/contests/board-cache.ts) keep the same promises: Redis for several API
 * processes, a map for one. Each case runs on both; on Redis, two caches are two processes.
 */
const prefix = uniquePrefix('board-cache');
const clients: Redis[] = [];

function redisPair(): [BoardCache, BoardCache] {
  const make = () => new RedisBoardCache(clients[clients.push(new Redis(REDIS_URL)) - 1], prefix);
  return [make(), make()];
}

function localPair(): [BoardCache, BoardCache] {
  const cache = new LocalBoardCache();
  return [cache, cache];
}

afterAll(async () => {
  const [first] = clients;
  const keys = first ? await first.keys(`${prefix}:board:*`) : [];
  if (keys.length > 0) await first.del(...keys);
  for (const client of clients) client.disconnect();
});

const kept = (version: number, boards: Record<string, string>, own: [string, string][] = []): KeptBoards => ({
  version,
  meta: { frozen: own.length > 0, freezesAt: null, unfrozen: false },
  boards,
  patches: {},
  own: new Map(own),
});

let contests = 0;

describe.each([
  ['Redis', redisPair],
  ['one process', localPair],
])('the board cache (%s)', (_name, pair) => {
  it('counts changes, and keeps the boards of the newest version only', async () => {
    const [a, b] = pair();
    const id = `contest-${++contests}`;
    expect(await a.read(id, [], ['all'])).toEqual({
      changes: 0,
      version: null,
      meta: null,
      own: [],
      boards: [null],
      patches: [null],
    });
    await a.changed(id);
    await b.changed(id);
    await a.write(id, kept(2, { all: 'board two' }));
    // A slower process, with boards of an older read, does not put them back.
    await b.write(id, kept(1, { all: 'board one' }));
    expect(await b.read(id, [], ['all'])).toMatchObject({ changes: 2, version: 2, boards: ['board two'] });
    await b.changed(id);
    expect(await a.read(id, [], ['all'])).toMatchObject({ changes: 3, version: 2 });
  });

  it('keeps who has a view of their own, and adds views to the current version only', async () => {
    const [a, b] = pair();
    const id = `contest-${++contests}`;
    await a.write(id, {
      ...kept(1, { public: 'p', staff: 's' }, [['ann', 'participant:red']]),
      patches: { public: { from: 0, text: '{"rows":[],"removed":[]}' } },
    });
    expect(await b.read(id, ['ann', 'bob'], ['public', 'participant:red'])).toMatchObject({
      meta: { frozen: true },
      own: ['participant:red', null],
      boards: ['p', null],
      patches: [{ from: 0, text: '{"rows":[],"removed":[]}' }, null],
    });
    await b.add(id, 1, 'participant:red', 'red');
    await b.add(id, 0, 'participant:blue', 'stale');
    expect((await a.read(id, [], ['participant:red', 'participant:blue'])).boards).toEqual(['red', null]);
    // A new version replaces every view and owner of the old.
    await a.write(id, kept(2, { all: 'unfrozen' }));
    expect(await b.read(id, ['ann'], ['public', 'participant:red', 'all'])).toMatchObject({
      own: [null],
      boards: [null, null, 'unfrozen'],
    });
  });

  it('lets one process at a time compute, until it lets go or its time runs out', async () => {
    const [a, b] = pair();
    const id = `contest-${++contests}`;
    expect(await a.claim(id, 60_000)).toBe(true);
    expect(await b.claim(id, 60_000)).toBe(false);
    await a.release(id);
    expect(await b.claim(id, 200)).toBe(true);
    await sleep(300);
    expect(await a.claim(id, 60_000)).toBe(true);
  });
});

describe('the board cache in Redis', () => {
  it('lets only the holder let go of the lock, and keeps one hash per contest under the prefix', async () => {
    const [a, b] = redisPair();
    const id = `contest-${++contests}`;
    expect(await a.claim(id, 60_000)).toBe(true);
    await b.release(id);
    expect(await b.claim(id, 60_000)).toBe(false);
    await a.changed(id);
    const redis = clients[0];
    expect(await redis.hget(`${prefix}:board:${id}`, 'changes')).toBe('1');
    expect(await redis.pttl(`${prefix}:board:${id}`)).toBeGreaterThan(0);
  });
});
