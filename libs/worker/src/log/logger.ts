import { styleText } from 'node:util';
import pino from 'pino';
import { currentLogFields } from './log-context';
import { redactFields, redactText } from './redaction';

/**
 * LOG_LEVEL, from the quietest: `error`, `warn`, `info` (the default: what the judge itself reports, such as
 * submissions taken up again after a restart, one line per HTTP request and per judgement) and `debug` (also
 * Nest's own start-up, health and metrics probes).
 */
export const LOG_LEVEL_NAMES = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

/** LOG_FORMAT: `json`, one object per line, for servers and containers; `pretty`, one readable line, for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** LOG_FORMAT, or its default: a person reads a terminal, a collector reads the rest. */
export function logFormatOf(value: LogFormat | undefined, stdoutIsTty: boolean | undefined): LogFormat {
  return value ?? (stdoutIsTty ? 'pretty' : 'json');
}

export type LogLineFields = Record<string, unknown>;

/** Where the judge's processes log. The fields of the current context (log-context.ts) are added to every line. */
export interface Log {
  debug(message: string, fields?: LogLineFields): void;
  info(message: string, fields?: LogLineFields): void;
  warn(message: string, fields?: LogLineFields): void;
  error(message: string, fields?: LogLineFields): void;
  /** The same log, its lines naming `context` (a module: Submissions, Runner, Http) and carrying `fields`. */
  child(context: string, fields?: LogLineFields): Log;
  enabled(level: LogLevelName): boolean;
}

export interface LogOptions {
  level?: LogLevelName;
  format?: LogFormat;
  /** Where lines go (default: stdout; `pretty` writes errors to stderr, as Nest's console logger did). */
  write?: (line: string, level: LogLevelName) => void;
  /** Colours in `pretty` (default: when stdout is a terminal). */
  colors?: boolean;
}

function writeToConsole(line: string, level: LogLevelName, format: LogFormat): void {
  // JSON keeps one stream, in order, for collectors; a terminal keeps errors apart as before.
  if (format === 'pretty' && level === 'error') process.stderr.write(line);
  else process.stdout.write(line);
}

/**
 * A log on pino: levels, ISO time, one JSON object per line, written synchronously through process.stdout (so
 * that nothing is lost when the process exits, and tests and benches that read stdout see every line). Every
 * line goes through the redaction (redaction.ts) twice: its fields before it is written, its text after.
 */
export function createLog(options: LogOptions = {}): Log {
  const level = options.level ?? 'info';
  const format = options.format ?? 'json';
  const write = options.write ?? ((line: string, lineLevel: LogLevelName) => writeToConsole(line, lineLevel, format));
  const colors = options.colors ?? (format === 'pretty' && process.stdout.isTTY === true);
  const logger = pino(
    {
      level,
      base: null,
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactFields(object) as Record<string, unknown>,
      },
      mixin: () => currentLogFields(),
      // The line's own fields after the context's; its context (module) first, for people reading raw lines.
      mixinMergeStrategy: (line, context) => ({ context: (line as LogLineFields).context, ...context, ...line }),
      hooks: { streamWrite: redactText },
    },
    {
      write: (line: string) => {
        const parsed = JSON.parse(line) as LogLineFields;
        const lineLevel = parsed.level as LogLevelName;
        write(format === 'json' ? line : `${prettyLine(parsed, colors)}\n`, lineLevel);
      },
    },
  );
  const make = (context: string | undefined, bound: LogLineFields): Log => {
    const at =
      (name: LogLevelName) =>
      (message: string, fields?: LogLineFields): void => {
        if (!logger.isLevelEnabled(name)) return;
        logger[name]({ ...(context === undefined ? {} : { context }), ...bound, ...fields }, redactText(message));
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (childContext, fields) => make(childContext, { ...bound, ...fields }),
      enabled: (name) => logger.isLevelEnabled(name),
    };
  };
  return make(undefined, {});
}

const LEVEL_STYLE: Record<string, Parameters<typeof styleText>[0]> = {
  error: 'red',
  warn: 'yellow',
  info: 'green',
  debug: 'gray',
};

/**
 * One line for a person: `14:03:12.345 INFO  [Submissions] message  submissionId=… requestId=…`. The date is left
 * out (a terminal session is short); the fields the message does not already show follow it as key=value.
 */
export function prettyLine(line: LogLineFields, colors: boolean): string {
  const { time, level, context, message, error, ...fields } = line;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const levelText = String(level).toUpperCase().padEnd(5);
  const parts = [clock, colors ? styleText(LEVEL_STYLE[String(level)] ?? 'reset', levelText) : levelText];
  if (typeof context === 'string') parts.push(`[${context}]`);
  parts.push(typeof message === 'string' ? message : JSON.stringify(message));
  const text = typeof message === 'string' ? message : '';
  // What the message already says (the access line's method, path and status, a judgement's verdict) once only.
  const rest = Object.entries(fields)
    .filter(([, value]) => !((typeof value === 'string' || typeof value === 'number') && text.includes(String(value))))
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  const tail = rest.length ? `  ${rest.join(' ')}` : '';
  // An error's stack under its line, as a terminal shows stacks.
  const below = error === undefined ? '' : `\n${typeof error === 'string' ? error : JSON.stringify(error)}`;
  return `${parts.join(' ')}${colors && tail ? styleText('gray', tail) : tail}${below}`;
}
