import type { LoggerService, LogLevel } from '@nestjs/common';
import { LOG_LEVEL_NAMES, type Log, type LogLevelName, type LogLineFields } from '@judge/worker';

export { LOG_LEVEL_NAMES, type LogLevelName };

/** The Nest levels each LOG_LEVEL prints. */
export function nestLogLevels(level: LogLevelName): LogLevel[] {
  const levels: LogLevel[] = ['fatal', 'error'];
  if (level === 'error') return levels;
  levels.push('warn');
  if (level === 'warn') return levels;
  levels.push('log');
  if (level === 'info') return levels;
  return [...levels, 'debug', 'verbose'];
}

/** The quietest LOG_LEVEL that prints all of these Nest levels (the inverse of nestLogLevels). */
export function logLevelOf(levels: LogLevel[]): LogLevelName {
  if (levels.includes('debug') || levels.includes('verbose')) return 'debug';
  if (levels.includes('log')) return 'info';
  if (levels.includes('warn')) return 'warn';
  return 'error';
}

/**
 * The contexts in which Nest reports its own start-up at its `log` level: every module loaded, every controller
 * and route mapped (some hundred lines). They are debug output here: the start's summary says what matters.
 */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** A stack as Nest passes one to error(): the message's line, then `at ...` lines. */
const STACK = /^(.)+\n\s+at .+:\d+:\d+/;

/**
 * Nest's LoggerService on the judge's log (pino, JSON lines or pretty, with the request's and submission's ids:
 * libs/worker/src/log), so that `new Logger('Submissions')` in a service writes what every other line does. Nest
 * passes the context last; error() may have a stack before it. Nest's start-up messages are debug output.
 */
export class JudgeLogger implements LoggerService {
  constructor(private readonly root: Log) {}

  log(message: unknown, ...rest: unknown[]): void {
    const { context, text, fields } = this.parts(message, rest);
    const log = this.root.child(context ?? 'Nest');
    if (context !== undefined && NEST_START_UP.has(context)) log.debug(text, fields);
    else log.info(text, fields);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    const { context, text, fields } = this.parts(message, rest);
    this.root.child(context ?? 'Nest').warn(text, fields);
  }

  error(message: unknown, ...rest: unknown[]): void {
    let stack: string | undefined;
    if (rest.length >= 2 || (rest.length === 1 && typeof rest[0] === 'string' && STACK.test(rest[0]))) {
      stack = typeof rest[0] === 'string' ? rest[0] : undefined;
      rest = rest.slice(1);
    }
    const { context, text, fields } = this.parts(message, rest);
    this.root.child(context ?? 'Nest').error(text, stack === undefined ? fields : { ...fields, error: stack });
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.error(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    const { context, text, fields } = this.parts(message, rest);
    this.root.child(context ?? 'Nest').debug(text, fields);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.debug(message, ...rest);
  }

  /** The message as text (an Error's with its stack as a field), and the context Nest put last. */
  private parts(message: unknown, rest: unknown[]): { context?: string; text: string; fields?: LogLineFields } {
    const last = rest.at(-1);
    const context = typeof last === 'string' ? last : undefined;
    if (message instanceof Error) return { context, text: message.message, fields: { error: message } };
    if (typeof message === 'string') return { context, text: message };
    return { context, text: JSON.stringify(message) ?? String(message) };
  }
}
