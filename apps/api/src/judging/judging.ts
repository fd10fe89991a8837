import { hostname } from 'node:os';
import type { RunnerHeartbeat } from '@judge/contract';
import type { JudgeQueue } from '@judge/queue';
import { createQueue } from '@judge/queue';
import {
  cpuConcurrencyError,
  engineSettings,
  openJudgeEngine,
  SettingsError,
  startRunner,
  type Log,
  type OpenedEngine,
  type Runner,
} from '@judge/worker';
import type { AppConfig } from '../config/app-config';
import type { PackageTimeLimits } from '../problems/package-time-limits';
import type { ContentStore } from '../storage/content-store';

export const IN_PROCESS_RUNNER_ID = 'api-in-process';

export interface Judging {
  queue: JudgeQueue;
  /** Set when the API runs the runner itself (no REDIS_URL). */
  inProcessRunner: Runner | null;
  /** What the in-process runner says of itself, for its heartbeats; null without one. */
  inProcessHeartbeat: (() => RunnerHeartbeat) | null;
  close(): Promise<void>;
}

/**
 * The queue the API enqueues on: BullMQ when REDIS_URL is set (runners elsewhere), else the in-process driver
 * with a runner inside this process that reads packages straight from the API's store, and derived time limits
 * straight from its database.
 */
export async function startJudging(
  config: AppConfig,
  store: ContentStore,
  timeLimits: PackageTimeLimits,
  /** The in-process runner's lines go there, naming it as a standalone runner's do. */
  log: Log,
): Promise<Judging> {
  const queueLog = log.child('Queue');
  const sides = createQueue({
    redisUrl: config.REDIS_URL,
    prefix: config.JUDGE_QUEUE_PREFIX,
    concurrency: config.RUNNER_CONCURRENCY,
    // Lost connections and throwing event handlers: log lines, in the log's format, rather than raw stderr.
    onError: (error) => queueLog.error(`judge queue: ${error.message}`, { error }),
  });
  let engine: OpenedEngine | null = null;
  let runner: Runner | null = null;
  let heartbeat: (() => RunnerHeartbeat) | null = null;
  if (sides.inProcess) {
    // The engine a standalone runner would build from the same JUDGE_* settings.
    const settings = engineSettings(config);
    const cpus = cpuConcurrencyError(settings.cpus, config.RUNNER_CONCURRENCY, 'RUNNER_CONCURRENCY');
    if (cpus) throw new SettingsError(`invalid configuration: ${cpus}`);
    engine = await openJudgeEngine(settings, {
      owner: IN_PROCESS_RUNNER_ID,
      concurrency: config.RUNNER_CONCURRENCY,
    });
    runner = await startRunner({
      workerHost: sides.workerHost,
      engine: engine.engine,
      runnerId: IN_PROCESS_RUNNER_ID,
      log: log.child('Runner', { runnerId: IN_PROCESS_RUNNER_ID }),
      packages: { get: (hash) => store.file(hash) },
      loadOptions: settings.packageLimits,
      timeLimits: {
        storedTimeLimit: async (hash) => known(hash, await timeLimits.get(hash)),
        offerTimeLimit: async (hash, offer) => known(hash, await timeLimits.offer(hash, offer)),
      },
    });
    const started = runner;
    const languages = await engine.languages.availableIds();
    const sandboxName = engine.sandboxName;
    heartbeat = () => ({
      runnerId: IN_PROCESS_RUNNER_ID,
      host: hostname(),
      engine: sandboxName,
      languages,
      concurrency: config.RUNNER_CONCURRENCY,
      jobsDone: started.jobsDone,
    });
  }
  return {
    queue: sides.queue,
    inProcessRunner: runner,
    inProcessHeartbeat: heartbeat,
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
