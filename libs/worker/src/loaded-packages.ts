import { loadProblemPackage, type LoadedPackage, type LoadOptions } from '@judge/problem-package';
import { PackageUnavailableError, type PackageSource } from './package-source';

/** A loaded package lent to one judgement; release it when the judgement is over. */
export interface PackageLease {
  problem: LoadedPackage;
  release(): Promise<void>;
}

export interface LoadedPackagesOptions {
  /** Packages kept extracted and parsed between jobs (default 8); those in use are never disposed. */
  maxPackages?: number;
  load?: LoadOptions;
  /** A package whose temporary folder could not be removed: worth a log line, not a failed job. */
  onDisposeError?: (error: Error) => void;
  /** Replaces loadProblemPackage in tests. */
  loadPackage?: (zipPath: string, options: LoadOptions) => Promise<LoadedPackage>;
}

interface Entry {
  loading: Promise<LoadedPackage>;
  users: number;
  /** Out of the cache: disposed when its last user releases it. */
  evicted: boolean;
}

/**
 * Problem packages loaded once per content hash and kept for the next jobs of the same problem: extracting and
 * parsing a package costs more than judging a short submission. The least recently used unused ones go first.
 */
export class LoadedPackages {
  // A Map keeps insertion order: taking an entry moves it to the end, so the first one is the least recently used.
  private readonly entries = new Map<string, Entry>();
  private readonly maxPackages: number;

  constructor(
    private readonly source: PackageSource,
    private readonly options: LoadedPackagesOptions = {},
  ) {
    this.maxPackages = options.maxPackages ?? 8;
  }

  /**
   * Lends the package of `hash`. Rejects with PackageUnavailableError when the source cannot give it (worth a
   * retry), and with the loader's PackageError when the package itself is broken (not worth one).
   */
  async acquire(hash: string): Promise<PackageLease> {
    let entry = this.entries.get(hash);
    if (entry) this.entries.delete(hash);
    else entry = { loading: this.load(hash), users: 0, evicted: false };
    this.entries.set(hash, entry);
    entry.users++;
    let problem: LoadedPackage;
    try {
      problem = await entry.loading;
    } catch (error) {
      entry.users--;
      // A failed load is not kept: the next job tries again.
      if (this.entries.get(hash) === entry) this.entries.delete(hash);
      throw error;
    }
    this.evictOverflow();
    const lease = entry;
    let released = false;
    return {
      problem,
      release: async () => {
        if (released) return;
        released = true;
        lease.users--;
        if (lease.evicted && lease.users === 0) await this.dispose(problem);
      },
    };
  }

  /** Packages held now, for tests and operators. */
  get size(): number {
    return this.entries.size;
  }

  /** Disposes every package not in use; those in use are disposed when released. */
  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.evict(entry)));
  }

  private async load(hash: string): Promise<LoadedPackage> {
    let zip: string;
    try {
      zip = await this.source.get(hash);
    } catch (error) {
      if (error instanceof PackageUnavailableError) throw error;
      throw new PackageUnavailableError(hash, (error as Error).message, { cause: error });
    }
    return (this.options.loadPackage ?? loadProblemPackage)(zip, this.options.load ?? {});
  }

  private evictOverflow(): void {
    for (const [hash, entry] of this.entries) {
      if (this.entries.size <= this.maxPackages) return;
      this.entries.delete(hash);
      void this.evict(entry);
    }
  }

  private async evict(entry: Entry): Promise<void> {
    entry.evicted = true;
    if (entry.users > 0) return;
    const problem = await entry.loading.catch(() => null);
    if (problem) await this.dispose(problem);
  }

  private async dispose(problem: LoadedPackage): Promise<void> {
    try {
      await problem.dispose();
    } catch (error) {
      this.options.onDisposeError?.(error as Error);
    }
  }
}
