import { describe, expect, it } from 'vitest';
import { REDACTED, redactFields, redactText } from './redaction';

describe('redactFields', () => {
  it('replaces the values of secret fields at any depth, whatever their spelling', () => {
    const redacted = redactFields({
      headers: { Authorization: 'Bearer abc', cookie: 'sid=1', 'x-auth-token': 'jt_abcdefgh1234', accept: '*/*' },
      body: { username: 'alice', password: 'hunter22', new_password: 'hunter23' },
      hooks: [{ url: 'https://example.org/hook', webhookSecret: 'whsec_1', signing_secret: 's' }],
      RUNNER_TOKEN: 'runner-token-value',
      accessToken: 'eyJ.x.y',
      tokenId: 'kept: an id names a token, it is none',
    });
    expect(redacted).toEqual({
      headers: { Authorization: REDACTED, cookie: REDACTED, 'x-auth-token': REDACTED, accept: '*/*' },
      body: { username: 'alice', password: REDACTED, new_password: REDACTED },
      hooks: [{ url: 'https://example.org/hook', webhookSecret: REDACTED, signing_secret: REDACTED }],
      RUNNER_TOKEN: REDACTED,
      accessToken: REDACTED,
      tokenId: 'kept: an id names a token, it is none',
    });
  });

  it('leaves what it was given alone, and survives a cycle', () => {
    const given: Record<string, unknown> = { password: 'p' };
    given.self = given;
    expect(redactFields(given)).toEqual({ password: REDACTED, self: '[Circular]' });
    expect(given.password).toBe('p');
  });

  it('turns an error into its stack, redacted', () => {
    const error = new Error('connect to redis://:s3cret@10.0.0.5:6379 failed');
    const text = redactFields({ error }) as { error: string };
    expect(text.error).toMatch(/^Error: connect to redis:\/\/:\[REDACTED\]@10\.0\.0\.5:6379 failed\n\s+at /);
  });
});

describe('redactText', () => {
  it.each([
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', 'Authorization: Bearer [REDACTED]'],
    ['a session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl in a message', 'a session [REDACTED] in a message'],
    ['API token jt_Ab3dEfGh1jKlMn0p used', 'API token jt_[REDACTED] used'],
    ['hook secret whsec_0123456789abcdef', 'hook secret whsec_[REDACTED]'],
    ['postgres://judge:pa55word@db:5432/judge', 'postgres://judge:[REDACTED]@db:5432/judge'],
    [
      'GET /api/submissions/1/events?access_token=abc.def&x=1',
      'GET /api/submissions/1/events?access_token=[REDACTED]&x=1',
    ],
    ['/hook?token=t0ken', '/hook?token=[REDACTED]'],
    ['{"username":"alice","password":"hunter22"}', '{"username":"alice","password":"[REDACTED]"}'],
    ['RUNNER_TOKEN=0123456789abcdef', 'RUNNER_TOKEN=[REDACTED]'],
    ['Basic YWxpY2U6aHVudGVyMjI=', 'Basic [REDACTED]'],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('keeps texts that only speak of secrets', () => {
    for (const text of [
      'invalid or expired token',
      'this API token lacks the scope "runs"',
      'password must be at least 8 characters',
      'GET /api/problems?page=2 200 3.1 ms',
      'invalid configuration:\n  JWT_SECRET: Too small: expected string to have >=16 characters',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });

  it('is idempotent: a redacted text stays as it is', () => {
    const once = redactText('Bearer abc password=x ?token=y jt_abcdefghijk');
    expect(redactText(once)).toBe(once);
  });
});

describe('redactText on a written JSON line', () => {
  it('finds a secret in JSON held in a string (quotes escaped)', () => {
    const line = JSON.stringify({ message: JSON.stringify({ user: 'alice', password: 'hunter22' }) });
    expect(redactText(line)).not.toContain('hunter22');
    expect(JSON.parse(redactText(line))).toEqual({ message: '{"user":"alice","password":"[REDACTED]"}' });
  });

  it('keeps the line valid JSON when the secret sits in JSON inside a string', () => {
    const inner = JSON.stringify({ url: 'https://h/x?token=abc', db: 'postgres://u:pw@h/db' });
    const line = JSON.stringify({ message: inner });
    const redacted = redactText(line);
    expect(JSON.parse((JSON.parse(redacted) as { message: string }).message)).toEqual({
      url: 'https://h/x?token=[REDACTED]',
      db: 'postgres://u:[REDACTED]@h/db',
    });
  });
});
