import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_WALL_TIME, type CompileCacheOptions, type WallTimePolicy } from '@judge/judge';
import {
  formatCpuList,
  onlineCpus,
  parseCpuList,
  parseImageOverrides,
  SANDBOX_ENGINE_NAMES,
  type SandboxEngineName,
  type SandboxEngineOptions,
} from '@judge/sandbox';

/** A whole number above zero, from an environment variable's text. */
export const positiveInt = z.coerce.number().int().positive();

/**
 * JUDGE_CPUS: a CPU list (`1`, `2-3`, `0,2`) of CPUs that are online here. `online` is read when the settings are
 * (the host's /sys/devices/system/cpu/online unless a test gives its own).
 */
export function cpuListSchema(online: () => number[] = () => onlineCpus()) {
  return z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return undefined;
      let cpus: number[];
      try {
        cpus = parseCpuList(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
      const here = online();
      const offline = cpus.filter((cpu) => !here.includes(cpu));
      if (offline.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `CPU ${formatCpuList(offline)} is not online here (online: ${formatCpuList(here)})`,
        });
        return z.NEVER;
      }
      return cpus;
    });
}

/**
 * Why a process that judges `concurrency` submissions at once cannot take JUDGE_CPUS, or null. Each run is
 * pinned to a CPU of its own while the list has one free (CpuPool): more jobs than CPUs would share CPUs and
 * measure each other, which is what pinning is for, so that is refused at start.
 */
export function cpuConcurrencyError(cpus: number[] | undefined, concurrency: number, what: string): string | null {
  if (!cpus || concurrency <= cpus.length) return null;
  return `${what}=${concurrency} is more than the ${cpus.length} CPU(s) of JUDGE_CPUS=${formatCpuList(cpus)}: list a CPU per job, or lower ${what}`;
}

/** A factor of a wall clock: at least 1 (a run's clock never ends before its CPU limit), at most 10. */
const wallTimeFactor = z.coerce.number().min(1).max(10);

/**
 * The settings of a judging engine and its sandbox, the same for every process that judges: a standalone runner,
 * the API's in-process runner and the `judge` command. Each process's own schema extends this one, and each
 * variable is listed in docs/deployment.md (a test checks it).
 */
export const engineSettingsSchema = z.object({
  /** The sandbox engine: namespace (bubblewrap) or docker (one container per box, local daemon). */
  JUDGE_SANDBOX: z.enum(SANDBOX_ENGINE_NAMES).default('namespace'),
  /**
   * Validator builds, the judge command's derived time limits (box users mount from it: not under /root) and, in
   * its private compiled/ folder, the compile cache.
   */
  JUDGE_CACHE_DIR: z.string().min(1).default('/var/cache/judge'),
  /** namespace engine: the folder its boxes are made in. */
  JUDGE_BOX_ROOT: z.string().min(1).default('/var/lib/judge/boxes'),
  /** The languages file; the shipped libs/judge/languages.yaml when unset. */
  JUDGE_LANGUAGES_FILE: z.string().min(1).optional(),
  /** docker engine: runtime=image pairs from a registry, instead of the images `judge images build` makes. */
  JUDGE_DOCKER_IMAGES: z
    .string()
    .optional()
    .transform((text, context) => {
      try {
        return parseImageOverrides(text);
      } catch {
        context.addIssue({
          code: 'custom',
          message: 'expected runtime=image pairs separated by commas, e.g. gcc=registry/judge-runtime-gcc:12.2.0',
        });
        return z.NEVER;
      }
    }),
  /**
   * docker engine, judge in a container: a folder bound from the host at the same path (judge-exec is copied
   * there for the daemon to bind; JUDGE_CACHE_DIR must lie in it). Unset: the judge runs on the daemon's host.
   */
  JUDGE_DOCKER_SHARED_DIR: z.string().startsWith('/').optional(),
  /**
   * docker engine: box containers kept started and ready for the next submission (0: none, each made when needed).
   * Unset: as many as the process judges at once.
   */
  JUDGE_DOCKER_POOL: z.coerce.number().int().min(0).max(256).optional(),
  /** docker engine, judge in a container: where the host's `/` is bound (its toolchains are looked up there). */
  JUDGE_HOST_ROOT: z.string().startsWith('/').default('/'),
  /** Limits on problem package archives, in bytes (the loader's defaults when unset). */
  JUDGE_PACKAGE_MAX_BYTES: positiveInt.optional(),
  JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES: positiveInt.optional(),
  /** A test's wall clock: this factor × the time limit + JUDGE_WALL_TIME_EXTRA_MS (libs/judge/src/limits.ts). */
  JUDGE_WALL_TIME_FACTOR: wallTimeFactor.default(DEFAULT_WALL_TIME.factor),
  /** The same for a submission of an interactive problem (never below JUDGE_WALL_TIME_FACTOR). */
  JUDGE_INTERACTIVE_WALL_TIME_FACTOR: wallTimeFactor.default(DEFAULT_WALL_TIME.interactiveFactor),
  JUDGE_WALL_TIME_EXTRA_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_WALL_TIME.extraMs),
  /**
   * CPUs judged runs are pinned to, one per run at a time (docs/deployment.md, "CPU pinning"). Unset: runs use
   * every CPU, as the kernel places them.
   */
  JUDGE_CPUS: cpuListSchema(),
  /** Compile results kept between judgements (JUDGE_CACHE_DIR/compiled, 0700): `on` or `off`. */
  JUDGE_COMPILE_CACHE: z.enum(['on', 'off']).default('on'),
  /** Room of the compile cache in MiB; the least recently used results go first. */
  JUDGE_COMPILE_CACHE_MB: positiveInt.max(1_048_576).default(256),
  /**
   * namespace engine: make a box's sandbox once and start each of its runs inside it (`on`), or make a sandbox
   * for every run (`off`). docs/architecture.md, "Pre-built boxes".
   */
  JUDGE_PREBUILT_BOXES: z.enum(['on', 'off']).default('on'),
  /**
   * namespace engine: boxes kept made ahead (tmpfs mounted, init started) for the next submission, a used one
   * removed in the background (0: none, each made when asked and removed before its verdict). Unset: as many as
   * the process judges at once.
   */
  JUDGE_SPARE_BOXES: z.coerce.number().int().min(0).max(64).optional(),
});

export type EngineEnv = z.output<typeof engineSettingsSchema>;

/** What `engineSettingsSchema` read, in the shape the engine's factory takes. */
export interface EngineSettings {
  sandbox: SandboxEngineName;
  cacheDir: string;
  boxRoot: string;
  languagesFile: string | undefined;
  dockerImages: Record<string, string>;
  dockerSharedDir: string | undefined;
  /** JUDGE_DOCKER_POOL; undefined: the process's concurrency. */
  dockerPool: number | undefined;
  hostRoot: string;
  /** Limits on package archives, for the loader (its defaults where undefined). */
  packageLimits: { maxZipBytes: number | undefined; maxUncompressedBytes: number | undefined };
  /** The wall clock of test runs. */
  wallTime: WallTimePolicy;
  /** JUDGE_CPUS: each run is pinned to one of these; undefined: no pinning. */
  cpus: number[] | undefined;
  /** Where compile results are kept, or null when the cache is off. */
  compileCache: CompileCacheOptions | null;
  /** JUDGE_PREBUILT_BOXES: the namespace engine keeps a box's sandbox between its runs. */
  prebuiltBoxes: boolean;
  /** JUDGE_SPARE_BOXES; undefined: the process's concurrency. */
  spareBoxes: number | undefined;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * Reads the environment with a settings schema, once, at start (STYLE.md 11). A variable set to the empty
 * string counts as unset, as a shell's `VAR=` line means. A bad or missing value throws a SettingsError naming
 * every variable at fault.
 */
export function parseSettings<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, title: string): z.output<S> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`${title}:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The engine's settings out of what a process's schema (this one, or one extending it) read. */
export function engineSettings(env: EngineEnv): EngineSettings {
  return {
    sandbox: env.JUDGE_SANDBOX,
    cacheDir: resolve(env.JUDGE_CACHE_DIR),
    boxRoot: env.JUDGE_BOX_ROOT,
    languagesFile: env.JUDGE_LANGUAGES_FILE,
    dockerImages: env.JUDGE_DOCKER_IMAGES,
    dockerSharedDir: env.JUDGE_DOCKER_SHARED_DIR && resolve(env.JUDGE_DOCKER_SHARED_DIR),
    dockerPool: env.JUDGE_DOCKER_POOL,
    hostRoot: resolve(env.JUDGE_HOST_ROOT),
    packageLimits: {
      maxZipBytes: env.JUDGE_PACKAGE_MAX_BYTES,
      maxUncompressedBytes: env.JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES,
    },
    wallTime: {
      factor: env.JUDGE_WALL_TIME_FACTOR,
      interactiveFactor: env.JUDGE_INTERACTIVE_WALL_TIME_FACTOR,
      extraMs: env.JUDGE_WALL_TIME_EXTRA_MS,
    },
    cpus: env.JUDGE_CPUS,
    compileCache:
      env.JUDGE_COMPILE_CACHE === 'off'
        ? null
        : { dir: join(resolve(env.JUDGE_CACHE_DIR), 'compiled'), maxBytes: env.JUDGE_COMPILE_CACHE_MB * 1024 * 1024 },
    prebuiltBoxes: env.JUDGE_PREBUILT_BOXES === 'on',
    spareBoxes: env.JUDGE_SPARE_BOXES,
  };
}

/** The engine's settings from the environment alone, as the `judge` command reads them. */
export function loadEngineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  return engineSettings(parseSettings(engineSettingsSchema, env, 'invalid settings'));
}

/** The sandbox engines' options the settings give, for a process that judges `concurrency` submissions at once. */
export function sandboxOptions(settings: EngineSettings, concurrency = 1): SandboxEngineOptions {
  const cpuList = settings.cpus ? { cpuList: settings.cpus } : {};
  return {
    namespace: {
      boxRoot: settings.boxRoot,
      prebuiltBoxes: settings.prebuiltBoxes,
      spareBoxes: settings.spareBoxes ?? concurrency,
      ...cpuList,
    },
    docker: {
      images: settings.dockerImages,
      hostRoot: settings.hostRoot,
      sharedDir: settings.dockerSharedDir,
      pool: settings.dockerPool ?? concurrency,
      ...cpuList,
    },
  };
}
