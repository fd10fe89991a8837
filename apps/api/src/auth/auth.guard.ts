import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
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
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      query: Record<string, unknown>;
      caller?: Caller;
    }>();
    const header = request.headers.authorization ?? '';
    // Browsers' EventSource cannot send headers: event streams (@Sse routes) may carry the token in the query.
    // Nowhere else: a token in a URL ends up in logs and history, and a link could act with someone's token.
    const isEventStream = this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler()) === true;
    const queryToken =
      isEventStream && typeof request.query.access_token === 'string' ? request.query.access_token : null;
    const token = header.startsWith('Bearer ') ? header.slice(7) : queryToken;
    // Public routes answer anyone, and know the caller when a valid token comes along (a contestant's
    // own row on a frozen scoreboard); a missing or bad token there just means anonymous.
    if (isPublic) {
      if (token) request.caller = (await this.callerOf(token).catch(() => null)) ?? undefined;
      return true;
    }
    if (!token) throw unauthorized();
    request.caller = await this.callerOf(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && request.caller.role !== 'admin' && !roles.includes(request.caller.role))
      throw forbidden(`requires role ${roles.join(' or ')}`);
    return true;
  }

  private async callerOf(token: string): Promise<Caller> {
    let payload: { sub: string };
    try {
      payload = await this.jwt.verifyAsync<{ sub: string }>(token);
    } catch {
      throw unauthorized('invalid or expired token');
    }
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || user.disabled) throw unauthorized('account disabled or removed');
    return { id: user.id, username: user.username, role: user.role };
  }
}
