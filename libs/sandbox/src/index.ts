export * from './types';
export { readBoxFile, writeBoxFile, clearBoxDir, listBoxFiles, UnsafeBoxPathError, type BoxEntry } from './box-files';
export { findExecutable } from './which';
export { realpathUnder } from './host-root';
export {
  classifyRun,
  runEvents,
  runResult,
  type KillReason,
  type RunClassification,
  type RunFacts,
} from './run-status';
export { cpuRlimitSeconds } from './run-watch';
export { CpuPool, formatCpuList, onlineCpus, parseCpuList, type CpuLease } from './cpu-set';
export { connectRuns, CONNECTION_PIPE_BYTES, type ConnectionEnd } from './run-connection';
export { NamespaceEngine, DEFAULT_NAMESPACE_OPTIONS, type NamespaceEngineOptions } from './namespace/namespace-engine';
export { BoxAllocator, type AllocatedBox } from './namespace/box-allocator';
export {
  DockerEngine,
  DEFAULT_DOCKER_OPTIONS,
  BOX_LABEL,
  OWNER_LABEL,
  type DockerEngineOptions,
} from './docker/docker-engine';
export {
  buildHostRuntimeImage,
  buildRuntimeImages,
  defaultImageName,
  parseImageOverrides,
  DEFAULT_RUNTIME,
  RUNTIME_LABEL,
  TOOLCHAIN_LABEL,
} from './docker/runtime-images';
export {
  createSandboxEngine,
  parseSandboxEngineName,
  SANDBOX_ENGINE_NAMES,
  type SandboxEngineName,
  type SandboxEngineOptions,
} from './create-engine';
