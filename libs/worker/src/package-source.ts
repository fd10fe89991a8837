import type { DerivedTimeLimitOffer, StoredTimeLimit } from '@judge/contract';

/**
 * Where a runner gets problem packages: a zip on local disk for a content hash. A standalone runner downloads
 * them from the API (HttpPackageSource); the API's own runner reads its package store directly.
 */
export interface PackageSource {
  /** The path of a local zip whose sha256 is `hash`; rejects when it cannot be had now (a retry may succeed). */
  get(hash: string): Promise<string>;
}

/**
 * Time limits derived from packages' accepted submissions, kept by the API with the package versions, so that
 * every runner judges a version with one limit, measured once. A standalone runner reaches them over HTTP
 * (HttpPackageSource), the API's own runner in its database.
 */
export interface DerivedTimeLimitStore {
  /** The stored limit of the package; `timeLimitMs` is null when none is derived yet. */
  storedTimeLimit(hash: string): Promise<StoredTimeLimit>;
  /** Offers a limit measured here; resolves to the one kept, which is the first offer's. */
  offerTimeLimit(hash: string, offer: DerivedTimeLimitOffer): Promise<StoredTimeLimit>;
}

const PACKAGE_HASH = /^[0-9a-f]{64}$/;

/** A package hash is a lowercase hex sha256: checked before it becomes part of a path or a URL. */
export function isPackageHash(value: string): boolean {
  return PACKAGE_HASH.test(value);
}

/** The package could not be fetched: not the submission's fault nor the package's, so the job is retried. */
export class PackageUnavailableError extends Error {
  constructor(
    readonly hash: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`package ${hash}: ${message}`, options);
    this.name = 'PackageUnavailableError';
  }
}
