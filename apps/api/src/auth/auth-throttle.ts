import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';

/*
 * Throttles of login and registration, per user name and per address. The counting is rate-limiter-flexible's:
 * atomic counters with a fixed window, in one of several stores behind one interface (RateLimiterAbstract), so
 * the store is a choice made in one place (CounterStore): PostgreSQL, shared by every API instance on one
 * database; memory, for unit tests; Redis, when the API scales out on it.
 */

/** One kind of attempt counted per key: at most `points` in `windowSeconds` (a fixed window from the first). */
export interface ThrottleRule {
  /** Also the prefix of the rule's keys in the store. */
  name: string;
  points: number;
  windowSeconds: number;
}

/** Makes the counter of a rule in the chosen store. */
export type CounterStore = (rule: ThrottleRule) => RateLimiterAbstract;

/** Counters in this process's memory (tests; a single instance). */
export const memoryStore: CounterStore = (rule) =>
  new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.windowSeconds });

/** Counters in PostgreSQL, table `auth_throttles` (migration 1764800500000): every API instance sees the same counts. */
export function postgresStore(dataSource: DataSource): CounterStore {
  return (rule) =>
    new RateLimiterPostgres({
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: 'auth_throttles',
      tableCreated: true,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.windowSeconds,
    });
}

/**
 * Counters in Redis (with REDIS_URL: several API processes), under `<prefix>:throttle:`. Should Redis fail, each
 * process counts in its memory meanwhile (the insurance limiter) rather than refuse every login.
 */
export function redisStore(client: Redis, prefix: string): CounterStore {
  return (rule) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${prefix}:throttle:${rule.name}`,
      points: rule.points,
      duration: rule.windowSeconds,
      insuranceLimiter: memoryStore(rule),
    });
}

/** Where a deployment counts: Redis when it has one, else its PostgreSQL. */
export function throttleStore(redis: Redis | null, prefix: string, dataSource: DataSource): CounterStore {
  return redis ? redisStore(redis, prefix) : postgresStore(dataSource);
}

export interface AuthThrottleLimits {
  /** Failed logins for one user name (from anywhere) in the window. */
  loginFailuresPerName: number;
  /** Failed logins from one address (any names) in the window. */
  loginFailuresPerAddress: number;
  loginWindowSeconds: number;
  /** Registrations tried from one address in an hour. */
  registrationsPerAddress: number;
}

/** Registration attempts for one name in an hour: a name is taken once; trying it again and again probes names. */
const REGISTRATIONS_PER_NAME = 5;
const HOUR = 3600;

/** The answer when a throttle is spent: 429 with a stable code, and when to try again (Retry-After). */
export class TooManyAttempts extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /**
     * The rules (ThrottleRule.name) this attempt was the first to go over in their window: a throttle that trips,
     * recorded once in the audit log, not once per refused attempt after it.
     */
    readonly tripped: readonly string[] = [],
  ) {
    super(429, 'TOO_MANY_ATTEMPTS', message);
  }
}

export class AuthThrottle {
  private readonly failuresPerName: RateLimiterAbstract;
  private readonly failuresPerAddress: RateLimiterAbstract;
  private readonly registrationsPerAddress: RateLimiterAbstract;
  private readonly registrationsPerName: RateLimiterAbstract;

  constructor(store: CounterStore, limits: AuthThrottleLimits) {
    const window = limits.loginWindowSeconds;
    this.failuresPerName = store({ name: 'login-name', points: limits.loginFailuresPerName, windowSeconds: window });
    this.failuresPerAddress = store({
      name: 'login-address',
      points: limits.loginFailuresPerAddress,
      windowSeconds: window,
    });
    this.registrationsPerAddress = store({
      name: 'register-address',
      points: limits.registrationsPerAddress,
      windowSeconds: HOUR,
    });
    this.registrationsPerName = store({ name: 'register-name', points: REGISTRATIONS_PER_NAME, windowSeconds: HOUR });
  }

  /**
   * A login attempt, counted as a failure before the password is checked: parallel attempts cannot slip past the
   * count, and `loginSucceeded` gives the point back. Throws TooManyAttempts once the name or the address has
   * failed too often, whatever the password: guessing stops until the window ends.
   */
  async loginAttempt(username: string, address: string): Promise<void> {
    await spend(
      [
        [this.failuresPerName, nameKey(username)],
        [this.failuresPerAddress, address],
      ],
      'too many failed logins; try again later',
    );
  }

  /**
   * The right password: the name's failures are forgotten, and the address gets this attempt back (never more
   * than it spent, so that logging in to an account of one's own buys no extra guesses at others).
   */
  async loginSucceeded(username: string, address: string): Promise<void> {
    await this.failuresPerName.delete(nameKey(username));
    const spent = await this.failuresPerAddress.get(address);
    if (spent && spent.consumedPoints > 0) await this.failuresPerAddress.reward(address, 1);
  }

  /** A registration attempt, counted per address and per name whatever its outcome. */
  async registrationAttempt(username: string, address: string): Promise<void> {
    await spend(
      [
        [this.registrationsPerAddress, address],
        [this.registrationsPerName, nameKey(username)],
      ],
      'too many registrations; try again later',
    );
  }
}

/** Names are matched as typed, but counted without case, so that Alice and alice share a count. */
const nameKey = (username: string) => username.toLowerCase();

/** Spends a point of each counter; throws when any is spent, with the longest wait among them. */
async function spend(counters: [RateLimiterAbstract, string][], message: string): Promise<void> {
  const results = await Promise.allSettled(counters.map(([counter, key]) => counter.consume(key)));
  let waitMs = -1;
  const tripped: string[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    // consume() rejects with the counter's state when it is spent, or with the store's error.
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    // Counts are atomic: exactly one attempt sees the first point over the limit.
    const counter = counters[i][0];
    if (result.reason.consumedPoints === counter.points + 1) tripped.push(counter.keyPrefix);
  });
  if (waitMs >= 0) throw new TooManyAttempts(message, Math.max(1, Math.ceil(waitMs / 1000)), tripped);
}
