import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cgroupMounts, ownCgroups, readKeyed, readNumber, readPids, type CgroupUsage } from '../cgroup-files';

/**
 * A box container's cgroup, read on the host (the daemon is local): the Engine API's stats cannot be reset
 * between runs and take a second per sample on cgroup v1. Runs in a box never overlap and the container's
 * init holds nothing, so the group's deltas over a run are the run's. Found through the init's
 * /proc/<pid>/cgroup, which works for both cgroup drivers (cgroupfs, systemd) and both kernel interfaces.
 */
export interface ContainerCgroup {
  readonly version: 1 | 2;
  /** Starts the accounting of a run: CPU time and OOM kills count from here, the peak is reset. */
  startRun(): void;
  /** Since startRun: CPU time, peak memory, OOM kills, processes refused at the limit. */
  usage(): CgroupUsage;
  /** Host pids of every process in the container. */
  pids(): number[];
  /**
   * Tasks the pids controller still charges to the container: exited processes count until their parent
   * reaps them, and they leave `cgroup.procs` before that.
   */
  charged(): number;
  /**
   * The cgroup.procs file of the container's group in every hierarchy mounted here: a process written to each
   * is limited and counted as the container's own (judge-enter joins them).
   */
  readonly procsFiles: string[];
}

// A kernel without the file counts nothing.
const counted = (path: string, key: string) => readKeyed(path, key) ?? 0;

class V1ContainerCgroup implements ContainerCgroup {
  readonly version = 1;
  private cpuBase = 0;
  private oomBase = 0;
  private pidsBase = 0;

  constructor(
    private readonly dirs: { memory: string; cpuacct: string; pids: string },
    readonly procsFiles: string[],
  ) {}

  startRun(): void {
    // Writing 0 sets the peak to the current usage.
    writeFileSync(join(this.dirs.memory, 'memory.max_usage_in_bytes'), '0');
    this.cpuBase = readNumber(join(this.dirs.cpuacct, 'cpuacct.usage'));
    this.oomBase = counted(join(this.dirs.memory, 'memory.oom_control'), 'oom_kill');
    this.pidsBase = counted(join(this.dirs.pids, 'pids.events'), 'max');
  }

  usage(): CgroupUsage {
    return {
      cpuTimeNs: readNumber(join(this.dirs.cpuacct, 'cpuacct.usage')) - this.cpuBase,
      memoryPeakBytes: readNumber(join(this.dirs.memory, 'memory.max_usage_in_bytes')),
      oomKills: counted(join(this.dirs.memory, 'memory.oom_control'), 'oom_kill') - this.oomBase,
      processLimitHits: counted(join(this.dirs.pids, 'pids.events'), 'max') - this.pidsBase,
    };
  }

  pids(): number[] {
    return [
      ...new Set([
        ...readPids(join(this.dirs.pids, 'cgroup.procs')),
        ...readPids(join(this.dirs.memory, 'cgroup.procs')),
      ]),
    ];
  }

  charged(): number {
    return readNumber(join(this.dirs.pids, 'pids.current'));
  }
}

class V2ContainerCgroup implements ContainerCgroup {
  readonly version = 2;
  private cpuBase = 0;
  private oomBase = 0;
  private pidsBase = 0;
  private peakBase = 0;
  private sampled = 0;
  private readonly hasPeak: boolean;

  constructor(
    private readonly dir: string,
    readonly procsFiles: string[],
  ) {
    this.hasPeak = existsSync(join(dir, 'memory.peak'));
  }

  private cpuNs(): number {
    return counted(join(this.dir, 'cpu.stat'), 'usage_usec') * 1000;
  }

  startRun(): void {
    this.cpuBase = this.cpuNs();
    this.oomBase = counted(join(this.dir, 'memory.events'), 'oom_kill');
    this.pidsBase = counted(join(this.dir, 'pids.events'), 'max');
    this.peakBase = this.hasPeak ? readNumber(join(this.dir, 'memory.peak')) : 0;
    this.sampled = 0;
  }

  usage(): CgroupUsage {
    // memory.peak covers the container's whole life and cannot be reset on most kernels: when it rose during
    // this run, it is this run's peak; otherwise the run stayed below an earlier peak, and the usage sampled
    // while it ran (the engine polls at least every 100 ms) is the best we know.
    this.sampled = Math.max(this.sampled, readNumber(join(this.dir, 'memory.current')));
    let peak = this.sampled;
    if (this.hasPeak) {
      const lifetime = readNumber(join(this.dir, 'memory.peak'));
      if (lifetime > this.peakBase) peak = Math.max(peak, lifetime);
    }
    return {
      cpuTimeNs: this.cpuNs() - this.cpuBase,
      memoryPeakBytes: peak,
      oomKills: counted(join(this.dir, 'memory.events'), 'oom_kill') - this.oomBase,
      processLimitHits: counted(join(this.dir, 'pids.events'), 'max') - this.pidsBase,
    };
  }

  pids(): number[] {
    return readPids(join(this.dir, 'cgroup.procs'));
  }

  charged(): number {
    return readNumber(join(this.dir, 'pids.current'));
  }
}

/** The cgroup of the container whose init has this host pid. */
export function containerCgroup(initPid: number): ContainerCgroup {
  if (!existsSync(`/proc/${initPid}`))
    throw new Error(
      `container process ${initPid} is not visible here: a runner in a container needs the host's pid namespace (pid: host)`,
    );
  const own = ownCgroups(`/proc/${initPid}/cgroup`);
  const mounts = cgroupMounts();
  const unified = mounts.find((m) => m.fsType === 'cgroup2');
  const v1 = (controller: string): string | null => {
    const mount = mounts.find((m) => m.fsType === 'cgroup' && m.options.includes(controller));
    const path = own.get(controller);
    return mount && path !== undefined ? join(mount.mountPoint, path) : null;
  };
  const memory = v1('memory');
  const cpuacct = v1('cpuacct');
  const pids = v1('pids');
  // Where the init is, in every hierarchy (a named one, such as name=systemd, too), as runc places an exec.
  const procsFiles = new Set<string>();
  for (const mount of mounts) {
    const key = mount.fsType === 'cgroup2' ? '' : mount.options.find((option) => option !== '' && own.has(option));
    const path = key === undefined ? undefined : own.get(key);
    const file = path === undefined ? null : join(mount.mountPoint, path, 'cgroup.procs');
    if (file && existsSync(file)) procsFiles.add(file);
  }
  if (memory && cpuacct && pids) return new V1ContainerCgroup({ memory, cpuacct, pids }, [...procsFiles]);
  const path = own.get('');
  if (unified && path !== undefined && existsSync(join(unified.mountPoint, path, 'memory.current'))) {
    return new V2ContainerCgroup(join(unified.mountPoint, path), [...procsFiles]);
  }
  throw new Error(
    `cannot find the cgroup of container process ${initPid}: the docker engine needs a local daemon and cgroup v2, or v1 with memory, pids and cpuacct`,
  );
}
