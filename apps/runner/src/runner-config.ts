import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  cpuConcurrencyError,
  engineSettings,
  engineSettingsSchema,
  LOG_FORMATS,
  LOG_LEVEL_NAMES,
  logFormatOf,
  parseSettings,
  positiveInt,
  SettingsError,
  type EngineSettings,
  type LogFormat,
  type LogLevelName,
} from '@judge/worker';

/**
 * Every setting of a standalone runner, read from the environment once at start (STYLE.md 11): the engine's
 * (shared with the API's in-process runner and the `judge` command) and the runner's own. A runner holds no
 * database credentials and serves nothing: it needs Redis for jobs and the API for packages (and its heartbeats).
 */
const schema = engineSettingsSchema.extend({
  /** Redis holding the judge queue (secret: may carry a password). */
  REDIS_URL: z.url(),
  /** The API's base URL, where packages are downloaded from. */
  API_URL: z.url(),
  /** Bearer token for package downloads (secret); the API's RUNNER_TOKEN. */
  RUNNER_TOKEN: z.string().min(1),
  /** Judge jobs run at once. */
  RUNNER_CONCURRENCY: positiveInt.max(64).default(1),
  /** Downloaded packages. Default: <JUDGE_CACHE_DIR>/packages. */
  RUNNER_PACKAGE_CACHE: z.string().min(1).optional(),
  /** Named in results. Default: <hostname>-<pid>. */
  RUNNER_ID: z.string().min(1).optional(),
  /** Packages kept loaded in memory between jobs. */
  RUNNER_LOADED_PACKAGES: positiveInt.default(8),
  /** Prefix of the queue's Redis keys; the API must use the same. */
  JUDGE_QUEUE_PREFIX: z.string().min(1).default('judge'),
  /** A job whose runner stops renewing its lock this long (it died) is taken again by another runner. */
  RUNNER_LOCK_DURATION_MS: positiveInt.default(30_000),
  /** Time between checks for such jobs. */
  RUNNER_STALLED_INTERVAL_MS: positiveInt.default(30_000),
  /** Seconds between two heartbeats to the API (the runners page, /metrics); the API's setting of the same name. */
  RUNNER_HEARTBEAT_SECONDS: positiveInt.max(3600).default(15),
  /** What the runner logs: `error`, `warn`, `info` (a line per judgement, its start and stop) or `debug`. */
  LOG_LEVEL: z.enum(LOG_LEVEL_NAMES).default('info'),
  /** `json` (one object per line) or `pretty`; unset, `pretty` on a terminal, else `json`. */
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
});

export interface RunnerConfig extends EngineSettings {
  redisUrl: string;
  apiUrl: string;
  runnerToken: string;
  concurrency: number;
  packageCacheDir: string;
  runnerId: string;
  loadedPackages: number;
  queuePrefix: string;
  lockDurationMs: number;
  stalledIntervalMs: number;
  heartbeatSeconds: number;
  /** LOG_LEVEL and LOG_FORMAT, as the API's (docs/operations.md, "Logs"). */
  logLevel: LogLevelName;
  logFormat: LogFormat;
}

export { SettingsError as ConfigError } from '@judge/worker';

/** Reads and checks the environment; a bad or missing value throws ConfigError naming the variable. */
export function loadRunnerConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty: boolean | undefined = process.stdout.isTTY,
): RunnerConfig {
  const c = parseSettings(schema, env, 'invalid runner configuration');
  const engine = engineSettings(c);
  const cpus = cpuConcurrencyError(engine.cpus, c.RUNNER_CONCURRENCY, 'RUNNER_CONCURRENCY');
  if (cpus) throw new SettingsError(`invalid runner configuration:\n  ${cpus}`);
  return {
    ...engine,
    redisUrl: c.REDIS_URL,
    apiUrl: c.API_URL,
    runnerToken: c.RUNNER_TOKEN,
    concurrency: c.RUNNER_CONCURRENCY,
    packageCacheDir: resolve(c.RUNNER_PACKAGE_CACHE ?? join(engine.cacheDir, 'packages')),
    runnerId: c.RUNNER_ID ?? `${hostname()}-${process.pid}`,
    loadedPackages: c.RUNNER_LOADED_PACKAGES,
    queuePrefix: c.JUDGE_QUEUE_PREFIX,
    lockDurationMs: c.RUNNER_LOCK_DURATION_MS,
    stalledIntervalMs: c.RUNNER_STALLED_INTERVAL_MS,
    heartbeatSeconds: c.RUNNER_HEARTBEAT_SECONDS,
    logLevel: c.LOG_LEVEL,
    logFormat: logFormatOf(c.LOG_FORMAT, stdoutIsTty),
  };
}
