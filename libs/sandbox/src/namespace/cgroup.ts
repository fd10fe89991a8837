import { existsSync, mkdirSync, promises as fs, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, killPids } from '../processes';
import { cgroupMounts, ownCgroups, readKeyed, readNumber, readPids, type CgroupUsage } from '../cgroup-files';

// Moved to ../cgroup-files (the docker engine reads them too); still exported from here.
export { cgroupMounts, ownCgroups, readKeyed, readNumber, readPids, type CgroupUsage };

export interface RunCgroupLimits {
  memoryBytes: number;
  processes: number;
}

/** One run's cgroup (one per controller on v1, one folder on v2). */
export interface RunCgroup {
  /** The files a process writes "0" to in order to join the group itself (one per v1 hierarchy). */
  procsFiles(): string[];
  usage(): CgroupUsage;
  /** Pids still in the group. */
  pids(): number[];
  /** SIGKILL everything in the group once, without waiting. */
  signalAll(): void;
  /** SIGKILL everything in the group and wait until it is empty. */
  killAll(): Promise<void>;
  remove(): Promise<void>;
}

/** Creates per-run cgroups; the two kernel interfaces (v1, v2) are two implementations of this. */
export interface CgroupManager {
  readonly version: 1 | 2;
  create(name: string, limits: RunCgroupLimits): Promise<RunCgroup>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signalPids(procsFile: string): void {
  killPids(readPids(procsFile));
}

/** Kill until the group is empty; a fork racing with the kill shows up in the next pass. */
async function killLoop(procsFile: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const pids = readPids(procsFile);
    if (pids.length === 0) return;
    killPids(pids);
    await sleep(attempt < 10 ? 1 : 10);
  }
  throw new Error(`processes of ${procsFile} survive SIGKILL`);
}

/** rmdir of a cgroup fails with EBUSY for a moment after its last task exits. */
async function removeDir(path: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      rmdirSync(path);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= 200) throw error;
      await sleep(5);
    }
  }
}

/** Run groups left by a judge that died: empty ones are removed (rmdir refuses groups still holding tasks). */
async function removeStaleGroups(parent: string): Promise<void> {
  const entries = await fs.readdir(parent, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d+-\d+-\d+/.test(entry.name)) continue;
    const owner = Number(entry.name.split('-')[1]);
    // Another judge on this host may be about to use an empty group it just made.
    if (owner === process.pid || isAlive(owner)) continue;
    await fs.rmdir(join(parent, entry.name)).catch(() => undefined);
  }
}

// ---------------------------------------------------------------- v1

const V1_CONTROLLERS = ['memory', 'pids', 'cpuacct'] as const;
type V1Controller = (typeof V1_CONTROLLERS)[number];

class V1RunCgroup implements RunCgroup {
  constructor(private readonly dirs: Record<V1Controller, string>) {}

  procsFiles(): string[] {
    return V1_CONTROLLERS.map((c) => join(this.dirs[c], 'cgroup.procs'));
  }

  usage(): CgroupUsage {
    return {
      cpuTimeNs: readNumber(join(this.dirs.cpuacct, 'cpuacct.usage')),
      memoryPeakBytes: readNumber(join(this.dirs.memory, 'memory.max_usage_in_bytes')),
      oomKills: readKeyed(join(this.dirs.memory, 'memory.oom_control'), 'oom_kill') ?? 0,
      processLimitHits: readKeyed(join(this.dirs.pids, 'pids.events'), 'max') ?? 0,
    };
  }

  pids(): number[] {
    return readPids(join(this.dirs.pids, 'cgroup.procs'));
  }

  signalAll(): void {
    signalPids(join(this.dirs.pids, 'cgroup.procs'));
    signalPids(join(this.dirs.memory, 'cgroup.procs'));
  }

  async killAll(): Promise<void> {
    await killLoop(join(this.dirs.pids, 'cgroup.procs'));
    // A task joins the hierarchies one after another: look in memory too.
    await killLoop(join(this.dirs.memory, 'cgroup.procs'));
  }

  async remove(): Promise<void> {
    await Promise.all(V1_CONTROLLERS.map((c) => removeDir(this.dirs[c])));
  }
}

export class CgroupV1Manager implements CgroupManager {
  readonly version = 1;

  /** parents: per controller, the folder under which run groups are made. */
  constructor(private readonly parents: Record<V1Controller, string>) {}

  static async detect(parentName: string): Promise<CgroupV1Manager | null> {
    const mounts = cgroupMounts().filter((m) => m.fsType === 'cgroup');
    const own = ownCgroups();
    const parents: Partial<Record<V1Controller, string>> = {};
    for (const c of V1_CONTROLLERS) {
      const mount = mounts.find((m) => m.options.includes(c));
      if (!mount) return null;
      parents[c] = join(mount.mountPoint, own.get(c) ?? '/', parentName);
    }
    const manager = new CgroupV1Manager(parents as Record<V1Controller, string>);
    await manager.prepare();
    return manager;
  }

  private hasMemsw = false;
  private hasSwappiness = false;

  private async prepare(): Promise<void> {
    for (const c of V1_CONTROLLERS) {
      await fs.mkdir(this.parents[c], { recursive: true });
      await removeStaleGroups(this.parents[c]);
    }
    this.hasMemsw = existsSync(join(this.parents.memory, 'memory.memsw.limit_in_bytes'));
    this.hasSwappiness = existsSync(join(this.parents.memory, 'memory.swappiness'));
    // Children must be accounted in their parents, or limits could be escaped by nesting.
    await fs.writeFile(join(this.parents.memory, 'memory.use_hierarchy'), '1').catch(() => undefined);
  }

  async create(name: string, limits: RunCgroupLimits): Promise<RunCgroup> {
    const dirs = {} as Record<V1Controller, string>;
    for (const c of V1_CONTROLLERS) {
      dirs[c] = join(this.parents[c], name);
      mkdirSync(dirs[c]);
    }
    const mem = dirs.memory;
    writeFileSync(join(mem, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    // Without this the group could go on in swap past its limit.
    if (this.hasMemsw) writeFileSync(join(mem, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
    else if (this.hasSwappiness) writeFileSync(join(mem, 'memory.swappiness'), '0');
    writeFileSync(join(dirs.pids, 'pids.max'), String(limits.processes));
    return Promise.resolve(new V1RunCgroup(dirs));
  }
}

// ---------------------------------------------------------------- v2

class V2RunCgroup implements RunCgroup {
  private sampledPeak = 0;
  private readonly hasKill: boolean;

  constructor(
    private readonly dir: string,
    private readonly hasPeak: boolean,
  ) {
    this.hasKill = existsSync(join(dir, 'cgroup.kill'));
  }

  procsFiles(): string[] {
    return [join(this.dir, 'cgroup.procs')];
  }

  usage(): CgroupUsage {
    const usageUsec = readKeyed(join(this.dir, 'cpu.stat'), 'usage_usec');
    const oom = readKeyed(join(this.dir, 'memory.events'), 'oom_kill');
    let peak: number;
    if (this.hasPeak) {
      peak = readNumber(join(this.dir, 'memory.peak'));
    } else {
      // Kernels before 5.19 keep no peak: the engine samples usage while the run goes on.
      this.sampledPeak = Math.max(this.sampledPeak, readNumber(join(this.dir, 'memory.current')));
      peak = this.sampledPeak;
    }
    return {
      cpuTimeNs: (usageUsec ?? 0) * 1000,
      memoryPeakBytes: peak,
      oomKills: oom ?? 0,
      processLimitHits: readKeyed(join(this.dir, 'pids.events'), 'max') ?? 0,
    };
  }

  pids(): number[] {
    return readPids(join(this.dir, 'cgroup.procs'));
  }

  signalAll(): void {
    if (this.hasKill) writeFileSync(join(this.dir, 'cgroup.kill'), '1');
    else signalPids(join(this.dir, 'cgroup.procs'));
  }

  async killAll(): Promise<void> {
    const killFile = join(this.dir, 'cgroup.kill');
    if (existsSync(killFile)) await fs.writeFile(killFile, '1');
    await killLoop(join(this.dir, 'cgroup.procs'));
  }

  async remove(): Promise<void> {
    await removeDir(this.dir);
  }
}

export class CgroupV2Manager implements CgroupManager {
  readonly version = 2;

  constructor(
    private readonly parent: string,
    private readonly hasPeak: boolean,
  ) {}

  /**
   * v2 forbids processes in a group whose controllers are delegated to children ("no internal processes"),
   * so when our own group holds processes we move them into a leaf `supervisor` first, as go-judge does.
   */
  static async detect(parentName: string, mountPoint = '/sys/fs/cgroup'): Promise<CgroupV2Manager | null> {
    const own = ownCgroups().get('') ?? '/';
    const base = join(mountPoint, own);
    const available = (await fs.readFile(join(base, 'cgroup.controllers'), 'utf8')).trim().split(/\s+/);
    if (!available.includes('memory') || !available.includes('pids')) return null;

    const enabled = (await fs.readFile(join(base, 'cgroup.subtree_control'), 'utf8')).trim().split(/\s+/);
    if (!enabled.includes('memory') || !enabled.includes('pids') || !enabled.includes('cpu')) {
      const members = readPids(join(base, 'cgroup.procs'));
      if (members.length > 0 && own !== '/') {
        const leaf = join(base, 'supervisor');
        await fs.mkdir(leaf, { recursive: true });
        for (const pid of members) await fs.writeFile(join(leaf, 'cgroup.procs'), String(pid)).catch(() => undefined);
      }
      const want = ['memory', 'pids', 'cpu'].filter((c) => available.includes(c));
      await fs.writeFile(join(base, 'cgroup.subtree_control'), want.map((c) => `+${c}`).join(' '));
    }
    const parent = join(base, parentName);
    await fs.mkdir(parent, { recursive: true });
    await removeStaleGroups(parent);
    const parentAvailable = (await fs.readFile(join(parent, 'cgroup.controllers'), 'utf8')).trim().split(/\s+/);
    await fs.writeFile(
      join(parent, 'cgroup.subtree_control'),
      ['memory', 'pids', 'cpu']
        .filter((c) => parentAvailable.includes(c))
        .map((c) => `+${c}`)
        .join(' '),
    );
    const hasPeak = existsSync(join(parent, 'memory.peak'));
    return new CgroupV2Manager(parent, hasPeak);
  }

  async create(name: string, limits: RunCgroupLimits): Promise<RunCgroup> {
    const dir = join(this.parent, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'memory.max'), String(limits.memoryBytes));
    if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
    writeFileSync(join(dir, 'pids.max'), String(limits.processes));
    return Promise.resolve(new V2RunCgroup(dir, this.hasPeak));
  }
}

/**
 * Picks the kernel interface: v2 when /sys/fs/cgroup is a unified hierarchy with the memory controller,
 * else v1 with the memory, pids and cpuacct controllers (hybrid hosts such as this CI machine).
 */
export async function detectCgroupManager(parentName: string): Promise<CgroupManager> {
  const mounts = cgroupMounts();
  const unified = mounts.find((m) => m.fsType === 'cgroup2' && m.mountPoint === '/sys/fs/cgroup');
  if (unified) {
    const v2 = await CgroupV2Manager.detect(parentName, unified.mountPoint);
    if (v2) return v2;
  }
  const v1 = await CgroupV1Manager.detect(parentName);
  if (v1) return v1;
  throw new Error(
    'no usable cgroups: need cgroup v2 with the memory and pids controllers, or cgroup v1 with memory, pids and cpuacct',
  );
}
