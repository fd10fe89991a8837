import type { SandboxEngine } from './types';
import { DEFAULT_NAMESPACE_OPTIONS, NamespaceEngine, type NamespaceEngineOptions } from './namespace/namespace-engine';
import { DEFAULT_DOCKER_OPTIONS, DockerEngine, type DockerEngineOptions } from './docker/docker-engine';

export const SANDBOX_ENGINE_NAMES = ['namespace', 'docker'] as const;
export type SandboxEngineName = (typeof SANDBOX_ENGINE_NAMES)[number];

export interface SandboxEngineOptions {
  namespace?: Partial<NamespaceEngineOptions>;
  docker?: Partial<DockerEngineOptions>;
}

/** `namespace` or `docker` (JUDGE_SANDBOX, `--sandbox`) to a name, or an error naming the bad value. */
export function parseSandboxEngineName(value: string | undefined, what = 'JUDGE_SANDBOX'): SandboxEngineName {
  if (value === undefined || value === '') return 'namespace';
  if ((SANDBOX_ENGINE_NAMES as readonly string[]).includes(value)) return value as SandboxEngineName;
  throw new Error(`${what} must be ${SANDBOX_ENGINE_NAMES.join(' or ')}, not "${value}"`);
}

export function createSandboxEngine(
  name: SandboxEngineName = 'namespace',
  options: SandboxEngineOptions = {},
): SandboxEngine {
  switch (name) {
    case 'namespace':
      return new NamespaceEngine({ ...DEFAULT_NAMESPACE_OPTIONS, ...options.namespace });
    case 'docker':
      return new DockerEngine({ ...DEFAULT_DOCKER_OPTIONS, ...options.docker });
  }
}
