import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseImageOverrides, SANDBOX_ENGINE_NAMES, type SandboxEngineName } from '@judge/sandbox';

const positiveInt = z.coerce.number().int().positive();

/**
 * Every setting of a standalone runner, read from the environment once at start (STYLE.md 11). A runner holds
 * no database credentials and serves nothing: it needs Redis for jobs and the API for packages.
 */
const schema = z.object({
  /** Redis holding the judge queue (secret: may carry a password). */
  REDIS_URL: z.url(),
  /** The API's base URL, where packages are downloaded from. */
  API_URL: z.url(),
  /** Bearer token for package downloads (secret); the API's RUNNER_TOKEN. */
  RUNNER_TOKEN: z.string().min(1),
  /** Judge jobs run at once. */
  RUNNER_CONCURRENCY: positiveInt.max(64).default(1),
  /** Validator builds and derived time limits (box users mount from it: not under /root). */
  JUDGE_CACHE_DIR: z.string().min(1).default('/var/cache/judge'),
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
  /** The sandbox engine: namespace (bubblewrap) or docker (one container per submission, local daemon). */
  JUDGE_SANDBOX: z.enum(SANDBOX_ENGINE_NAMES).default('namespace'),
  /** docker engine: runtime=image pairs from a registry, instead of the images `judge images build` makes. */
  JUDGE_DOCKER_IMAGES: z
    .string()
    .optional()
    .refine(
      (text) => {
        try {
          parseImageOverrides(text);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'expected runtime=image pairs separated by commas, e.g. gcc=registry/judge-runtime-gcc:12.2.0' },
    ),
  /**
   * docker engine, runner in a container: a folder bound from the host at the same path (judge-exec is copied
   * there for the daemon to bind; JUDGE_CACHE_DIR must lie in it). Unset: the runner runs on the daemon's host.
   */
  JUDGE_DOCKER_SHARED_DIR: z.string().startsWith('/').optional(),
  /** docker engine, runner in a container: where the host's `/` is bound (its toolchains are looked up there). */
  JUDGE_HOST_ROOT: z.string().startsWith('/').default('/'),
  /** Sandbox boxes, as for the `judge` command. */
  JUDGE_BOX_ROOT: z.string().min(1).default('/var/lib/judge/boxes'),
  JUDGE_LANGUAGES_FILE: z.string().min(1).optional(),
  /** Limits on package archives, in bytes (the loader's defaults when unset). */
  JUDGE_PACKAGE_MAX_BYTES: positiveInt.optional(),
  JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES: positiveInt.optional(),
});

export interface RunnerConfig {
  redisUrl: string;
  apiUrl: string;
  runnerToken: string;
  concurrency: number;
  cacheDir: string;
  packageCacheDir: string;
  runnerId: string;
  loadedPackages: number;
  queuePrefix: string;
  lockDurationMs: number;
  stalledIntervalMs: number;
  sandbox: SandboxEngineName;
  dockerImages: Record<string, string>;
  dockerSharedDir: string | undefined;
  hostRoot: string;
  boxRoot: string;
  languagesFile: string | undefined;
  packageLimits: { maxZipBytes: number | undefined; maxUncompressedBytes: number | undefined };
}

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad or missing value throws ConfigError naming the variable. */
export function loadRunnerConfig(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
  // An empty variable counts as unset, as a shell `VAR=` line means.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid runner configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const cacheDir = resolve(c.JUDGE_CACHE_DIR);
  return {
    redisUrl: c.REDIS_URL,
    apiUrl: c.API_URL,
    runnerToken: c.RUNNER_TOKEN,
    concurrency: c.RUNNER_CONCURRENCY,
    cacheDir,
    packageCacheDir: resolve(c.RUNNER_PACKAGE_CACHE ?? join(cacheDir, 'packages')),
    runnerId: c.RUNNER_ID ?? `${hostname()}-${process.pid}`,
    loadedPackages: c.RUNNER_LOADED_PACKAGES,
    queuePrefix: c.JUDGE_QUEUE_PREFIX,
    lockDurationMs: c.RUNNER_LOCK_DURATION_MS,
    stalledIntervalMs: c.RUNNER_STALLED_INTERVAL_MS,
    sandbox: c.JUDGE_SANDBOX,
    dockerImages: parseImageOverrides(c.JUDGE_DOCKER_IMAGES),
    dockerSharedDir: c.JUDGE_DOCKER_SHARED_DIR && resolve(c.JUDGE_DOCKER_SHARED_DIR),
    hostRoot: resolve(c.JUDGE_HOST_ROOT),
    boxRoot: c.JUDGE_BOX_ROOT,
    languagesFile: c.JUDGE_LANGUAGES_FILE,
    packageLimits: {
      maxZipBytes: c.JUDGE_PACKAGE_MAX_BYTES,
      maxUncompressedBytes: c.JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES,
    },
  };
}
