import type { SandboxEngine } from './types';
import { DEFAULT_NAMESPACE_OPTIONS, NamespaceEngine, type NamespaceEngineOptions } from './namespace/namespace-engine';

export type SandboxEngineName = 'namespace';

export function createSandboxEngine(
  name: SandboxEngineName = 'namespace',
  options: Partial<NamespaceEngineOptions> = {},
): SandboxEngine {
  switch (name) {
    case 'namespace':
      return new NamespaceEngine({ ...DEFAULT_NAMESPACE_OPTIONS, ...options });
  }
}
