#!/usr/bin/env node
import { BullmqWorkerHost } from '@judge/queue';
import { hostname } from 'node:os';
import {
  createLog,
  httpHeartbeatSender,
  logFormatOf,
  HttpPackageSource,
  openJudgeEngine,
  SandboxUnavailableError,
  startHeartbeat,
  startRunner,
} from '@judge/worker';
import { ConfigError, loadRunnerConfig } from './runner-config';

/** Exit codes: 0 stopped when asked, 1 could not run here (sandbox, Redis), 2 bad configuration. */
const EXIT_CANNOT_RUN = 1;
const EXIT_CONFIG = 2;

/**
 * A standalone runner: judge jobs from Redis, packages from the API, until SIGTERM or SIGINT. The first signal
 * stops taking jobs and lets the active ones finish; a second one exits at once (their jobs are then taken
 * again by another runner once their locks expire).
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = loadRunnerConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The settings that would choose the log are what is wrong: the default one tells it.
    createLog({ format: logFormatOf(undefined, process.stdout.isTTY) }).error(error.message);
    return EXIT_CONFIG;
  }
  // Every line of this runner names it, also those logged outside a job (its heartbeats, the queue's errors).
  const log = createLog({ level: config.logLevel, format: config.logFormat }).child('Runner', {
    runnerId: config.runnerId,
  });

  let signals = 0;
  const stop = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (++signals > 1) process.exit(EXIT_CANNOT_RUN);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });

  let engine;
  try {
    engine = await openJudgeEngine(config, { owner: config.runnerId, concurrency: config.concurrency });
  } catch (error) {
    if (!(error instanceof SandboxUnavailableError)) throw error;
    log.error(error.message);
    return EXIT_CANNOT_RUN;
  }

  try {
    const workerHost = new BullmqWorkerHost({
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      concurrency: config.concurrency,
      workerName: config.runnerId,
      lockDurationMs: config.lockDurationMs,
      stalledIntervalMs: config.stalledIntervalMs,
      onError: (error) => log.error(`queue: ${error.message}`, { error }),
    });
    const packages = new HttpPackageSource({
      apiUrl: config.apiUrl,
      token: config.runnerToken,
      cacheDir: config.packageCacheDir,
      maxBytes: config.packageLimits.maxZipBytes,
    });
    const starting = startRunner({
      workerHost,
      packages,
      timeLimits: packages,
      engine: engine.engine,
      runnerId: config.runnerId,
      maxLoadedPackages: config.loadedPackages,
      loadOptions: config.packageLimits,
      log,
    });
    // Redis may be down at start: the connection retries until it is up, or until we are told to stop.
    const started = await Promise.race([starting, stop.then(() => null)]);
    if (!started) {
      // Told to stop while still connecting: the abandoned start may yet fail, and nobody waits for it.
      starting.catch(() => {});
      await workerHost.close();
      return 0;
    }
    log.info(`runner ${config.runnerId} taking judge jobs (concurrency ${config.concurrency})`);
    const languages = await engine.languages.availableIds();
    const sandboxName = engine.sandboxName;
    const heartbeat = startHeartbeat({
      beat: () => ({
        runnerId: config.runnerId,
        host: hostname(),
        engine: sandboxName,
        languages,
        concurrency: config.concurrency,
        jobsDone: started.jobsDone,
      }),
      send: httpHeartbeatSender(config.apiUrl, config.runnerToken),
      intervalMs: config.heartbeatSeconds * 1000,
      log,
    });
    const signal = await stop;
    log.info(`runner ${config.runnerId}: ${signal}, finishing the active jobs`);
    await heartbeat.stop();
    await started.close();
    log.info(`runner ${config.runnerId} stopped`);
    return 0;
  } finally {
    await engine.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      // Open handles (a Redis reconnect timer) must not keep a stopped runner alive.
      process.exit(code);
    },
    (error: unknown) => {
      const log = createLog({ format: logFormatOf(undefined, process.stdout.isTTY) }).child('Runner');
      if (error instanceof Error) log.error(`runner: ${error.message}`, { error });
      else log.error(`runner: ${String(error)}`);
      process.exit(EXIT_CANNOT_RUN);
    },
  );
}
