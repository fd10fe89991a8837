import type { JudgeEngine } from '@judge/judge';
import type { LoadOptions } from '@judge/problem-package';
import type { JudgeWorkerHost } from '@judge/queue';
import { judgeJobHandler } from './judge-job';
import { LoadedPackages } from './loaded-packages';
import type { DerivedTimeLimitStore, PackageSource } from './package-source';
import { consoleLog, type RunnerLog } from './runner-log';

export interface RunnerOptions {
  /** Where jobs come from: BullMQ for a standalone runner, the in-process queue inside the API. */
  workerHost: JudgeWorkerHost;
  /** Where packages come from: the API over HTTP, or the API's own store. */
  packages: PackageSource;
  /** Where derived time limits are kept: the API over HTTP, or the API's own database. */
  timeLimits: DerivedTimeLimitStore;
  engine: JudgeEngine;
  /** Named in every result, for operators. */
  runnerId: string;
  /** Packages kept loaded between jobs (default 8). */
  maxLoadedPackages?: number;
  /** Limits on package archives. */
  loadOptions?: LoadOptions;
  log?: RunnerLog;
}

export interface Runner {
  readonly runnerId: string;
  /** Jobs finished since the start (a result, whatever its verdict, or a throw), for the runner's heartbeat. */
  readonly jobsDone: number;
  /** Stops taking jobs, lets the active ones finish, then frees the loaded packages. */
  close(): Promise<void>;
}

/** Consumes judge jobs until closed. The engine stays the caller's to close. */
export async function startRunner(options: RunnerOptions): Promise<Runner> {
  const log = options.log ?? consoleLog;
  const packages = new LoadedPackages(options.packages, {
    maxPackages: options.maxLoadedPackages,
    load: options.loadOptions,
    onDisposeError: (error) => log.error(`a problem package was not cleaned up: ${error.message}`),
  });
  const handler = judgeJobHandler({
    engine: options.engine,
    packages,
    timeLimits: options.timeLimits,
    runnerId: options.runnerId,
    log,
  });
  let jobsDone = 0;
  await options.workerHost.start(async (payload, report, signal) => {
    try {
      return await handler(payload, report, signal);
    } finally {
      jobsDone++;
    }
  });
  return {
    runnerId: options.runnerId,
    get jobsDone() {
      return jobsDone;
    },
    close: async () => {
      await options.workerHost.close();
      await packages.close();
    },
  };
}
