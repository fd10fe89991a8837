import { JudgeEngine, LanguageRegistry } from '@judge/judge';
import {
  createSandboxEngine,
  DockerEngine,
  parseSandboxEngineName,
  type SandboxEngineName,
  type SandboxEngineOptions,
} from '@judge/sandbox';

export interface RunnerEngineSettings {
  /** Validator builds and derived time limits; box users mount from it, so not under /root. */
  cacheDir: string;
  /** The sandbox engine; JUDGE_SANDBOX's value (namespace when unset) when not given. */
  sandbox?: SandboxEngineName;
  /** Settings of the engines (box folder, box users, images); the sandbox's defaults when unset. */
  sandboxOptions?: SandboxEngineOptions;
  /** Names this judge's box containers (docker engine): those a crash of the same runner left are removed at start. */
  runnerId?: string;
  /** The languages file; the shipped one when unset. */
  languagesFile?: string;
}

export interface RunnerEngine {
  engine: JudgeEngine;
  close(): Promise<void>;
}

export class SandboxUnavailableError extends Error {}

/** The judging engine on the chosen sandbox, as the `judge` command builds it; refuses a host it cannot use. */
export async function openRunnerEngine(settings: RunnerEngineSettings): Promise<RunnerEngine> {
  let name: SandboxEngineName;
  try {
    name = settings.sandbox ?? parseSandboxEngineName(process.env.JUDGE_SANDBOX);
  } catch (error) {
    throw new SandboxUnavailableError((error as Error).message);
  }
  const options = settings.sandboxOptions ?? {};
  const sandbox = createSandboxEngine(name, {
    ...options,
    docker: { ...(settings.runnerId ? { owner: settings.runnerId } : {}), ...options.docker },
  });
  const problems = await sandbox.check();
  if (problems.length > 0) {
    await sandbox.close();
    throw new SandboxUnavailableError(`the ${name} sandbox cannot run here: ${problems.join('; ')}`);
  }
  // Nothing of a crashed run outlives it: its box containers go before this runner takes a job.
  if (sandbox instanceof DockerEngine) await sandbox.removeLeftovers();
  // The docker engine's boxes run the daemon host's toolchains: a runner in a container looks them up there.
  const hostRoot = sandbox instanceof DockerEngine ? sandbox.options.hostRoot : '/';
  const languages = await LanguageRegistry.load(settings.languagesFile, hostRoot);
  const engine = new JudgeEngine({ sandbox, languages, cacheDir: settings.cacheDir });
  return { engine, close: () => sandbox.close() };
}
