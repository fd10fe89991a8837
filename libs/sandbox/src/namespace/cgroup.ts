import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  promises as fs,
  readSync,
  rmdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isAlive, killPids } from '../processes';
import { singleFlight } from '../single-flight';
import { cgroupMounts, ownCgroups, readKeyed, readNumber, readPids, type CgroupUsage } from '../cgroup-files';

// Moved to ../cgroup-files (the docker engine reads them too); still exported from here.
export { cgroupMounts, ownCgroups, readKeyed, readNumber, readPids, type CgroupUsage };

export interface RunCgroupLimits {
  memoryBytes: number;
  processes: number;
  /** The one CPU the run is pinned to (JUDGE_CPUS); unset, the run may use every CPU. */
  cpu?: number | undefined;
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
  /** SIGKILL everything in the group and wait until it is empty; callers at once share one kill. */
  killAll(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * The run group of a pre-built box, which each of its runs uses in turn: emptied after a run (killAll), given
 * the next run's limits and its counters started again before it (prepare). The box's init stays out of it.
 */
export interface BoxCgroup extends RunCgroup {
  /**
   * Whether prepare() starts every counter again, the peak memory too. Not so under cgroup v2 before Linux 6.12,
   * whose memory.peak only grows: a run there needs a group of its own.
   */
  readonly resetsPeak: boolean;
  /** Before a run, the group being empty: the run's limits, and usage counted from now. */
  prepare(limits: RunCgroupLimits): void;
}

/** Creates per-run cgroups; the two kernel interfaces (v1, v2) are two implementations of this. */
export interface CgroupManager {
  readonly version: 1 | 2;
  /** Whether runs are confined to their CPU by a cpuset group (enforced); else judge-spawn sets the affinity. */
  readonly cpuset: boolean;
  create(name: string, limits: RunCgroupLimits): Promise<RunCgroup>;
  /** A pre-built box's run group, limited by each run's prepare(). */
  createForBox(name: string): Promise<BoxCgroup>;
}

/** Counters the kernel never resets, kept at the start of a run and subtracted from what is read after. */
interface Baseline {
  cpuTimeNs: number;
  oomKills: number;
  processLimitHits: number;
}

function sinceBaseline(usage: CgroupUsage, base: Baseline): CgroupUsage {
  return {
    cpuTimeNs: Math.max(0, usage.cpuTimeNs - base.cpuTimeNs),
    memoryPeakBytes: usage.memoryPeakBytes,
    oomKills: Math.max(0, usage.oomKills - base.oomKills),
    processLimitHits: Math.max(0, usage.processLimitHits - base.processLimitHits),
  };
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

/**
 * Groups left by a judge that died (its runs', its pre-built boxes'): what still runs in them is killed, and
 * they are removed.
 */
async function removeStaleGroups(parent: string): Promise<void> {
  const entries = await fs.readdir(parent, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d+-\d+-\d+/.test(entry.name)) continue;
    const owner = Number(entry.name.split('-')[1]);
    // Another judge on this host may be about to use an empty group it just made.
    if (owner === process.pid || isAlive(owner)) continue;
    const group = join(parent, entry.name);
    await killLoop(join(group, 'cgroup.procs')).catch(() => undefined);
    await removeDir(group).catch(() => undefined);
  }
}

// ---------------------------------------------------------------- v1

const V1_CONTROLLERS = ['memory', 'pids', 'cpuacct'] as const;
type V1Controller = (typeof V1_CONTROLLERS)[number] | 'cpuset';

class V1RunCgroup implements RunCgroup {
  constructor(
    protected readonly dirs: Partial<Record<V1Controller, string>> & Record<'memory' | 'pids' | 'cpuacct', string>,
  ) {}

  private get all(): string[] {
    return Object.values(this.dirs);
  }

  procsFiles(): string[] {
    return this.all.map((dir) => join(dir, 'cgroup.procs'));
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

  readonly killAll = singleFlight(async () => {
    await killLoop(join(this.dirs.pids, 'cgroup.procs'));
    // A task joins the hierarchies one after another: look in memory too.
    await killLoop(join(this.dirs.memory, 'cgroup.procs'));
  });

  async remove(): Promise<void> {
    await Promise.all(this.all.map((dir) => removeDir(dir)));
  }
}

export class CgroupV1Manager implements CgroupManager {
  readonly version = 1;
  private cpusetMems = '';

  /** parents: per controller, the folder under which run groups are made (cpuset only when runs are pinned). */
  constructor(
    private readonly parents: Partial<Record<V1Controller, string>> & Record<(typeof V1_CONTROLLERS)[number], string>,
  ) {}

  get cpuset(): boolean {
    return this.parents.cpuset !== undefined;
  }

  /** pinning: JUDGE_CPUS is set, so runs get a cpuset group when the host mounts that hierarchy. */
  static async detect(parentName: string, pinning = false): Promise<CgroupV1Manager | null> {
    const mounts = cgroupMounts().filter((m) => m.fsType === 'cgroup');
    const own = ownCgroups();
    const parents: Partial<Record<V1Controller, string>> = {};
    for (const c of V1_CONTROLLERS) {
      const mount = mounts.find((m) => m.options.includes(c));
      if (!mount) return null;
      parents[c] = join(mount.mountPoint, own.get(c) ?? '/', parentName);
    }
    const cpusetMount = pinning ? mounts.find((m) => m.options.includes('cpuset')) : undefined;
    if (cpusetMount) parents.cpuset = join(cpusetMount.mountPoint, own.get('cpuset') ?? '/', parentName);
    const manager = new CgroupV1Manager(parents as Record<(typeof V1_CONTROLLERS)[number], string>);
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
    const cpuset = this.parents.cpuset;
    if (cpuset) {
      // v1 cpuset groups start empty and take no task until both lists are set: the parent gets its parent's.
      await fs.mkdir(cpuset, { recursive: true });
      await removeStaleGroups(cpuset);
      const above = join(cpuset, '..');
      for (const file of ['cpuset.cpus', 'cpuset.mems']) {
        if ((await fs.readFile(join(cpuset, file), 'utf8')).trim() === '')
          await fs.writeFile(join(cpuset, file), (await fs.readFile(join(above, file), 'utf8')).trim());
      }
      this.cpusetMems = (await fs.readFile(join(cpuset, 'cpuset.mems'), 'utf8')).trim();
      this.cpusetCpus = (await fs.readFile(join(cpuset, 'cpuset.cpus'), 'utf8')).trim();
    }
    this.hasMemsw = existsSync(join(this.parents.memory, 'memory.memsw.limit_in_bytes'));
    this.hasSwappiness = existsSync(join(this.parents.memory, 'memory.swappiness'));
    // Children must be accounted in their parents, or limits could be escaped by nesting.
    await fs.writeFile(join(this.parents.memory, 'memory.use_hierarchy'), '1').catch(() => undefined);
  }

  async create(name: string, limits: RunCgroupLimits): Promise<RunCgroup> {
    const dirs = this.makeDirs(name, limits.cpu !== undefined);
    if (dirs.cpuset) writeFileSync(join(dirs.cpuset, 'cpuset.cpus'), String(limits.cpu));
    const mem = dirs.memory;
    writeFileSync(join(mem, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    // Without this the group could go on in swap past its limit.
    if (this.hasMemsw) writeFileSync(join(mem, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
    writeFileSync(join(dirs.pids, 'pids.max'), String(limits.processes));
    return Promise.resolve(new V1RunCgroup(dirs));
  }

  async createForBox(name: string): Promise<BoxCgroup> {
    const dirs = this.makeDirs(name, true);
    return Promise.resolve(new V1BoxCgroup(dirs, this.hasMemsw, this.cpusetCpus));
  }

  private cpusetCpus = '';

  private makeDirs(name: string, withCpuset: boolean): V1Dirs {
    const dirs = {} as V1Dirs;
    for (const c of V1_CONTROLLERS) {
      dirs[c] = join(this.parents[c], name);
      mkdirSync(dirs[c]);
    }
    if (this.parents.cpuset && withCpuset) {
      dirs.cpuset = join(this.parents.cpuset, name);
      mkdirSync(dirs.cpuset);
      // A v1 cpuset group takes no task before both lists are set; a run narrows the CPUs.
      writeFileSync(join(dirs.cpuset, 'cpuset.cpus'), this.cpusetCpus);
      writeFileSync(join(dirs.cpuset, 'cpuset.mems'), this.cpusetMems);
    }
    if (!this.hasMemsw && this.hasSwappiness) writeFileSync(join(dirs.memory, 'memory.swappiness'), '0');
    return dirs;
  }
}

type V1Dirs = Partial<Record<V1Controller, string>> & Record<(typeof V1_CONTROLLERS)[number], string>;

class V1BoxCgroup extends V1RunCgroup implements BoxCgroup {
  readonly resetsPeak = true;
  private base: Baseline = { cpuTimeNs: 0, oomKills: 0, processLimitHits: 0 };
  private memoryLimit = Infinity; // a new group's: unlimited

  constructor(
    dirs: V1Dirs,
    private readonly hasMemsw: boolean,
    private readonly allCpus: string,
  ) {
    super(dirs);
  }

  prepare(limits: RunCgroupLimits): void {
    const mem = this.dirs.memory;
    const bytes = String(limits.memoryBytes);
    // The kernel keeps memsw at least the memory limit at every moment: raise memsw first, lower it last.
    if (this.hasMemsw && limits.memoryBytes > this.memoryLimit)
      writeFileSync(join(mem, 'memory.memsw.limit_in_bytes'), bytes);
    writeFileSync(join(mem, 'memory.limit_in_bytes'), bytes);
    if (this.hasMemsw && limits.memoryBytes <= this.memoryLimit)
      writeFileSync(join(mem, 'memory.memsw.limit_in_bytes'), bytes);
    this.memoryLimit = limits.memoryBytes;
    writeFileSync(join(this.dirs.pids, 'pids.max'), String(limits.processes));
    if (this.dirs.cpuset)
      writeFileSync(
        join(this.dirs.cpuset, 'cpuset.cpus'),
        limits.cpu === undefined ? this.allCpus : String(limits.cpu),
      );
    // v1 resets these two on a write; the OOM and pids.events counters only grow.
    writeFileSync(join(mem, 'memory.max_usage_in_bytes'), '0');
    writeFileSync(join(this.dirs.cpuacct, 'cpuacct.usage'), '0');
    const raw = super.usage();
    this.base = { cpuTimeNs: 0, oomKills: raw.oomKills, processLimitHits: raw.processLimitHits };
  }

  override usage(): CgroupUsage {
    return sinceBaseline(super.usage(), this.base);
  }
}

// ---------------------------------------------------------------- v2

class V2RunCgroup implements RunCgroup {
  protected sampledPeak = 0;
  private readonly hasKill: boolean;

  constructor(
    protected readonly dir: string,
    protected readonly hasPeak: boolean,
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

  readonly killAll = singleFlight(async () => {
    const killFile = join(this.dir, 'cgroup.kill');
    if (existsSync(killFile)) await fs.writeFile(killFile, '1');
    await killLoop(join(this.dir, 'cgroup.procs'));
  });

  async remove(): Promise<void> {
    await removeDir(this.dir);
  }
}

export class CgroupV2Manager implements CgroupManager {
  readonly version = 2;

  constructor(
    private readonly parent: string,
    private readonly hasPeak: boolean,
    readonly cpuset = false,
  ) {}

  /**
   * v2 forbids processes in a group whose controllers are delegated to children ("no internal processes"),
   * so when our own group holds processes we move them into a leaf `supervisor` first, as go-judge does.
   */
  static async detect(
    parentName: string,
    mountPoint = '/sys/fs/cgroup',
    pinning = false,
  ): Promise<CgroupV2Manager | null> {
    const own = ownCgroups().get('') ?? '/';
    const base = join(mountPoint, own);
    const available = (await fs.readFile(join(base, 'cgroup.controllers'), 'utf8')).trim().split(/\s+/);
    if (!available.includes('memory') || !available.includes('pids')) return null;

    // cpuset only when runs are pinned (JUDGE_CPUS): otherwise nothing changes for hosts that lack it.
    const controllers = ['memory', 'pids', 'cpu', ...(pinning ? ['cpuset'] : [])];
    const enabled = (await fs.readFile(join(base, 'cgroup.subtree_control'), 'utf8')).trim().split(/\s+/);
    if (controllers.some((c) => available.includes(c) && !enabled.includes(c))) {
      const members = readPids(join(base, 'cgroup.procs'));
      if (members.length > 0 && own !== '/') {
        const leaf = join(base, 'supervisor');
        await fs.mkdir(leaf, { recursive: true });
        for (const pid of members) await fs.writeFile(join(leaf, 'cgroup.procs'), String(pid)).catch(() => undefined);
      }
      const want = controllers.filter((c) => available.includes(c));
      await fs.writeFile(join(base, 'cgroup.subtree_control'), want.map((c) => `+${c}`).join(' '));
    }
    const parent = join(base, parentName);
    await fs.mkdir(parent, { recursive: true });
    await removeStaleGroups(parent);
    const parentAvailable = (await fs.readFile(join(parent, 'cgroup.controllers'), 'utf8')).trim().split(/\s+/);
    await fs.writeFile(
      join(parent, 'cgroup.subtree_control'),
      controllers
        .filter((c) => parentAvailable.includes(c))
        .map((c) => `+${c}`)
        .join(' '),
    );
    const hasPeak = existsSync(join(parent, 'memory.peak'));
    return new CgroupV2Manager(parent, hasPeak, pinning && parentAvailable.includes('cpuset'));
  }

  async create(name: string, limits: RunCgroupLimits): Promise<RunCgroup> {
    const dir = join(this.parent, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'memory.max'), String(limits.memoryBytes));
    if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
    writeFileSync(join(dir, 'pids.max'), String(limits.processes));
    if (this.cpuset && limits.cpu !== undefined) writeFileSync(join(dir, 'cpuset.cpus'), String(limits.cpu));
    return Promise.resolve(new V2RunCgroup(dir, this.hasPeak));
  }

  async createForBox(name: string): Promise<BoxCgroup> {
    const dir = join(this.parent, name);
    mkdirSync(dir);
    if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
    return Promise.resolve(new V2BoxCgroup(dir, this.hasPeak, this.cpuset));
  }
}

class V2BoxCgroup extends V2RunCgroup implements BoxCgroup {
  private base: Baseline = { cpuTimeNs: 0, oomKills: 0, processLimitHits: 0 };
  /**
   * memory.peak opened once: since Linux 6.12 a write resets the peak seen through that descriptor. Null when
   * the kernel cannot (then the peak is sampled from memory.current, as on kernels without memory.peak).
   */
  private peakFd: number | null = null;

  constructor(
    dir: string,
    hasPeak: boolean,
    private readonly cpusetControlled: boolean,
  ) {
    super(dir, hasPeak);
    if (hasPeak) {
      const fd = openSync(join(dir, 'memory.peak'), 'r+');
      try {
        writeSync(fd, 'reset');
        this.peakFd = fd;
      } catch {
        closeSync(fd);
      }
    }
  }

  prepare(limits: RunCgroupLimits): void {
    writeFileSync(join(this.dir, 'memory.max'), String(limits.memoryBytes));
    writeFileSync(join(this.dir, 'pids.max'), String(limits.processes));
    // Empty: the parent's CPUs.
    if (this.cpusetControlled)
      writeFileSync(join(this.dir, 'cpuset.cpus'), limits.cpu === undefined ? '\n' : String(limits.cpu));
    if (this.peakFd !== null) writeSync(this.peakFd, 'reset');
    this.sampledPeak = 0;
    this.base = super.usage();
  }

  /** Kernels without memory.peak sample memory.current, as for a group of its own. */
  get resetsPeak(): boolean {
    return this.peakFd !== null || !this.hasPeak;
  }

  override usage(): CgroupUsage {
    const usage = sinceBaseline(super.usage(), this.base);
    if (this.peakFd !== null) {
      const buffer = Buffer.alloc(32);
      const n = readSync(this.peakFd, buffer, 0, buffer.length, 0);
      usage.memoryPeakBytes = Number(buffer.toString('utf8', 0, n).trim());
    }
    return usage;
  }

  override async remove(): Promise<void> {
    if (this.peakFd !== null) closeSync(this.peakFd);
    this.peakFd = null;
    await super.remove();
  }
}

/**
 * Picks the kernel interface: v2 when /sys/fs/cgroup is a unified hierarchy with the memory controller,
 * else v1 with the memory, pids and cpuacct controllers (hybrid hosts such as this CI machine).
 */
export async function detectCgroupManager(parentName: string, pinning = false): Promise<CgroupManager> {
  const mounts = cgroupMounts();
  const unified = mounts.find((m) => m.fsType === 'cgroup2' && m.mountPoint === '/sys/fs/cgroup');
  if (unified) {
    const v2 = await CgroupV2Manager.detect(parentName, unified.mountPoint, pinning);
    if (v2) return v2;
  }
  const v1 = await CgroupV1Manager.detect(parentName, pinning);
  if (v1) return v1;
  throw new Error(
    'no usable cgroups: need cgroup v2 with the memory and pids controllers, or cgroup v1 with memory, pids and cpuacct',
  );
}
