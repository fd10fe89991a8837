export interface UntilStoredOptions {
  /** Results waiting for the database at once; beyond it a result is left to the sweep (default 1000). */
  maxPending?: number;
  /** Wait before the first retry, doubled for each further one (default 500 ms). */
  firstDelayMs?: number;
  /** Longest wait between two tries (default 10 s). */
  maxDelayMs?: number;
  log?: (message: string) => void;
}

/** Node's codes for a server that cannot be reached, and PostgreSQL's for one that is not taking queries now. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// Class 08: connection exceptions; 57P01-57P03: shut down by an administrator, crashed, starting up.
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[1-3])$/;
// node-postgres says so in words only, with no code.
const MESSAGE_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

/**
 * Whether an error says the database did not answer (down, restarting, unreachable), as opposed to an answer
 * that refuses the query: only the first is worth trying again. TypeORM wraps the driver's error, and keeps
 * its code, in `driverError`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE.has(code) || SQLSTATE_UNAVAILABLE.test(code))) return true;
    if (MESSAGE_UNAVAILABLE.test(e.message)) return true;
    e = (e as { driverError?: unknown }).driverError ?? e.cause;
  }
  return false;
}

/**
 * Tries storing a result again, with a growing wait, for as long as the database does not answer. Memory is
 * bounded: past `maxPending` waiting results a new one is not kept, and its error goes back to the caller. That
 * loses nothing: the queue keeps a finished job's result (in Redis, or in the in-process queue's history) and
 * the recovery sweep stores it once the database is back. Errors other than an unreachable database are the
 * caller's at once.
 */
export class UntilStored {
  private readonly maxPending: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly log: (message: string) => void;
  private readonly wakers = new Set<() => void>();
  private waiting = 0;
  private closed = false;

  constructor(options: UntilStoredOptions = {}) {
    this.maxPending = options.maxPending ?? 1000;
    this.firstDelayMs = options.firstDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Results waiting for the database now. */
  get pending(): number {
    return this.waiting;
  }

  /** Runs `store` until it resolves; `what` names the result in the log. */
  async run<T>(what: string, store: () => Promise<T>): Promise<T> {
    let counted = false;
    try {
      for (let retry = 0; ; retry++) {
        try {
          return await store();
        } catch (error) {
          if (this.closed || !isDatabaseUnavailable(error)) throw error;
          if (!counted) {
            if (this.waiting >= this.maxPending) {
              this.log(
                `${what}: the database does not answer and ${this.waiting} results wait already; left to the sweep`,
              );
              throw error;
            }
            this.waiting++;
            counted = true;
            this.log(`${what}: the database does not answer; trying again until it does`);
          }
          await this.sleep(Math.min(this.firstDelayMs * 2 ** Math.min(retry, 20), this.maxDelayMs));
        }
      }
    } finally {
      if (counted) this.waiting--;
    }
  }

  /** Stops waiting: each result still waiting is tried once more and then, if it fails, given up. */
  close(): void {
    this.closed = true;
    for (const wake of this.wakers) wake();
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
