export { startRunner, type Runner, type RunnerOptions } from './runner';
export { consoleLog, type RunnerLog } from './runner-log';
export {
  isPackageHash,
  PackageUnavailableError,
  type DerivedTimeLimitStore,
  type PackageSource,
} from './package-source';
export { HttpPackageSource, sha256OfFile, type HttpPackageSourceOptions } from './http-package-source';
export {
  openRunnerEngine,
  SandboxUnavailableError,
  type RunnerEngine,
  type RunnerEngineSettings,
} from './runner-engine';
export { loadRunnerConfig, ConfigError, type RunnerConfig } from './runner-config';
