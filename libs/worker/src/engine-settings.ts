import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_WALL_TIME, type WallTimePolicy } from '@judge/judge';
import {
  parseImageOverrides,
  SANDBOX_ENGINE_NAMES,
  type SandboxEngineName,
  type SandboxEngineOptions,
} from '@judge/sandbox';

/** A whole number above zero, from an environment variable's text. */
export const positiveInt = z.coerce.number().int().positive();

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
  /** Validator builds, and the judge command's derived time limits (box users mount from it: not under /root). */
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
  hostRoot: string;
  /** Limits on package archives, for the loader (its defaults where undefined). */
  packageLimits: { maxZipBytes: number | undefined; maxUncompressedBytes: number | undefined };
  /** The wall clock of test runs. */
  wallTime: WallTimePolicy;
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
  };
}

/** The engine's settings from the environment alone, as the `judge` command reads them. */
export function loadEngineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  return engineSettings(parseSettings(engineSettingsSchema, env, 'invalid settings'));
}

/** The sandbox engines' options the settings give. */
export function sandboxOptions(settings: EngineSettings): SandboxEngineOptions {
  return {
    namespace: { boxRoot: settings.boxRoot },
    docker: { images: settings.dockerImages, hostRoot: settings.hostRoot, sharedDir: settings.dockerSharedDir },
  };
}
