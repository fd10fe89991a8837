import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { API_TOKEN_PREFIX, type ApiTokenScope } from '@judge/contract';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { AppError, forbidden, unauthorized } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UserEntity, type Role } from '../database/entities';
import { EXECUTION_API_KEY, PUBLIC_KEY, ROLES_KEY, SCOPE_KEY, type Caller } from './auth.decorators';

/** How the request proves who it is: a session (a signed JWT) or an API token. */
type Credential = { kind: 'session'; value: string } | { kind: 'api-token'; value: string };

/**
 * Every route needs a valid session or API token unless marked @Public; @Roles narrows it further, and an API
 * token reaches only the routes that declare its scope (@RequiresScope). The user is read again on every request,
 * so a disabled account or a changed role takes effect at once, for its tokens too.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly apiTokens: ApiTokensService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'EXECUTION_API_AUTH'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const scope = this.reflector.getAllAndOverride<ApiTokenScope | undefined>(SCOPE_KEY, targets);
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      query: Record<string, unknown>;
      caller?: Caller;
    }>();
    // Browsers' EventSource cannot send headers: event streams (@Sse routes) may carry a session in the query.
    // Nowhere else: a token in a URL ends up in logs and history, and a link could act with someone's token.
    const isEventStream = this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler()) === true;
    const credential = credentialOf(request, isEventStream);
    // Public routes answer anyone, and know the caller when a valid credential comes along (a contestant's
    // own row on a frozen scoreboard); a missing or bad one there, or a token without the route's scope, just
    // means anonymous.
    if (isPublic) {
      if (credential) {
        request.caller = (await this.callerOf(credential, scope).catch(() => null)) ?? undefined;
      }
      return true;
    }
    if (!credential) {
      const isExecutionApi = this.reflector.getAllAndOverride<boolean>(EXECUTION_API_KEY, targets) === true;
      // A private deployment's execution faces, open as Judge0's and Piston's are: runs count by address.
      if (isExecutionApi && this.config.EXECUTION_API_AUTH === 'none') return true;
      throw unauthorized();
    }
    request.caller = await this.callerOf(credential, scope);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && request.caller.role !== 'admin' && !roles.includes(request.caller.role))
      throw forbidden(`requires role ${roles.join(' or ')}`);
    return true;
  }

  private async callerOf(credential: Credential, scope: ApiTokenScope | undefined): Promise<Caller> {
    if (credential.kind === 'api-token') return this.tokenCaller(credential.value, scope);
    let payload: { sub: string };
    try {
      payload = await this.jwt.verifyAsync<{ sub: string }>(credential.value);
    } catch {
      throw unauthorized('invalid or expired token');
    }
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || user.disabled) throw unauthorized('account disabled or removed');
    return { id: user.id, username: user.username, role: user.role };
  }

  private async tokenCaller(token: string, scope: ApiTokenScope | undefined): Promise<Caller> {
    const holder = await this.apiTokens.holderOf(token);
    if (!holder) throw unauthorized('invalid or revoked API token');
    if (holder.user.disabled) throw unauthorized('account disabled or removed');
    if (!scope) {
      throw new AppError(403, 'SESSION_REQUIRED', 'this route takes a signed-in session, not an API token');
    }
    if (!holder.scopes.includes(scope)) {
      throw new AppError(403, 'INSUFFICIENT_SCOPE', `this API token lacks the scope "${scope}"`, { scope });
    }
    const { user } = holder;
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      token: { id: holder.tokenId, scopes: holder.scopes },
    };
  }
}

/**
 * `Authorization: Bearer <session or API token>`, else `X-Auth-Token: <API token>` (Judge0's header), else on an
 * event stream `?access_token=<session>`. API tokens are told apart by their prefix (jt_).
 */
function credentialOf(
  request: { headers: Record<string, string | undefined>; query: Record<string, unknown> },
  isEventStream: boolean,
): Credential | null {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) {
    const value = header.slice(7).trim();
    return { kind: value.startsWith(API_TOKEN_PREFIX) ? 'api-token' : 'session', value };
  }
  const xAuthToken = request.headers['x-auth-token']?.trim();
  if (xAuthToken) return { kind: 'api-token', value: xAuthToken };
  if (isEventStream && typeof request.query.access_token === 'string') {
    return { kind: 'session', value: request.query.access_token };
  }
  return null;
}
