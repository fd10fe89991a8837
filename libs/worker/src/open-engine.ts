import { JudgeEngine, LanguageRegistry } from '@judge/judge';
import { createSandboxEngine, DockerEngine, type SandboxEngine, type SandboxEngineName } from '@judge/sandbox';
import { sandboxOptions, type EngineSettings } from './engine-settings';

export interface OpenEngineOptions {
  /** Overrides the settings' engine (the command's `--sandbox`). */
  sandbox?: SandboxEngineName;
  /** Whether to refuse a host the sandbox cannot run on (default true); listing languages runs nothing. */
  check?: boolean;
  /**
   * Names this judge's box containers (docker engine: a runner's id). Those a crash of the same owner left are
   * removed before the engine is handed out. Unset: the sandbox's default owner, and nothing is removed.
   */
  owner?: string;
  /** Submissions judged at once (a runner's concurrency): the docker engine's pool holds as many by default. */
  concurrency?: number;
  /**
   * Whether boxes are kept made ahead for the submissions to come (the docker pool, spare namespace boxes), unless
   * JUDGE_DOCKER_POOL or JUDGE_SPARE_BOXES say; default true. A process that judges one submission keeps none:
   * one made ahead would only be made and removed again as it stops.
   */
  keepAhead?: boolean;
  /** Overrides the settings' wall-time factor of tests (the command's `--wall-time-factor`). */
  wallTimeFactor?: number;
}

export interface OpenedEngine {
  engine: JudgeEngine;
  sandbox: SandboxEngine;
  /** The sandbox engine's name, for operators (a runner's heartbeat). */
  sandboxName: SandboxEngineName;
  /** The languages the engine judges, of which the host has some (availableIds()). */
  languages: LanguageRegistry;
  close(): Promise<void>;
}

export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}

/**
 * The judging engine on the chosen sandbox, built one way for the runner, the API's in-process runner and the
 * `judge` command. Refuses a host the sandbox cannot run on, closing what it opened.
 */
export async function openJudgeEngine(
  settings: EngineSettings,
  options: OpenEngineOptions = {},
): Promise<OpenedEngine> {
  const name = options.sandbox ?? settings.sandbox;
  const engines = sandboxOptions(settings, options.keepAhead === false ? 0 : options.concurrency);
  const sandbox = createSandboxEngine(name, {
    ...engines,
    docker: { ...engines.docker, ...(options.owner ? { owner: options.owner } : {}) },
  });
  try {
    if (options.check ?? true) {
      const problems = await sandbox.check();
      if (problems.length > 0) {
        throw new SandboxUnavailableError(`the ${name} sandbox cannot run here: ${problems.join('; ')}`);
      }
      // Nothing of a crashed run outlives it: its box containers go before this judge takes a job.
      if (options.owner && sandbox instanceof DockerEngine) await sandbox.removeLeftovers();
    }
    // The docker engine's boxes run the daemon host's toolchains: a judge in a container looks them up there.
    const languages = await LanguageRegistry.load(settings.languagesFile, name === 'docker' ? settings.hostRoot : '/');
    const wallTime = { ...settings.wallTime, ...(options.wallTimeFactor ? { factor: options.wallTimeFactor } : {}) };
    const engine = new JudgeEngine({
      sandbox,
      languages,
      cacheDir: settings.cacheDir,
      wallTime,
      compileCache: settings.compileCache,
    });
    return { engine, sandbox, sandboxName: name, languages, close: () => sandbox.close() };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
