import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisRateWindows } from '@judge/api';
import { REDIS_URL, uniquePrefix } from '../queue/support';

/** Rate windows in Redis (apps/api/src/common/rate-windows.ts): two clients are two API processes. */
const prefix = uniquePrefix('rate-windows');
const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
const [a, b] = clients.map((client) => new RedisRateWindows(client, prefix));

afterAll(async () => {
  const keys = await clients[0].keys(`${prefix}:rate:*`);
  if (keys.length > 0) await clients[0].del(...keys);
  for (const client of clients) client.disconnect();
});

describe('rate windows in Redis', () => {
  it('give exactly `limit` places to many takers at once on two processes', async () => {
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take('burst', 7, 60_000)));
    expect(taken.filter((place) => place !== null)).toHaveLength(7);
  });

  it('take a place given back again, and free the window as it slides', async () => {
    const first = await a.take('slide', 2, 300);
    expect(await b.take('slide', 2, 300)).not.toBeNull();
    expect(await a.take('slide', 2, 300)).toBeNull();
    await b.giveBack('slide', first!);
    expect(await a.take('slide', 2, 300)).not.toBeNull();
    await sleep(350);
    expect(await b.take('slide', 2, 300)).not.toBeNull();
    expect(await clients[0].pttl(`${prefix}:rate:slide`)).toBeGreaterThan(0);
  });
});
