import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { forbidden, unauthorized } from '../common/app-error';
import { UserEntity, type Role } from '../database/entities';
import { PUBLIC_KEY, ROLES_KEY, type Caller } from './auth.decorators';

/**
 * Every route needs a valid bearer token unless marked @Public; @Roles narrows it further. The user is read
 * again on every request, so a disabled account or a changed role takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{
      method: string;
      headers: Record<string, string | undefined>;
      query: Record<string, unknown>;
      caller?: Caller;
    }>();
    const header = request.headers.authorization ?? '';
    // Browsers' EventSource cannot send headers: event streams (GET) may carry the token in the query.
    const queryToken =
      request.method === 'GET' && typeof request.query.access_token === 'string' ? request.query.access_token : null;
    const token = header.startsWith('Bearer ') ? header.slice(7) : queryToken;
    if (!token) throw unauthorized();
    let payload: { sub: string };
    try {
      payload = await this.jwt.verifyAsync<{ sub: string }>(token);
    } catch {
      throw unauthorized('invalid or expired token');
    }
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || user.disabled) throw unauthorized('account disabled or removed');
    request.caller = { id: user.id, username: user.username, role: user.role };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && user.role !== 'admin' && !roles.includes(user.role))
      throw forbidden(`requires role ${roles.join(' or ')}`);
    return true;
  }
}
