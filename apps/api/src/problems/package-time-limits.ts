import type { DataSource, EntityManager } from 'typeorm';
import type { DerivedTimeLimitOffer, StoredTimeLimit, TimeLimitOrigin } from '@judge/contract';
import { DEFAULT_TIME_LIMIT_MS } from '@judge/judge';
import type { ProblemVersionEntity } from '../database/entities';

const NONE: StoredTimeLimit = { timeLimitMs: null, derivedBy: null };

/** The time limit a version is judged with and shown with: the package's own, else the derived one, else null. */
export function timeLimitOf(version: Pick<ProblemVersionEntity, 'summary' | 'derivedTimeLimitMs'>): number | null {
  return version.summary.timeLimitMs ?? version.derivedTimeLimitMs ?? null;
}

/**
 * The time limit pages show, with where it comes from: the package's, else the derived one, else the judge's default
 * when the package has no accepted submissions to derive one from (nor a program to time), else null: still to be
 * derived by the first runner that judges a submission (versions stored before the summary said which count so).
 */
export function shownTimeLimit(version: Pick<ProblemVersionEntity, 'summary' | 'derivedTimeLimitMs'>): {
  timeLimitMs: number | null;
  timeLimitOrigin: TimeLimitOrigin;
} {
  if (version.summary.timeLimitMs !== null)
    return { timeLimitMs: version.summary.timeLimitMs, timeLimitOrigin: 'package' };
  if (version.derivedTimeLimitMs !== null)
    return { timeLimitMs: version.derivedTimeLimitMs, timeLimitOrigin: 'derived' };
  if (version.summary.derivesTimeLimit === false)
    return { timeLimitMs: DEFAULT_TIME_LIMIT_MS, timeLimitOrigin: 'default' };
  return { timeLimitMs: null, timeLimitOrigin: 'pending' };
}

/**
 * Derived time limits, kept with the package versions: runners know a package by its content hash, so the limit is
 * looked up and stored by hash (versions that share a package share its limit). The first offer is kept, and
 * every later one gets it back, so runners that measure at the same time still all judge with one limit.
 * Used by the runners' routes and by the API's in-process runner alike.
 */
export class PackageTimeLimits {
  constructor(private readonly dataSource: DataSource) {}

  /** The stored limit of a package; `timeLimitMs` is null when none is derived yet. Null for an unknown package. */
  async get(hash: string, manager: EntityManager = this.dataSource.manager): Promise<StoredTimeLimit | null> {
    const rows = await manager.query<{ ms: number | null; by: string | null }[]>(
      `SELECT derived_time_limit_ms AS ms, time_limit_derived_by AS by FROM problem_versions
        WHERE package_hash = $1 ORDER BY derived_time_limit_ms IS NULL, created_at LIMIT 1`,
      [hash],
    );
    if (rows.length === 0) return null;
    return rows[0].ms === null ? NONE : { timeLimitMs: rows[0].ms, derivedBy: rows[0].by };
  }

  /** Stores an offered limit unless one is stored; returns the one stored. Null for an unknown package. */
  async offer(hash: string, offer: DerivedTimeLimitOffer): Promise<StoredTimeLimit | null> {
    // Under READ COMMITTED a concurrent offer waits for this one's row locks, then finds the column set and
    // changes nothing: the first offer wins.
    await this.dataSource.query(
      `UPDATE problem_versions
          SET derived_time_limit_ms = $2, slowest_accepted_ms = $3, time_limit_derived_by = $4,
              time_limit_derived_at = now()
        WHERE package_hash = $1 AND derived_time_limit_ms IS NULL`,
      [hash, offer.timeLimitMs, offer.slowestAcceptedMs, offer.runnerId],
    );
    return this.get(hash);
  }

  /** What a new version of a package already measured starts with (the same zip uploaded again). */
  async inherited(
    hash: string,
    manager: EntityManager,
  ): Promise<Pick<ProblemVersionEntity, 'derivedTimeLimitMs' | 'slowestAcceptedMs' | 'timeLimitDerivedBy'>> {
    const rows = await manager.query<{ ms: number; slowest: number | null; by: string | null }[]>(
      `SELECT derived_time_limit_ms AS ms, slowest_accepted_ms AS slowest, time_limit_derived_by AS by
         FROM problem_versions WHERE package_hash = $1 AND derived_time_limit_ms IS NOT NULL LIMIT 1`,
      [hash],
    );
    const row = rows[0];
    return {
      derivedTimeLimitMs: row?.ms ?? null,
      slowestAcceptedMs: row?.slowest ?? null,
      timeLimitDerivedBy: row?.by ?? null,
    };
  }
}
