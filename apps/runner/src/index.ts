export { loadRunnerConfig, ConfigError, type RunnerConfig } from './runner-config';
