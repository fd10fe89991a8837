import { createIORedisClient, RedisConnection } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/*
 * A setup file of the integration tests (vitest.config.mts): every BullMQ connection made in a test process
 * (the queue drivers under test and the tests' own raw queues) gives up after a bounded number of
 * reconnections, where BullMQ's default tries for ever. A Redis that goes away mid-suite then fails the tests
 * that need it, with ioredis' connection error, instead of leaving them waiting until their timeout.
 * Production code is unchanged: an API or a runner should outlive a Redis restart.
 */

/** Reconnections tried before a connection gives up: about 15 s with the delays below. */
const RECONNECTIONS = 20;

function boundedRetry(times: number): number | null {
  return times > RECONNECTIONS ? null : Math.min(times * 100, 1000);
}

RedisConnection.clientFactory = (options) => {
  // BullMQ hands over its merged options: ioredis' own, plus the `url` its connection option may carry.
  const { url, ...rest } = options as RedisOptions & { url?: string };
  const bounded: RedisOptions = { ...rest, retryStrategy: boundedRetry };
  return createIORedisClient(url ? new Redis(url, bounded) : new Redis(bounded));
};
