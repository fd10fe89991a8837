import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpuPool, formatCpuList, onlineCpus, parseCpuList } from './cpu-set';

describe('CPU lists', () => {
  it('reads the kernel notation into sorted CPUs without repeats', () => {
    expect(parseCpuList('0-1\n')).toEqual([0, 1]);
    expect(parseCpuList('5,0-2,2')).toEqual([0, 1, 2, 5]);
    expect(() => parseCpuList('')).toThrow(/not a CPU list/);
    expect(() => parseCpuList('2-1')).toThrow(/reversed range/);
    expect(() => parseCpuList('0-5000')).toThrow(/beyond/);
  });

  it('writes them back in the same notation', () => {
    expect(formatCpuList([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(formatCpuList([3])).toBe('3');
  });

  it('reads the online CPUs from the file the kernel keeps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpus-'));
    try {
      await writeFile(join(dir, 'online'), '0-3,8\n');
      expect(onlineCpus(join(dir, 'online'))).toEqual([0, 1, 2, 3, 8]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('CpuPool', () => {
  it('gives concurrent runs a CPU each while there are free ones', () => {
    const pool = new CpuPool([2, 3, 5]);
    const leases = [pool.acquire(), pool.acquire(), pool.acquire()];
    expect(leases.map((l) => l.cpu)).toEqual([2, 3, 5]);
    leases[1].release();
    // The freed CPU is the one the next run gets.
    expect(pool.acquire().cpu).toBe(3);
  });

  it('shares the least-held CPU rather than waiting when runs outnumber CPUs', () => {
    const pool = new CpuPool([0, 1]);
    const a = pool.acquire();
    const b = pool.acquire();
    const c = pool.acquire();
    expect([a.cpu, b.cpu, c.cpu]).toEqual([0, 1, 0]);
    a.release();
    c.release();
    expect(pool.load()).toEqual({ 0: 0, 1: 1 });
    expect(pool.acquire().cpu).toBe(0);
  });

  it('prefers the CPU asked for among the least held, and only among them', () => {
    const pool = new CpuPool([0, 1, 2]);
    expect(pool.pick(2)).toBe(2);
    const held = pool.acquire(1);
    expect(held.cpu).toBe(1);
    expect(pool.acquire(1).cpu).toBe(0);
  });

  it('counts a lease released twice once', () => {
    const pool = new CpuPool([0]);
    const lease = pool.acquire();
    lease.release();
    lease.release();
    expect(pool.load()).toEqual({ 0: 0 });
  });
});
