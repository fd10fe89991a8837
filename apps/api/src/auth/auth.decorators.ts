import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { SCOPE_RUNS, type ApiTokenScope } from '@judge/contract';
import type { Role } from '../database/entities';

export const PUBLIC_KEY = 'judge:public';
export const ROLES_KEY = 'judge:roles';
export const SCOPE_KEY = 'judge:scope';
export const EXECUTION_API_KEY = 'judge:execution-api';

/** A route anyone may call without a token; with a valid one, the caller is known (else undefined). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A route only these roles may call (admins may call every route). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * A route an API token with this scope may call (docs/api.md, "API tokens"). A route without one takes a signed-in
 * session only: a token there is refused (403 SESSION_REQUIRED), so a new route is closed to tokens until it says so.
 */
export const RequiresScope = (scope: ApiTokenScope) => SetMetadata(SCOPE_KEY, scope);

/** The caller, as the auth guard found them. */
export interface Caller {
  id: string;
  username: string;
  role: Role;
  /** Set when the request came with an API token rather than a session: which token, and what it may do. */
  token?: { id: string; scopes: readonly ApiTokenScope[] };
}

/**
 * Setters and admins: they see everyone's submissions and every problem, and run contests. Not teachers: they see
 * their own courses' submissions and problems through the course (docs/security-model.md, "Roles").
 */
export const isStaff = (caller: Caller | undefined): boolean => caller?.role === 'admin' || caller?.role === 'setter';

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<{ caller: Caller }>();
  return request.caller;
});

/** The caller with the request's address (Express's `req.ip`: TRUST_PROXY applies), for the audit log. */
export type Actor = Caller & { address: string | null };

/** The caller of a signed-in route as an Actor: who acts, and from where. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ caller: Caller; ip?: string }>();
  return { ...request.caller, address: request.ip ?? null };
});

/** Who may create a course and be added as a co-teacher: teachers, setters and admins. */
export const canTeach = (role: Role | undefined): boolean =>
  role === 'teacher' || role === 'setter' || role === 'admin';

/**
 * A route of the execution faces (Judge0, Piston): an API token with the `runs` scope or a session, or no
 * credential at all under EXECUTION_API_AUTH=none (then the caller is only an address: RunCaller).
 */
export const ExecutionApi = () => applyDecorators(SetMetadata(EXECUTION_API_KEY, true), RequiresScope(SCOPE_RUNS));

/** Who makes or reads a run: a user (session or API token), or an address under EXECUTION_API_AUTH=none. */
export type RunOwner = { user: Caller } | { address: string };

/** The caller of a run route as a RunOwner; on an @ExecutionApi route without a credential, the request's address. */
export const RunCaller = createParamDecorator((_: unknown, context: ExecutionContext): RunOwner => {
  const request = context.switchToHttp().getRequest<{ caller?: Caller; ip?: string }>();
  return request.caller ? { user: request.caller } : { address: request.ip ?? 'unknown' };
});
