import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LOCKDOWN_ADDRESS,
  LOCKDOWN_TOKEN,
  SESSION_REPLACED,
  type LockdownRefusalDetails,
  type Role,
} from '@judge/contract';
import { AuditLog } from '../audit/audit-log.service';
import { AppError } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { addressAllowed } from './networks';

/** A locked contest or exam that holds a user now. */
export interface ActiveLock {
  kind: 'contest' | 'exam';
  id: string;
  /** The exam's course (null for a contest). */
  courseId: string | null;
  title: string;
  /** Empty: any address. */
  allowedNetworks: string[];
  oneSession: boolean;
}

/** Whom a lock is checked for: the account, and its name and role for the audit log. */
export interface LockedUser {
  id: string;
  username: string;
  role: Role;
}

/** What a refusal refused: a log-in, a request with a session, or a request with an API token. */
export type RefusedWhat = 'login' | 'request' | 'api-token';

/** A refused request is recorded once per user, address, lock and kind in this window (a polling page repeats). */
const REQUEST_REFUSAL_RECORD_MS = 60_000;
const REFUSALS_REMEMBERED = 10_000;

/** Staff (setters and admins) run contests and courses: never locked out of them. */
const exempt = (role: Role): boolean => role === 'admin' || role === 'setter';

export function sessionReplaced(): AppError {
  return new AppError(
    401,
    SESSION_REPLACED,
    'this session was ended by a newer log-in to the same account: while its locked contest or exam runs, an ' +
      'account keeps only its latest session',
  );
}

/**
 * Lock-down of contests and exams (docs/contests.md, docs/courses.md, "Lock-down"). While a locked contest runs, or
 * a locked exam is open for a student (from its opening to the end of that student's own time), its participants may
 * log in and use the API only from its allowed networks; with `oneSession`, each log-in ends the account's earlier
 * sessions. Staff and the course's teachers are never locked. Refusals and ended sessions go to the audit log.
 */
@Injectable()
export class LockdownService {
  /** When a refused request was last recorded, by user, address, lock and kind: keeps the audit log readable. */
  private readonly recorded = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'JWT_TTL_SECONDS'>,
  ) {}

  /** The locked contests and exams that hold this user at `now`; none for staff. */
  async activeLocks(user: { id: string; role: Role }, now = new Date()): Promise<ActiveLock[]> {
    if (exempt(user.role)) return [];
    // Only locked rows are in the partial indexes (migration 1764802200000), so this stays cheap per request.
    const rows = await this.dataSource.query<
      {
        kind: 'contest' | 'exam';
        id: string;
        course_id: string | null;
        title: string;
        allowed_networks: string[];
        one_session: boolean;
      }[]
    >(
      `SELECT 'contest' AS kind, c.id, NULL::uuid AS course_id, c.title, c.allowed_networks, c.one_session
         FROM contests c
        WHERE (cardinality(c.allowed_networks) > 0 OR c.one_session)
          AND c.starts_at <= $2 AND $2 < c.ends_at
          AND EXISTS (SELECT 1 FROM contest_participants p WHERE p.contest_id = c.id AND p.user_id = $1)
       UNION ALL
       SELECT 'exam', a.id, a.course_id, a.title, a.allowed_networks, a.one_session
         FROM assignments a
         JOIN course_members m ON m.course_id = a.course_id AND m.user_id = $1 AND m.role = 'student'
         LEFT JOIN assignment_extensions e ON e.assignment_id = a.id AND e.user_id = $1
         LEFT JOIN exam_starts s ON s.assignment_id = a.id AND s.user_id = $1
        WHERE a.kind = 'exam' AND (cardinality(a.allowed_networks) > 0 OR a.one_session)
          AND a.opens_at <= $2 AND $2 < coalesce(e.deadline, a.deadline)
          AND (s.started_at IS NULL OR $2 < s.started_at + a.duration_minutes * interval '1 minute')`,
      [user.id, now],
    );
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      courseId: r.course_id,
      title: r.title,
      allowedNetworks: r.allowed_networks,
      oneSession: r.one_session,
    }));
  }

  /**
   * A log-in: refused (and recorded) from outside a lock's networks. Otherwise the generation the new session is
   * issued in: under a one-session lock a new one, which ends every earlier session of the account.
   */
  async admitLogin(user: LockedUser, address: string): Promise<number> {
    const locks = await this.activeLocks(user);
    await this.refuseOutside(user, address, locks, 'login', null);
    const single = locks.find((l) => l.oneSession);
    if (!single) {
      const [rows] = await this.dataSource.query<[{ session_generation: number }[], number]>(
        'UPDATE users SET session_issued_at = now() WHERE id = $1 RETURNING session_generation',
        [user.id],
      );
      return rows[0]?.session_generation ?? 0;
    }
    // One statement: two log-ins at once on two API processes each get their own generation, the later one wins.
    const [rows] = await this.dataSource.query<[{ session_generation: number; before: Date | null }[], number]>(
      `UPDATE users u SET session_generation = u.session_generation + 1, session_issued_at = now()
         FROM (SELECT id, session_issued_at AS before FROM users WHERE id = $1 FOR UPDATE) o
        WHERE u.id = o.id RETURNING u.session_generation, o.before`,
      [user.id],
    );
    const row = rows[0];
    const before = row?.before ? new Date(row.before) : null;
    // An earlier session may still be alive only if it was issued within a token's lifetime.
    if (before && Date.now() - before.getTime() < this.config.JWT_TTL_SECONDS * 1000) {
      await this.audit.record({
        actor: { ...user, address },
        action: 'lockdown.session-replaced',
        target: targetOf(single),
        details: { ...lockDetails(single), previousSessionIssuedAt: before },
      });
    }
    return row?.session_generation ?? 0;
  }

  /**
   * A request with a session or an API token: refused (and recorded) from outside a lock's networks; an API token is
   * refused too under a one-session lock, as a way in that a log-in cannot end. Without `request` the refusal is
   * not recorded (a public route, which then answers as to anyone).
   */
  async admitRequest(
    user: LockedUser,
    address: string | null,
    viaToken: boolean,
    request: { method: string; path: string } | null,
  ): Promise<void> {
    const locks = await this.activeLocks(user);
    if (locks.length === 0) return;
    const what: RefusedWhat = viaToken ? 'api-token' : 'request';
    await this.refuseOutside(user, address, locks, what, request);
    const single = locks.find((l) => l.oneSession);
    if (viaToken && single) {
      if (request) await this.record(user, address, single, what, request);
      throw new AppError(
        403,
        LOCKDOWN_TOKEN,
        `${describe(single)} allows one session per account while it runs: API tokens are refused until it ends`,
        refusalDetails(single, address),
      );
    }
  }

  private async refuseOutside(
    user: LockedUser,
    address: string | null,
    locks: ActiveLock[],
    what: RefusedWhat,
    request: { method: string; path: string } | null,
  ): Promise<void> {
    const lock = locks.find((l) => l.allowedNetworks.length > 0 && !addressAllowed(address, l.allowedNetworks));
    if (!lock) return;
    if (what === 'login' || request) await this.record(user, address, lock, what, request);
    throw new AppError(
      403,
      LOCKDOWN_ADDRESS,
      `${describe(lock)} is locked down: this address (${address ?? 'unknown'}) is not allowed to use the judge ` +
        'while it runs; use a computer in the allowed network',
      refusalDetails(lock, address),
    );
  }

  private async record(
    user: LockedUser,
    address: string | null,
    lock: ActiveLock,
    what: RefusedWhat,
    request: { method: string; path: string } | null,
  ): Promise<void> {
    // Every refused log-in is recorded (the login throttle bounds them); repeated refused requests once a minute.
    if (what !== 'login') {
      const key = `${user.id} ${address ?? ''} ${lock.id} ${what}`;
      const now = Date.now();
      const last = this.recorded.get(key);
      if (last !== undefined && now - last < REQUEST_REFUSAL_RECORD_MS) return;
      if (this.recorded.size >= REFUSALS_REMEMBERED) this.recorded.clear();
      this.recorded.set(key, now);
    }
    await this.audit.record({
      actor: { ...user, address },
      action: 'lockdown.refused',
      target: targetOf(lock),
      details: {
        ...lockDetails(lock),
        refused: what,
        ...(request ? { request: `${request.method} ${request.path}` } : {}),
      },
    });
  }
}

function describe(lock: ActiveLock): string {
  return `${lock.kind === 'contest' ? 'the contest' : 'the exam'} "${lock.title}"`;
}

function targetOf(lock: ActiveLock): { type: 'contest' | 'assignment'; id: string } {
  return { type: lock.kind === 'contest' ? 'contest' : 'assignment', id: lock.id };
}

function lockDetails(lock: ActiveLock): Record<string, unknown> {
  return { kind: lock.kind, title: lock.title, ...(lock.courseId ? { courseId: lock.courseId } : {}) };
}

function refusalDetails(lock: ActiveLock, address: string | null): Record<string, unknown> {
  const details: LockdownRefusalDetails = {
    kind: lock.kind,
    id: lock.id,
    ...(lock.courseId ? { courseId: lock.courseId } : {}),
    title: lock.title,
    address: address ?? 'unknown',
  };
  return { ...details };
}
