import { JudgeEngine, LanguageRegistry } from '@judge/judge';
import {
  createSandboxEngine,
  DockerEngine,
  parseImageOverrides,
  parseSandboxEngineName,
  type SandboxEngine,
  type SandboxEngineName,
} from '@judge/sandbox';

export interface EngineHandle {
  engine: JudgeEngine;
  sandbox: SandboxEngine;
  close(): Promise<void>;
}

export class SandboxUnavailableError extends Error {}

export class SettingsError extends Error {}

function byteSetting(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new SettingsError(`${name} must be a positive number of bytes, got "${raw}"`);
  return value;
}

function setting<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
}

/** Settings from the environment, read once here (never at import time). */
export function cliSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    // namespace (bubblewrap, the default) or docker; `--sandbox` overrides it.
    sandbox: setting(() => parseSandboxEngineName(env.JUDGE_SANDBOX)),
    // Runtime images from a registry instead of the locally built ones: gcc=registry/judge-runtime-gcc:12.2.0,...
    dockerImages: setting(() => parseImageOverrides(env.JUDGE_DOCKER_IMAGES)),
    // Limits on problem package archives (the library's defaults when unset).
    packageLimits: {
      maxZipBytes: byteSetting(env, 'JUDGE_PACKAGE_MAX_BYTES'),
      maxUncompressedBytes: byteSetting(env, 'JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES'),
    },
    // Validator builds are mounted into boxes, so the cache must be reachable by box users: not under /root.
    cacheDir: env.JUDGE_CACHE_DIR ?? '/var/cache/judge',
    boxRoot: env.JUDGE_BOX_ROOT ?? '/var/lib/judge/boxes',
    // docker engine from a container: the host's folder bound at the same path, and where the host's / is bound.
    dockerSharedDir: env.JUDGE_DOCKER_SHARED_DIR || undefined,
    hostRoot: env.JUDGE_HOST_ROOT || '/',
    languagesFile: env.JUDGE_LANGUAGES_FILE,
  };
}

export async function openEngine(options: {
  needSandbox: boolean;
  sandbox?: SandboxEngineName;
}): Promise<EngineHandle> {
  const settings = cliSettings();
  const sandbox = createSandboxEngine(options.sandbox ?? settings.sandbox, {
    namespace: { boxRoot: settings.boxRoot },
    docker: { images: settings.dockerImages, hostRoot: settings.hostRoot, sharedDir: settings.dockerSharedDir },
  });
  if (options.needSandbox) {
    const problems = await sandbox.check();
    if (problems.length > 0)
      throw new SandboxUnavailableError(`the ${sandbox.name} sandbox cannot run here: ${problems.join('; ')}`);
  }
  const languages = await LanguageRegistry.load(
    settings.languagesFile,
    sandbox instanceof DockerEngine ? settings.hostRoot : '/',
  );
  const engine = new JudgeEngine({ sandbox, languages, cacheDir: settings.cacheDir });
  return { engine, sandbox, close: () => sandbox.close() };
}
