import { createLog, logFormatOf, type Log, type LogLineFields } from './log/logger';

/** Where a runner reports; the API passes its own log when it runs the runner in-process. */
export interface RunnerLog {
  info(message: string, fields?: LogLineFields): void;
  error(message: string, fields?: LogLineFields): void;
}

let defaultLog: Log | null = null;

/**
 * For callers that pass no log: one at `info`, JSON unless stdout is a terminal (made on first use, not at
 * import). A standalone runner and the API pass their own, configured by LOG_LEVEL and LOG_FORMAT.
 */
export const consoleLog: RunnerLog = {
  info: (message, fields) => fallback().info(message, fields),
  error: (message, fields) => fallback().error(message, fields),
};

function fallback(): Log {
  defaultLog ??= createLog({ format: logFormatOf(undefined, process.stdout.isTTY) });
  return defaultLog;
}
