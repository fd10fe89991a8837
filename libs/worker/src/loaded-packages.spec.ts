import { describe, expect, it } from 'vitest';
import { PackageError, type LoadedPackage } from '@judge/problem-package';
import { LoadedPackages } from './loaded-packages';
import { PackageUnavailableError, type PackageSource } from './package-source';

/** Packages as plain objects that remember being disposed; the loader is told the zip path. */
function fakes(
  options: { failSource?: (hash: string) => Error | null; failLoad?: (zip: string) => Error | null } = {},
) {
  const fetched: string[] = [];
  const disposed: string[] = [];
  const source: PackageSource = {
    get: (hash) => {
      fetched.push(hash);
      const error = options.failSource?.(hash);
      return error ? Promise.reject(error) : Promise.resolve(`/cache/${hash}.zip`);
    },
  };
  const loadPackage = (zip: string) => {
    const error = options.failLoad?.(zip);
    if (error) return Promise.reject(error);
    return Promise.resolve({
      root: zip,
      dispose: () => {
        disposed.push(zip.slice('/cache/'.length, -'.zip'.length));
        return Promise.resolve();
      },
    } as unknown as LoadedPackage);
  };
  return { fetched, disposed, source, loadPackage };
}

describe('loaded packages', () => {
  it('loads a package once, however many jobs ask for it at once', async () => {
    const f = fakes();
    const packages = new LoadedPackages(f.source, { loadPackage: f.loadPackage });
    const leases = await Promise.all([packages.acquire('h1'), packages.acquire('h1'), packages.acquire('h1')]);
    expect(new Set(leases.map((l) => l.problem)).size).toBe(1);
    expect(f.fetched).toEqual(['h1']);
    for (const lease of leases) await lease.release();
    expect(f.disposed).toEqual([]);
  });

  it('disposes the least recently used package past its bound', async () => {
    const f = fakes();
    const packages = new LoadedPackages(f.source, { loadPackage: f.loadPackage, maxPackages: 2 });
    for (const hash of ['h1', 'h2', 'h1', 'h3']) await (await packages.acquire(hash)).release();
    // h1 was used after h2, so h2 goes.
    expect(f.disposed).toEqual(['h2']);
    expect(packages.size).toBe(2);
    await (await packages.acquire('h1')).release();
    expect(f.fetched).toEqual(['h1', 'h2', 'h3']);
  });

  it('disposes an evicted package only when its last judgement releases it', async () => {
    const f = fakes();
    const packages = new LoadedPackages(f.source, { loadPackage: f.loadPackage, maxPackages: 1 });
    const busy = await packages.acquire('h1');
    const other = await packages.acquire('h2');
    expect(f.disposed).toEqual([]);
    await busy.release();
    await busy.release(); // a second release changes nothing
    expect(f.disposed).toEqual(['h1']);
    await other.release();
    await packages.close();
    expect(f.disposed).toEqual(['h1', 'h2']);
  });

  it('does not keep a package it could not fetch, and tells that a retry may help', async () => {
    let down = true;
    const f = fakes({ failSource: () => (down ? new Error('connect ECONNREFUSED') : null) });
    const packages = new LoadedPackages(f.source, { loadPackage: f.loadPackage });
    const error = await packages.acquire('h1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageUnavailableError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    down = false;
    await (await packages.acquire('h1')).release();
    expect(f.fetched).toEqual(['h1', 'h1']);
  });

  it('passes on the loader error of a broken package, which no retry fixes', async () => {
    const f = fakes({ failLoad: () => new PackageError('PROBLEM_YAML_MISSING', 'problem.yaml: missing') });
    const packages = new LoadedPackages(f.source, { loadPackage: f.loadPackage });
    await expect(packages.acquire('h1')).rejects.toBeInstanceOf(PackageError);
    expect(packages.size).toBe(0);
  });
});
