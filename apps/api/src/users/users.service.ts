import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, type Repository } from 'typeorm';
import type { UserView } from '@judge/contract';
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

  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

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

  async create(input: { username: string; password: string; role: Role }): Promise<UserEntity> {
    if (await this.users.existsBy({ username: input.username })) {
      throw conflict('USERNAME_TAKEN', `username ${input.username} is taken`);
    }
    const user = this.users.create({
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      disabled: false,
    });
    return this.users.save(user);
  }

  async list(): Promise<PublicUser[]> {
    return (await this.users.find({ order: { createdAt: 'ASC' } })).map(view);
  }

  async update(id: string, change: UserChange): Promise<PublicUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('user');
    if (change.role) user.role = change.role;
    if (change.disabled !== undefined) user.disabled = change.disabled;
    if (change.password) user.passwordHash = await hashPassword(change.password);
    if (change.blocked !== undefined) user.blocked = change.blocked;
    if (change.submissionsPerMinute !== undefined) user.submissionsPerMinute = change.submissionsPerMinute;
    return view(await this.users.save(user));
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
    await this.create({ username: 'admin', password: chosen, role: 'admin' });
    this.logger.debug('created the admin user');
    return { username: 'admin', password: chosen };
  }
}
