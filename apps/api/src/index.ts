export { startApi, type RunningApi } from './create-app';
export { loadConfig, ConfigError, type AppConfig } from './config/app-config';
