export {
  createLog,
  LOG_FORMATS,
  LOG_LEVEL_NAMES,
  logFormatOf,
  prettyLine,
  type Log,
  type LogFormat,
  type LogLevelName,
  type LogLineFields,
  type LogOptions,
} from './logger';
export { addLogField, currentLogFields, withLogFields, withOwnLogFields, type LogFields } from './log-context';
export { isSecretField, REDACTED, redactFields, redactText } from './redaction';
