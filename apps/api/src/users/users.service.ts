import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import type { AuditAction, UserView } from '@judge/contract';
import { AuditLog, type AuditActor } from '../audit/audit-log.service';
import { changedFields } from '../audit/audit-details';
import { AppError, conflict, notFound } from '../common/app-error';
import { UserEntity, type Role } from '../database/entities';
import { hashPassword } from '../auth/password';

export type PublicUser = UserView;

/** What an admin may change of a user (PATCH /api/users/:id). */
export interface UserChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
  blocked?: boolean;
  submissionsPerMinute?: number | null;
}

const view = (u: UserEntity): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  role: u.role,
  disabled: u.disabled,
  blocked: u.blocked,
  submissionsPerMinute: u.submissionsPerMinute,
  createdAt: u.createdAt.toISOString(),
});

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly audit: AuditLog,
  ) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  /** Usernames by id, for lists that name the users of their rows: one query, not one per row. */
  async usernames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.users.find({ select: { id: true, username: true }, where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u.username]));
  }

  /** A new account; one an admin makes (`by`) is recorded in the audit log, a registration is not. */
  async create(input: { username: string; password: string; role: Role }, by?: AuditActor): Promise<UserEntity> {
    if (await this.users.existsBy({ username: input.username })) {
      throw conflict('USERNAME_TAKEN', `username ${input.username} is taken`);
    }
    const passwordHash = await hashPassword(input.password);
    return this.users.manager.transaction(async (tx) => {
      const user = await tx.save(
        tx.create(UserEntity, { username: input.username, passwordHash, role: input.role, disabled: false }),
      );
      if (by) {
        await this.audit.record(
          {
            actor: by,
            action: 'user.create',
            target: { type: 'user', id: user.id },
            details: { username: user.username, role: user.role },
          },
          tx,
        );
      }
      return user;
    });
  }

  async list(): Promise<PublicUser[]> {
    return (await this.users.find({ order: { createdAt: 'ASC' } })).map(view);
  }

  /**
   * An admin's change of a user, recorded in the audit log in the same transaction: one row per kind of change
   * (user.role, user.disable or user.enable, user.limits, user.password), each with its fields before and after.
   * A new password is recorded as the fact that it was set, never itself.
   */
  async update(id: string, change: UserChange, by: AuditActor): Promise<PublicUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('user');
    const before = { ...user };
    if (change.role) user.role = change.role;
    if (change.disabled !== undefined) user.disabled = change.disabled;
    if (change.password) user.passwordHash = await hashPassword(change.password);
    if (change.blocked !== undefined) user.blocked = change.blocked;
    if (change.submissionsPerMinute !== undefined) user.submissionsPerMinute = change.submissionsPerMinute;
    const records: { action: AuditAction; details: Record<string, unknown> }[] = [];
    const role = changedFields(before, user, ['role']);
    if (role.role) records.push({ action: 'user.role', details: role });
    if (before.disabled !== user.disabled) {
      records.push({
        action: user.disabled ? 'user.disable' : 'user.enable',
        details: changedFields(before, user, ['disabled']),
      });
    }
    const limits = changedFields(before, user, ['blocked', 'submissionsPerMinute']);
    if (Object.keys(limits).length > 0) records.push({ action: 'user.limits', details: limits });
    if (change.password) records.push({ action: 'user.password', details: { set: true } });
    const saved = await this.users.manager.transaction(async (tx) => {
      const row = await tx.save(user);
      for (const record of records) {
        await this.audit.record(
          {
            actor: by,
            action: record.action,
            target: { type: 'user', id: user.id },
            details: { username: user.username, ...record.details },
          },
          tx,
        );
      }
      return row;
    });
    return view(saved);
  }

  /**
   * How many submissions a minute this user may make: their own limit when an admin set one, else the judge's.
   * A blocked user may make none: 403 USER_BLOCKED, which says why rather than "try again shortly".
   */
  async submissionsPerMinute(id: string, judgeDefault: number): Promise<number> {
    const user = await this.users.findOne({ select: { blocked: true, submissionsPerMinute: true }, where: { id } });
    if (user?.blocked) {
      throw new AppError(403, 'USER_BLOCKED', 'an administrator has blocked submissions from this account');
    }
    return user?.submissionsPerMinute ?? judgeDefault;
  }

  /** The first start makes an admin; without JUDGE_ADMIN_PASSWORD its password is generated and shown once. */
  async ensureAdmin(password: string | undefined): Promise<{ username: string; password: string } | null> {
    if (await this.users.existsBy({ role: 'admin' })) return null;
    const chosen = password ?? randomBytes(9).toString('base64url');
    try {
      await this.create({ username: 'admin', password: chosen, role: 'admin' });
    } catch (error) {
      // Another API process starting on the same new database made it first (its start says the password): the
      // name was taken, or the insert met the other's.
      if (await this.users.existsBy({ role: 'admin' })) return null;
      throw error;
    }
    this.logger.debug('created the admin user');
    return { username: 'admin', password: chosen };
  }
}
