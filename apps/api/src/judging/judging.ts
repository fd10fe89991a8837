import type { JudgeQueue } from '@judge/queue';
import { createQueue } from '@judge/queue';
import { openRunnerEngine, startRunner, type Runner, type RunnerEngine } from '@judge/runner';
import { parseImageOverrides } from '@judge/sandbox';
import type { AppConfig } from '../config/app-config';
import type { PackageTimeLimits } from '../problems/package-time-limits';
import type { PackageStore } from '../storage/package-store';

export interface Judging {
  queue: JudgeQueue;
  /** Set when the API runs the runner itself (no REDIS_URL). */
  inProcessRunner: Runner | null;
  close(): Promise<void>;
}

/**
 * The queue the API enqueues on: BullMQ when REDIS_URL is set (runners elsewhere), else the in-process driver
 * with a runner inside this process that reads packages straight from the API's store, and derived time limits
 * straight from its database.
 */
export async function startJudging(
  config: AppConfig,
  store: PackageStore,
  timeLimits: PackageTimeLimits,
): Promise<Judging> {
  const sides = createQueue({
    redisUrl: config.REDIS_URL,
    prefix: config.JUDGE_QUEUE_PREFIX,
    concurrency: config.RUNNER_CONCURRENCY,
  });
  let engine: RunnerEngine | null = null;
  let runner: Runner | null = null;
  if (sides.inProcess) {
    engine = await openRunnerEngine({
      cacheDir: config.JUDGE_CACHE_DIR,
      sandbox: config.JUDGE_SANDBOX,
      sandboxOptions: { docker: { images: parseImageOverrides(config.JUDGE_DOCKER_IMAGES) } },
      runnerId: 'api-in-process',
    });
    runner = await startRunner({
      workerHost: sides.workerHost,
      engine: engine.engine,
      runnerId: 'api-in-process',
      packages: { get: (hash) => Promise.resolve(store.path(hash)) },
      timeLimits: {
        storedTimeLimit: async (hash) => known(hash, await timeLimits.get(hash)),
        offerTimeLimit: async (hash, offer) => known(hash, await timeLimits.offer(hash, offer)),
      },
    });
  }
  return {
    queue: sides.queue,
    inProcessRunner: runner,
    close: async () => {
      await runner?.close();
      await sides.queue.close();
      await engine?.close();
    },
  };
}

function known<T>(hash: string, value: T | null): T {
  if (value === null) throw new Error(`package ${hash} belongs to no problem version`);
  return value;
}
