import { readFileSync } from 'node:fs';

/**
 * Reading the kernel's cgroup interface files, for both engines: the namespace engine's run groups and the
 * docker engine's box containers.
 */

/** Accounting read from a run's cgroup after (or while) it runs. */
export interface CgroupUsage {
  cpuTimeNs: number;
  /** Peak memory of the group, or the current usage when the kernel keeps no peak. */
  memoryPeakBytes: number;
  /** Processes the kernel's OOM killer killed in this group. */
  oomKills: number;
  /** New processes or threads the pids controller refused at the group's limit (pids.events `max`). */
  processLimitHits: number;
}

// Interface files are read and written synchronously: each call takes microseconds in the kernel, far less
// than a trip through libuv's thread pool, and these calls sit on the path of every run.
export function readNumber(path: string): number {
  return Number(readFileSync(path, 'utf8').trim());
}

/** A `key value` line of an interface file (cpu.stat, memory.events...); null when the file or key is missing. */
export function readKeyed(path: string, key: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [k, v] = line.split(/\s+/);
    if (k === key) return Number(v);
  }
  return null;
}

export function readPids(procsFile: string): number[] {
  try {
    return readFileSync(procsFile, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map(Number);
  } catch {
    return [];
  }
}

/** The cgroup this process lives in, per hierarchy ('' is the v2 unified one), from /proc/self/cgroup. */
export function ownCgroups(procSelfCgroup = '/proc/self/cgroup'): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(procSelfCgroup, 'utf8').split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    for (const controller of m[1].split(',')) map.set(controller, m[2]);
  }
  return map;
}

interface MountInfo {
  fsType: string;
  mountPoint: string;
  options: string[];
}

export function cgroupMounts(procMounts = '/proc/mounts'): MountInfo[] {
  return readFileSync(procMounts, 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 4 && (f[2] === 'cgroup' || f[2] === 'cgroup2'))
    .map((f) => ({ fsType: f[2], mountPoint: f[1], options: f[3].split(',') }));
}

/** A group's usage, or nothing counted when its files cannot be read (the group is already gone). */
export function usageOrNothing(read: () => CgroupUsage): CgroupUsage {
  try {
    return read();
  } catch {
    return { cpuTimeNs: 0, memoryPeakBytes: 0, oomKills: 0, processLimitHits: 0 };
  }
}
