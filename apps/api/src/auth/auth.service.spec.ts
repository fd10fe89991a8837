import { describe, expect, it, vi } from 'vitest';
import type { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import type { UserEntity } from '../database/entities';
import type { UsersService } from '../users/users.service';
import type { AuditLog, AuditRecord } from '../audit/audit-log.service';
import type { LockdownService } from '../lockdown/lockdown.service';
import { AuthThrottle, memoryStore, TooManyAttempts, type AuthThrottleLimits } from './auth-throttle';
import { AuthService } from './auth.service';
import { hashPassword, verifyPassword } from './password';

// The real argon2 functions, watched: which hash each login checks the password against.
vi.mock('./password', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password')>();
  return { hashPassword: vi.fn(real.hashPassword), verifyPassword: vi.fn(real.verifyPassword) };
});

const limits: AuthThrottleLimits = {
  loginFailuresPerName: 3,
  loginFailuresPerAddress: 5,
  loginWindowSeconds: 900,
  registrationsPerAddress: 2,
};

/** What the service recorded in the audit log, per test. */
const recorded: AuditRecord[] = [];

async function service(users: Record<string, string>) {
  recorded.length = 0;
  const rows = new Map<string, UserEntity>();
  for (const [username, password] of Object.entries(users)) {
    const row = { id: `id-${username}`, username, role: 'contestant', disabled: false } as UserEntity;
    row.passwordHash = await hashPassword(password);
    rows.set(username, row);
  }
  const fakeUsers = {
    findByUsername: (name: string) => Promise.resolve(rows.get(name) ?? null),
    create: (input: { username: string }) => Promise.resolve({ id: `id-${input.username}`, role: 'contestant' }),
  } as unknown as UsersService;
  const jwt = { signAsync: () => Promise.resolve('token') } as unknown as JwtService;
  const config = { REGISTRATION_OPEN: true } as AppConfig;
  vi.mocked(verifyPassword).mockClear();
  const audit = { record: (entry: AuditRecord) => Promise.resolve(void recorded.push(entry)) } as unknown as AuditLog;
  // No lock holds anyone here (lock-down is tested over HTTP: test/api/lockdown.test.ts).
  const lockdown = { admitLogin: () => Promise.resolve(0) } as unknown as LockdownService;
  return new AuthService(fakeUsers, jwt, new AuthThrottle(memoryStore, limits), config, audit, lockdown);
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('login of a name that does not exist', () => {
  it('checks the password against an argon2id hash as costly as a real one, so it takes as long', async () => {
    const auth = await service({ alice: 'alice-password' });
    await expect(auth.login('nobody', 'some-password', '192.0.2.1')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(verifyPassword).toHaveBeenCalledTimes(1);
    const [dummy, password] = vi.mocked(verifyPassword).mock.calls[0];
    expect(password).toBe('some-password');
    // The same algorithm and cost parameters as the hash of a real user's password.
    const real = await hashPassword('alice-password');
    const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');
    expect(parameters(dummy)).toBe(parameters(real));
    expect(parameters(dummy)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
  });

  it('answers as a wrong password does', async () => {
    const auth = await service({ alice: 'alice-password' });
    const unknown = await refusal(auth.login('nobody', 'some-password', '192.0.2.1'));
    const wrong = await refusal(auth.login('alice', 'some-password', '192.0.2.1'));
    expect(unknown).toEqual(wrong);
    expect(verifyPassword).toHaveBeenCalledTimes(2);
  });
});

describe('login throttles', () => {
  it('refuse a name after its failures, even with the right password, and say when to try again', async () => {
    const auth = await service({ alice: 'alice-password' });
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      await expect(auth.login('alice', 'wrong-password', address)).rejects.toMatchObject({ statusCode: 401 });
    }
    const refused = await refusal(auth.login('alice', 'alice-password', '192.0.2.4'));
    expect(refused).toBeInstanceOf(TooManyAttempts);
    expect(refused).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect((refused as TooManyAttempts).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as TooManyAttempts).retryAfterSeconds).toBeLessThanOrEqual(900);
    // Names count without case.
    await expect(auth.login('ALICE', 'alice-password', '192.0.2.4')).rejects.toBeInstanceOf(TooManyAttempts);
    // Recorded once, when the name's throttle tripped, against the account; never with the password tried.
    expect(recorded).toEqual([
      {
        actor: null,
        address: '192.0.2.4',
        action: 'auth.login-throttled',
        target: { type: 'user', id: 'id-alice' },
        details: { username: 'alice', limits: ['login-name'], retryAfterSeconds: expect.any(Number) as number },
      },
    ]);
  });

  it('forget a name’s failures once its password is given', async () => {
    const auth = await service({ alice: 'alice-password' });
    for (let round = 0; round < 3; round++) {
      await expect(auth.login('alice', 'wrong-password', `192.0.2.${round}`)).rejects.toMatchObject({
        statusCode: 401,
      });
      await expect(auth.login('alice', 'wrong-password', `192.0.2.${round}`)).rejects.toMatchObject({
        statusCode: 401,
      });
      await expect(auth.login('alice', 'alice-password', `192.0.2.${round}`)).resolves.toEqual({
        accessToken: 'token',
      });
    }
  });

  it('refuse an address after its failures over many names; logins from it do not count, other addresses go on', async () => {
    const auth = await service({ alice: 'alice-password' });
    for (let i = 0; i < 10; i++) await auth.login('alice', 'alice-password', '198.51.100.1');
    for (let i = 0; i < 5; i++) {
      await expect(auth.login(`ghost${i}`, 'some-password', '198.51.100.1')).rejects.toMatchObject({ statusCode: 401 });
    }
    await expect(auth.login('alice', 'alice-password', '198.51.100.1')).rejects.toBeInstanceOf(TooManyAttempts);
    await expect(auth.login('alice', 'alice-password', '198.51.100.2')).resolves.toEqual({ accessToken: 'token' });
    expect(recorded).toMatchObject([
      { action: 'auth.login-throttled', target: { type: 'address', id: '198.51.100.1' } },
    ]);
  });

  it('count parallel attempts one by one: no more than the limit get their password checked', async () => {
    const auth = await service({ alice: 'alice-password' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => refusal(auth.login('alice', 'wrong-password', '192.0.2.1'))),
    );
    expect(results.filter((e) => e instanceof TooManyAttempts)).toHaveLength(7);
    expect(verifyPassword).toHaveBeenCalledTimes(3);
    // Seven refusals, two trips recorded: the name's (the 4th attempt) and the address's (the 6th), once each.
    expect(recorded.map((r) => r.details?.limits)).toEqual(
      expect.arrayContaining([['login-name'], ['login-address']]) as unknown,
    );
    expect(recorded).toHaveLength(2);
  });
});

describe('registration throttle', () => {
  it('refuses an address after its registrations in the hour', async () => {
    const auth = await service({});
    await auth.register('one', 'one-password', '203.0.113.1');
    await auth.register('two', 'two-password', '203.0.113.1');
    await expect(auth.register('three', 'three-password', '203.0.113.1')).rejects.toBeInstanceOf(TooManyAttempts);
    await expect(auth.register('three', 'three-password', '203.0.113.2')).resolves.toMatchObject({ id: 'id-three' });
  });
});
