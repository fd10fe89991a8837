import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { API_TOKEN_PREFIX, type ApiTokenScope } from '@judge/contract';
import { addLogField } from '@judge/worker';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { LockdownService, sessionReplaced } from '../lockdown/lockdown.service';
import { AppError, forbidden, unauthorized } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UserEntity, type Role } from '../database/entities';
import { EXECUTION_API_KEY, PUBLIC_KEY, ROLES_KEY, SCOPE_KEY, type Caller } from './auth.decorators';

/** How the request proves who it is: a session (a signed JWT) or an API token. */
type Credential = { kind: 'session'; value: string } | { kind: 'api-token'; value: string };

/**
 * Every route needs a valid session or API token unless marked @Public; @Roles narrows it further, and an API
 * token reaches only the routes that declare its scope (@RequiresScope). The user is read again on every request,
 * so a disabled account or a changed role takes effect at once, for its tokens too. A locked contest's or exam's
 * participant is admitted only from its networks, and a session a newer log-in ended is refused (lockdown/).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly apiTokens: ApiTokensService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'EXECUTION_API_AUTH'>,
    private readonly lockdown: LockdownService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const scope = this.reflector.getAllAndOverride<ApiTokenScope | undefined>(SCOPE_KEY, targets);
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      query: Record<string, unknown>;
      caller?: Caller;
      ip?: string;
      method: string;
      path: string;
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
        const caller = await this.callerOf(credential, scope).catch(() => null);
        // A locked participant from outside the allowed networks is anyone here, without an audit row per poll.
        const admitted =
          caller &&
          (await this.lockdown.admitRequest(caller, request.ip ?? null, !!caller.token, null).then(
            () => true,
            () => false,
          ));
        request.caller = admitted ? caller : undefined;
        if (request.caller) addLogField('userId', request.caller.id);
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
    // The rest of the request's log lines name who asked.
    addLogField('userId', request.caller.id);
    // Lock-down (lockdown/): a locked contest's or exam's participant only from its networks. The path has no query,
    // so an event stream's access_token is never recorded.
    await this.lockdown.admitRequest(request.caller, request.ip ?? null, !!request.caller.token, {
      method: request.method,
      path: request.path,
    });
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && request.caller.role !== 'admin' && !roles.includes(request.caller.role))
      throw forbidden(`requires role ${roles.join(' or ')}`);
    return true;
  }

  private async callerOf(credential: Credential, scope: ApiTokenScope | undefined): Promise<Caller> {
    if (credential.kind === 'api-token') return this.tokenCaller(credential.value, scope);
    let payload: { sub: string; gen?: number };
    try {
      payload = await this.jwt.verifyAsync<{ sub: string; gen?: number }>(credential.value);
    } catch {
      throw unauthorized('invalid or expired token');
    }
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || user.disabled) throw unauthorized('account disabled or removed');
    // A log-in under a one-session lock raised the generation: sessions issued before it are over (lockdown/).
    if ((payload.gen ?? 0) < user.sessionGeneration) throw sessionReplaced();
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
 * `Authorization: Bearer <session or API token>`, or `Basic` with an API token as the password, else
 * `X-Auth-Token: <API token>` (Judge0's header), else on an event stream `?access_token=<session>`. API tokens are told apart by their prefix (jt_).
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
  // HTTP basic auth, as the CCS Contest API requires of its clients (the ICPC tools): the password is an API token,
  // never an account's password (which would bypass the login throttle); the user name is ignored.
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded.includes(':') && password.startsWith(API_TOKEN_PREFIX)) return { kind: 'api-token', value: password };
  }
  const xAuthToken = request.headers['x-auth-token']?.trim();
  if (xAuthToken) return { kind: 'api-token', value: xAuthToken };
  if (isEventStream && typeof request.query.access_token === 'string') {
    return { kind: 'session', value: request.query.access_token };
  }
  return null;
}
