import { JudgeEngine, LanguageRegistry } from '@judge/judge';
import { createSandboxEngine, type NamespaceEngineOptions } from '@judge/sandbox';

export interface RunnerEngineSettings {
  /** Validator builds and derived time limits; box users mount from it, so not under /root. */
  cacheDir: string;
  /** Sandbox settings (box folder, box users); the sandbox's defaults when unset. */
  sandbox?: Partial<NamespaceEngineOptions>;
  /** The languages file; the shipped one when unset. */
  languagesFile?: string;
}

export interface RunnerEngine {
  engine: JudgeEngine;
  close(): Promise<void>;
}

export class SandboxUnavailableError extends Error {}

/** The judging engine on the namespace sandbox, as the `judge` command builds it; refuses a host it cannot use. */
export async function openRunnerEngine(settings: RunnerEngineSettings): Promise<RunnerEngine> {
  const sandbox = createSandboxEngine('namespace', { namespace: settings.sandbox });
  const problems = await sandbox.check();
  if (problems.length > 0) {
    await sandbox.close();
    throw new SandboxUnavailableError(`the sandbox cannot run here: ${problems.join('; ')}`);
  }
  const languages = await LanguageRegistry.load(settings.languagesFile);
  const engine = new JudgeEngine({ sandbox, languages, cacheDir: settings.cacheDir });
  return { engine, close: () => sandbox.close() };
}
