import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError, forbidden } from '../common/app-error';
import { UsersService } from '../users/users.service';
import { AuditLog } from '../audit/audit-log.service';
import { LockdownService } from '../lockdown/lockdown.service';
import { AuthThrottle, TooManyAttempts } from './auth-throttle';
import { hashPassword, verifyPassword } from './password';

@Injectable()
export class AuthService {
  /** A hash of a random password, made as every password's is: checked against for names that do not exist. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: AuthThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly lockdown: LockdownService,
  ) {}

  async login(username: string, password: string, address: string): Promise<{ accessToken: string }> {
    try {
      await this.throttle.loginAttempt(username, address);
    } catch (error) {
      if (error instanceof TooManyAttempts && error.tripped.length > 0)
        await this.recordThrottle(username, address, error);
      throw error;
    }
    const user = await this.users.findByUsername(username);
    // An unknown name costs the same hash check as a known one, so the time of the answer does not tell which
    // names exist; and the same answer for an unknown user and a wrong password.
    const matches = await verifyPassword(user?.passwordHash ?? (await this.unknownUserHash()), password);
    if (!user || !matches) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    // Said only to whoever knows the password: a disabled account is not told apart from a wrong password otherwise.
    if (user.disabled) {
      throw new AppError(403, 'ACCOUNT_DISABLED', 'this account is disabled: ask an administrator to enable it');
    }
    // The password was right: a lock-down refusal below is no failed guess, so the attempt is given back first.
    await this.throttle.loginSucceeded(username, address);
    // A locked contest's or exam's participant: refused from outside its networks (told only after the password, as
    // above), and under one session the new session ends the others (lockdown/).
    const generation = await this.lockdown.admitLogin(user, address);
    return { accessToken: await this.jwt.signAsync({ sub: user.id, role: user.role, gen: generation }) };
  }

  async register(username: string, password: string, address: string): Promise<{ id: string; accessToken: string }> {
    if (!this.config.REGISTRATION_OPEN) throw forbidden('registration is closed');
    await this.throttle.registrationAttempt(username, address);
    const user = await this.users.create({ username, password, role: 'contestant' });
    // A new account takes part in nothing yet: no lock holds it; its sessions start at generation 0.
    return { id: user.id, accessToken: await this.jwt.signAsync({ sub: user.id, role: user.role, gen: 0 }) };
  }

  /**
   * A login throttle that tripped, in the audit log: the account when its name's failures tripped it (and it exists),
   * else the address. The password tried is never recorded.
   */
  private async recordThrottle(username: string, address: string, error: TooManyAttempts): Promise<void> {
    const user = error.tripped.includes('login-name') ? await this.users.findByUsername(username) : null;
    await this.audit.record({
      actor: null,
      address,
      action: 'auth.login-throttled',
      target: user ? { type: 'user', id: user.id } : { type: 'address', id: address },
      details: { username, limits: error.tripped, retryAfterSeconds: error.retryAfterSeconds },
    });
  }

  private unknownUserHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}
