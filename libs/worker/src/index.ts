export { startRunner, type Runner, type RunnerOptions } from './runner';
export { consoleLog, type RunnerLog } from './runner-log';
export * from './log';
export { httpHeartbeatSender, startHeartbeat, type Heartbeat, type HeartbeatOptions } from './heartbeat';
export {
  isPackageHash,
  PackageUnavailableError,
  type DerivedTimeLimitStore,
  type PackageSource,
} from './package-source';
export { HttpPackageSource, sha256OfFile, type HttpPackageSourceOptions } from './http-package-source';
export {
  cpuConcurrencyError,
  cpuListSchema,
  engineSettings,
  engineSettingsSchema,
  loadEngineSettings,
  parseSettings,
  positiveInt,
  sandboxOptions,
  SettingsError,
  type EngineEnv,
  type EngineSettings,
} from './engine-settings';
export { openJudgeEngine, SandboxUnavailableError, type OpenedEngine, type OpenEngineOptions } from './open-engine';
