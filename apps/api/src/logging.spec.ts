import { describe, expect, it } from 'vitest';
import { createLog, type LogLevelName } from '@judge/worker';
import { JudgeLogger, logLevelOf, nestLogLevels } from './logging';

/** What Nest's calls on a JudgeLogger write, as parsed JSON lines. */
function written(use: (logger: JudgeLogger) => void, level: LogLevelName): Record<string, unknown>[] {
  const lines: string[] = [];
  use(new JudgeLogger(createLog({ level, format: 'json', write: (line) => lines.push(line) })));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('LOG_LEVEL', () => {
  it("info keeps Nest's start-up and its route listing out, and the judge's own messages in", () => {
    const lines = written((logger) => {
      logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
      logger.log('AuthController {/api/auth}:', 'RoutesResolver');
      logger.log('Nest application successfully started', 'NestApplication');
      logger.log('took up 2 unfinished submissions', 'Submissions');
      logger.warn('recovery sweep failed: connection refused', 'Submissions');
    }, 'info');
    expect(lines.map((l) => [l.level, l.context, l.message])).toEqual([
      ['info', 'Submissions', 'took up 2 unfinished submissions'],
      ['warn', 'Submissions', 'recovery sweep failed: connection refused'],
    ]);
  });

  it('debug shows them too', () => {
    const lines = written((logger) => logger.log('Mapped {/api/health, GET} route', 'RouterExplorer'), 'debug');
    expect(lines).toMatchObject([
      { level: 'debug', context: 'RouterExplorer', message: 'Mapped {/api/health, GET} route' },
    ]);
  });

  it('warn and error keep only what went wrong', () => {
    const use = (logger: JudgeLogger) => {
      logger.log('took up 2 unfinished submissions', 'Submissions');
      logger.warn('recovery sweep failed', 'Submissions');
      logger.error('judging s1 failed', undefined, 'Submissions');
    };
    expect(written(use, 'warn').map((l) => l.message)).toEqual(['recovery sweep failed', 'judging s1 failed']);
    expect(written(use, 'error').map((l) => l.message)).toEqual(['judging s1 failed']);
  });

  it('maps the Nest levels tests pass back to a LOG_LEVEL', () => {
    for (const level of ['error', 'warn', 'info', 'debug'] as const)
      expect(logLevelOf(nestLogLevels(level))).toBe(level);
  });
});

describe("Nest's calls", () => {
  it('error: a stack before the context, or an Error as the message, becomes the line’s error field', () => {
    const error = new Error('boom');
    const lines = written((logger) => {
      logger.error('unexpected', error.stack, 'Errors');
      logger.error(error, undefined, 'Errors');
      logger.error('no stack', 'Errors');
    }, 'info');
    expect(lines).toMatchObject([
      {
        level: 'error',
        context: 'Errors',
        message: 'unexpected',
        error: expect.stringMatching(/^Error: boom\n/) as unknown,
      },
      { level: 'error', context: 'Errors', message: 'boom', error: expect.stringMatching(/^Error: boom\n/) as unknown },
      { level: 'error', context: 'Errors', message: 'no stack' },
    ]);
    expect(lines[2]).not.toHaveProperty('error');
  });

  it('an object message is written as JSON, redacted', () => {
    const [line] = written((logger) => logger.log({ user: 'alice', password: 'hunter22' }, 'Users'), 'info');
    expect(line.message).toBe('{"user":"alice","password":"[REDACTED]"}');
  });
});
