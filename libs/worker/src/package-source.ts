/**
 * Where a runner gets problem packages: a zip on local disk for a content hash. A standalone runner downloads
 * them from the API (HttpPackageSource); the API's own runner reads its package store directly.
 */
export interface PackageSource {
  /** The path of a local zip whose sha256 is `hash`; rejects when it cannot be had now (a retry may succeed). */
  get(hash: string): Promise<string>;
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
