import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * LOG_LEVEL, from the quietest: `error`, `warn`, `info` (the default: what the judge itself reports, such as
 * submissions taken up again after a restart) and `debug` (also Nest's own start-up: its modules, and one line
 * per route).
 */
export const LOG_LEVEL_NAMES = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

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

/**
 * The contexts in which Nest reports its own start-up at its `log` level: every module loaded, every controller
 * and route mapped (some hundred lines). They are debug output here: the start's summary says what matters.
 */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's console logger, with its start-up messages at `debug` instead of `log`. */
export class JudgeLogger extends ConsoleLogger {
  constructor(levels: LogLevel[]) {
    super({ logLevels: levels });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : this.context;
    if (context !== undefined && NEST_START_UP.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}
