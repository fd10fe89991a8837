import { afterEach, describe, expect, it, vi } from 'vitest';
import { JudgeLogger, nestLogLevels } from './logging';

/** What a logger writes to stdout and stderr (Nest's console logger writes there, not through console). */
function written(use: (logger: JudgeLogger) => void, level: Parameters<typeof nestLogLevels>[0]): string {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  use(new JudgeLogger(nestLogLevels(level)));
  vi.restoreAllMocks();
  return chunks.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('LOG_LEVEL', () => {
  it("info keeps Nest's start-up and its route listing out, and the judge's own messages in", () => {
    const text = written((logger) => {
      logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
      logger.log('AuthController {/api/auth}:', 'RoutesResolver');
      logger.log('Nest application successfully started', 'NestApplication');
      logger.log('took up 2 unfinished submissions', 'Submissions');
      logger.warn('recovery sweep failed: connection refused', 'Submissions');
    }, 'info');
    expect(text).not.toMatch(/Mapped|AuthController|successfully started/);
    expect(text).toContain('took up 2 unfinished submissions');
    expect(text).toContain('recovery sweep failed');
  });

  it('debug shows them too', () => {
    const text = written((logger) => logger.log('Mapped {/api/health, GET} route', 'RouterExplorer'), 'debug');
    expect(text).toContain('Mapped {/api/health, GET} route');
  });

  it('warn and error keep only what went wrong', () => {
    const use = (logger: JudgeLogger) => {
      logger.log('took up 2 unfinished submissions', 'Submissions');
      logger.warn('recovery sweep failed', 'Submissions');
      logger.error('judging s1 failed', undefined, 'Submissions');
    };
    const warn = written(use, 'warn');
    expect(warn).not.toContain('took up');
    expect(warn).toContain('recovery sweep failed');
    const error = written(use, 'error');
    expect(error).not.toContain('recovery sweep failed');
    expect(error).toContain('judging s1 failed');
  });
});
