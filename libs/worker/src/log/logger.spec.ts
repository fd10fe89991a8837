import { describe, expect, it } from 'vitest';
import { withLogFields, withOwnLogFields } from './log-context';
import { createLog, logFormatOf, prettyLine, type LogLevelName, type LogOptions } from './logger';

/** The lines a log writes, with the level each was written at. */
function capture(options: LogOptions = {}) {
  const lines: { line: string; level: LogLevelName }[] = [];
  const log = createLog({ ...options, write: (line, level) => lines.push({ line, level }) });
  return { log, lines, json: () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JSON lines', () => {
  it('writes one object per line: time, level, context, message, then the fields', () => {
    const { log, lines, json } = capture({ format: 'json' });
    log.child('Submissions').info('took up 2 unfinished submissions', { count: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0].line.endsWith('}\n')).toBe(true);
    expect(lines[0].line.indexOf('\n')).toBe(lines[0].line.length - 1);
    const [line] = json();
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      context: 'Submissions',
      count: 2,
      message: 'took up 2 unfinished submissions',
    });
  });

  it("adds the context's ids (the request's, the submission's) to every line inside it", async () => {
    const { log, json } = capture();
    const runner = log.child('Runner', { runnerId: 'runner-a' });
    await withLogFields({ requestId: 'req-1' }, async () => {
      await withLogFields({ submissionId: 's-1' }, async () => {
        await Promise.resolve();
        runner.info('submission s-1: AC in 12 ms', { verdict: 'AC' });
      });
      runner.info('outside the judgement');
    });
    runner.info('outside the request');
    expect(json()).toMatchObject([
      { requestId: 'req-1', submissionId: 's-1', runnerId: 'runner-a', verdict: 'AC' },
      { requestId: 'req-1', runnerId: 'runner-a' },
      { runnerId: 'runner-a' },
    ]);
    expect(json()[1]).not.toHaveProperty('submissionId');
    expect(json()[2]).not.toHaveProperty('requestId');
  });

  it('keeps a unit of work of its own (a job) free of the context it was started from', () => {
    const { log, json } = capture();
    withLogFields({ requestId: 'req-a', userId: 'alice' }, () =>
      withOwnLogFields({ submissionId: 's-b' }, () => log.info('judging s-b')),
    );
    expect(json()[0]).toMatchObject({ submissionId: 's-b' });
    expect(json()[0]).not.toHaveProperty('requestId');
    expect(json()[0]).not.toHaveProperty('userId');
  });

  it('prints the levels LOG_LEVEL allows', () => {
    const { log, json } = capture({ level: 'warn' });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(json().map((l) => l.level)).toEqual(['warn', 'error']);
    expect(log.enabled('info')).toBe(false);
  });

  it('redacts secrets in fields and in the message', () => {
    const { log, lines } = capture();
    log.info('login with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln from ?token=abc', {
      headers: { authorization: 'Bearer abc', cookie: 'sid=xyz' },
      password: 'hunter22',
    });
    const [{ line }] = lines;
    for (const secret of ['eyJhbGci', 'token=abc', 'sid=xyz', 'hunter22', 'Bearer abc'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ headers: { authorization: '[REDACTED]' }, password: '[REDACTED]' });
  });

  it("writes an error's stack as a field", () => {
    const { log, json } = capture();
    log.error('judging failed', { error: new Error('boom') });
    expect(json()[0].error).toMatch(/^Error: boom\n\s+at /);
  });
});

describe('pretty lines', () => {
  it('writes one readable line: clock, level, context, message, fields', () => {
    const { log, lines } = capture({ format: 'pretty', colors: false });
    withLogFields({ requestId: 'req-1' }, () =>
      log.child('Http').info('GET /api/health 200 1.2 ms', { status: 200, path: '/api/health', userId: 'u 1' }),
    );
    expect(lines).toHaveLength(1);
    // The status and path are in the message already: the fields add only what it does not say.
    expect(lines[0].line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[Http\] GET \/api\/health 200 1\.2 ms {2}requestId=req-1 userId="u 1"\n$/,
    );
  });

  it("puts an error's stack under its line", () => {
    const text = prettyLine(
      {
        time: '2026-01-01T10:00:00.000Z',
        level: 'error',
        context: 'Errors',
        message: 'boom',
        error: 'Error: boom\n    at x',
      },
      false,
    );
    expect(text).toBe('10:00:00.000 ERROR [Errors] boom\nError: boom\n    at x');
  });

  it('redacts as JSON lines do', () => {
    const { log, lines } = capture({ format: 'pretty', colors: false });
    log.info('token', { password: 'hunter22', url: '/x?access_token=abc' });
    expect(lines[0].line).not.toMatch(/hunter22|abc/);
  });
});

describe('LOG_FORMAT', () => {
  it('defaults to pretty on a terminal, JSON elsewhere; a value given wins', () => {
    expect(logFormatOf(undefined, true)).toBe('pretty');
    expect(logFormatOf(undefined, false)).toBe('json');
    expect(logFormatOf(undefined, undefined)).toBe('json');
    expect(logFormatOf('json', true)).toBe('json');
    expect(logFormatOf('pretty', false)).toBe('pretty');
  });
});
