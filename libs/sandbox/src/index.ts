export * from './types';
export { readBoxFile, writeBoxFile, clearBoxDir, UnsafeBoxPathError } from './box-files';
export { findExecutable } from './which';
export { NamespaceEngine, DEFAULT_NAMESPACE_OPTIONS, type NamespaceEngineOptions } from './namespace/namespace-engine';
export { createSandboxEngine, type SandboxEngineName } from './create-engine';
