import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Box, BoxOptions, Mount, RunResult, RunSpec, SandboxEngine } from '../types';
import { BoxAllocator, type AllocatedBox } from './box-allocator';
import { detectCgroupManager, type BoxCgroup, type CgroupManager, type RunCgroup } from './cgroup';
import { detectRootLayout } from '../host-root';
import { findExecutable } from '../which';
import { sandboxError } from '../run-capture';
import { NamespaceBox } from './namespace-box';
import { NamespaceRun, type NamespaceTools } from './namespace-run';
import { CpuPool } from '../cpu-set';
import { BoxInit } from './box-init';
import { BoxInitLost } from '../cgroup-run';
import { RelayedRun } from './relayed-run';
import { BackgroundWork } from '../background-work';
import { WarmPool } from '../warm-pool';

export interface NamespaceEngineOptions {
  /** Host folder holding the boxes; made with mode 0711. */
  boxRoot: string;
  /** First host uid for boxes, and how many (the most boxes alive at once on this host). */
  uidBase: number;
  uidCount: number;
  /** Name of the cgroup folder made under this process's own cgroup. */
  cgroupParent: string;
  /** JUDGE_CPUS: each run is pinned to one of these (see CpuPool). Unset or empty: runs may use every CPU. */
  cpuList?: number[];
  /**
   * JUDGE_PREBUILT_BOXES: make each box's namespaces, mounts and init once, at its first run, and start its runs
   * inside it (see BoxInit); off, every run gets a sandbox made for it alone. On unless false.
   */
  prebuiltBoxes?: boolean;
  /**
   * JUDGE_SPARE_BOXES: how many boxes are kept made ahead of need (their tmpfs mounted and, with pre-built boxes,
   * their init started), so that a submission takes one ready; a used box is then removed in the background and
   * a fresh one made in its place. 0: every box is made when asked and removed before it is given back.
   */
  spareBoxes?: number;
}

export const DEFAULT_NAMESPACE_OPTIONS: NamespaceEngineOptions = {
  boxRoot: '/var/lib/judge/boxes',
  uidBase: 3_000_000,
  uidCount: 256,
  cgroupParent: 'judge',
  spareBoxes: 1,
};

/** Built by `npm run build` from native/judge-spawn.c; the same path from src/ (tests) and dist/. */
const JUDGE_SPAWN = join(__dirname, '..', '..', 'bin', 'judge-spawn');
/**
 * The group of a pre-built box's own processes: bwrap's two, the init, and the pid 1 of the run going on (which
 * relays its stdio, at most 128 KiB of buffers). What an idle box may hold, whatever happens in it.
 */
const INIT_GROUP_LIMITS = { memoryBytes: 64 << 20, processes: 16 };

const JUDGE_INIT = join(__dirname, '..', '..', 'bin', 'judge-init');
const JUDGE_RUN = join(__dirname, '..', '..', 'bin', 'judge-run');
/** The syscall filter of every run, compiled by the build from src/seccomp/deny-list.ts. */
const SECCOMP_FILTER = join(__dirname, '..', '..', 'bin', 'seccomp.bpf');

/**
 * The default engine: bubblewrap for namespaces (mount, pid, net, ipc, uts, user), cgroups for accounting
 * and the memory/process limits, rlimits (set by the judge-spawn helper) for the rest. bwrap runs as the box's
 * own unprivileged host uid, so its processes are unprivileged on the host, not only inside the namespace.
 */
export class NamespaceEngine implements SandboxEngine {
  readonly name = 'namespace';
  private cgroups: CgroupManager | null = null;
  private tools: NamespaceTools = { helper: '', init: '', runner: '', bwrap: '', seccomp: '', root: [] };
  private readonly allocator: BoxAllocator;
  private readonly boxes = new Set<NamespaceBox>();
  private ready: Promise<void> | null = null;
  /** Runs' groups being emptied and removed after their results were given. */
  private readonly groupRemovals = new BackgroundWork();
  /** Used boxes being removed in the background (with spare boxes). */
  private readonly boxRemovals = new BackgroundWork();
  private readonly cpuPool: CpuPool | null;
  /** Boxes made ahead (spareBoxes), by size and mounts. */
  private readonly spares: WarmPool<NamespaceBox> | null;
  private closed = false;

  constructor(private readonly options: NamespaceEngineOptions = DEFAULT_NAMESPACE_OPTIONS) {
    this.allocator = new BoxAllocator(options.boxRoot, options.uidBase, options.uidCount);
    this.cpuPool = options.cpuList?.length ? new CpuPool(options.cpuList) : null;
    const spares = options.spareBoxes ?? 0;
    this.spares = spares > 0 ? new WarmPool<NamespaceBox>(spares, (box) => void box.destroy()) : null;
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      if (process.getuid?.() !== 0) throw new Error('the namespace engine must run as root to switch to box users');
      const bwrap = await findExecutable('bwrap');
      if (!bwrap)
        throw new Error('bubblewrap (bwrap) is not installed: run `npm run setup` or `apt-get install bubblewrap`');
      for (const helper of [JUDGE_SPAWN, JUDGE_INIT, JUDGE_RUN]) {
        try {
          await fs.access(helper, constants.X_OK);
        } catch {
          throw new Error(`${helper} is not built: run \`npm run build\` (it needs a C compiler)`);
        }
      }
      try {
        await fs.access(SECCOMP_FILTER, constants.R_OK);
      } catch {
        throw new Error(`${SECCOMP_FILTER} is not built: run \`npm run build\` (it needs libseccomp-dev)`);
      }
      this.tools = {
        helper: JUDGE_SPAWN,
        init: JUDGE_INIT,
        runner: JUDGE_RUN,
        bwrap,
        seccomp: SECCOMP_FILTER,
        root: await detectRootLayout(),
      };
      this.cgroups = await detectCgroupManager(this.options.cgroupParent, this.cpuPool !== null);
      await this.allocator.init();
    })();
    return this.ready;
  }

  get cgroupVersion(): 1 | 2 | null {
    return this.cgroups?.version ?? null;
  }

  /** How runs are kept on their CPU: a cpuset group (enforced), the affinity alone, or not at all. */
  get cpuPlacement(): 'cpuset' | 'affinity' | null {
    if (!this.cpuPool || !this.cgroups) return null;
    return this.cgroups.cpuset ? 'cpuset' : 'affinity';
  }

  async check(): Promise<string[]> {
    try {
      await this.init();
    } catch (error) {
      return [(error as Error).message];
    }
    return [];
  }

  async createBox(options: BoxOptions): Promise<Box> {
    if (this.closed) throw new Error('the namespace engine is closed');
    await this.init();
    const kind = NamespaceBox.kind(options);
    // A spare still being made comes sooner than one made from now.
    for (let spare = this.spares?.take(kind); spare; spare = this.spares?.take(kind)) {
      const box = await spare;
      if (!box) continue;
      // An init that died while the box waited is replaced at its first run, as in any pre-built box.
      return box;
    }
    return this.make(options);
  }

  /** Boxes made ahead and not handed out (tests, benchmarks): their uids. */
  get spareBoxIds(): string[] {
    return (this.spares?.waiting ?? []).map((box) => box.id);
  }

  /** Resolves once every spare box is made and every used one removed (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.spares?.settled();
    await Promise.all([this.boxRemovals.settled(), this.groupRemovals.settled()]);
  }

  private async make(options: BoxOptions): Promise<NamespaceBox> {
    const allocated = await this.allocator.allocate(options.sizeBytes);
    const box = new NamespaceBox(this, allocated, options, () => {
      this.boxes.delete(box);
    });
    this.boxes.add(box);
    return box;
  }

  /** A box made ahead, with its init started when runs are to use it; null when it cannot be made now. */
  private refill(box: NamespaceBox): void {
    if (!this.spares || this.closed) return;
    const made = (async () => {
      const spare = await this.make(box.options);
      if (this.options.prebuiltBoxes !== false) {
        try {
          await this.startInit(spare);
        } catch {
          // Its first run tries again, as for a box made when asked.
        }
      }
      return spare;
    })().catch(() => null);
    this.spares.add(box.kind, made);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.spares?.drain();
    await Promise.all([...this.boxes].map((b) => b.destroy()));
    await Promise.all([this.boxRemovals.settled(), this.groupRemovals.settled()]);
    this.allocator.close();
  }

  /**
   * @internal A run in a pre-built box when it can (the box's world has the run's mounts), repeated once in a new
   * one when the box fails it; in a sandbox made for it alone otherwise, or when that failed too.
   */
  async execute(box: NamespaceBox, spec: RunSpec): Promise<RunResult> {
    if (this.options.prebuiltBoxes !== false && !box.prebuiltFailed && holdsMounts(box.mounts, spec.mounts ?? [])) {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          return await this.executePrebuilt(box, spec);
        } catch (error) {
          if (!(error instanceof BoxInitLost)) throw error;
          await this.discardInit(box);
        }
      }
      box.prebuiltFailed = true;
    }
    return this.executeAlone(box, spec, box.cgroupName());
  }

  /** The box's world and init, made now unless they are there and alive. */
  private async startInit(box: NamespaceBox): Promise<BoxInit> {
    const cgroups = this.cgroups;
    if (!cgroups) throw new Error('engine not initialised');
    if (box.init && !box.init.alive) await this.discardInit(box);
    if (box.init) return box.init;
    let cgroup: BoxCgroup;
    let initCgroup: RunCgroup;
    try {
      cgroup = await cgroups.createForBox(box.cgroupName());
      initCgroup = await cgroups.create(`${box.cgroupName()}-init`, INIT_GROUP_LIMITS).catch(async (error: Error) => {
        await cgroup.remove();
        throw error;
      });
    } catch (error) {
      throw new BoxInitLost(`cannot create the box's cgroups: ${(error as Error).message}`);
    }
    box.init = BoxInit.start(this.tools, box, box.initSocketPath, cgroup, initCgroup);
    return box.init;
  }

  private async executePrebuilt(box: NamespaceBox, spec: RunSpec): Promise<RunResult> {
    const init = await this.startInit(box);
    const lease = this.cpuPool?.acquire();
    try {
      try {
        init.cgroup.prepare({
          memoryBytes: spec.limits.memoryBytes,
          processes: spec.limits.processes,
          cpu: lease?.cpu,
        });
      } catch (error) {
        throw new BoxInitLost(`cannot prepare the box's cgroup: ${(error as Error).message}`);
      }
      // A group keeps charged what its runs wrote in the box's tmpfs, and counts it in each later run's memory: a
      // compile (a big static binary, say) gets a group of its own, removed after it with those charges, so the
      // tests that follow count only their own, as with a group per run.
      if (!init.cgroup.resetsPeak || spec.boxWritable) return await this.executeInOwnGroup(box, init, spec, lease?.cpu);
      // Runs with files of their own or joined to another run need their descriptors passed (judge-run).
      const relayed = !spec.files?.length && spec.stdin.kind !== 'connected';
      return relayed
        ? await new RelayedRun(init, box.tmpSizeBytes, spec, init.cgroup, lease?.cpu).execute()
        : await new NamespaceRun(this.tools, box, spec, init.cgroup, lease?.cpu, {
            box: init,
            ownGroup: false,
          }).execute();
    } finally {
      lease?.release();
      // The next run starts with the group empty; a group that cannot be emptied takes the box with it.
      init.cgroup.signalAll();
      await init.cgroup.killAll().catch(() => this.discardInit(box));
    }
  }

  /**
   * A run in a pre-built box, in a group of its own made for it (judge-run passes it): a compile, and every run
   * where the box's run group cannot start its peak memory again (cgroup v2 before Linux 6.12).
   */
  private async executeInOwnGroup(box: NamespaceBox, init: BoxInit, spec: RunSpec, cpu?: number): Promise<RunResult> {
    let cgroup: RunCgroup;
    try {
      cgroup = await this.cgroups!.create(box.cgroupName(), {
        memoryBytes: spec.limits.memoryBytes,
        processes: spec.limits.processes,
        cpu,
      });
    } catch (error) {
      throw new BoxInitLost(`cannot create the run's cgroup: ${(error as Error).message}`);
    }
    try {
      return await new NamespaceRun(this.tools, box, spec, cgroup, cpu, { box: init, ownGroup: true }).execute();
    } finally {
      cgroup.signalAll();
      await cgroup
        .killAll()
        .then(() => cgroup.remove())
        .catch(() => undefined);
    }
  }

  /** Stops a pre-built box's world and removes its group. */
  private async discardInit(box: NamespaceBox): Promise<void> {
    const init = box.init;
    if (!init) return;
    box.init = null;
    await init.stop().catch(() => undefined);
  }

  /** A run in a sandbox made for it alone, with a cgroup of its own. */
  private async executeAlone(box: NamespaceBox, spec: RunSpec, runName: string): Promise<RunResult> {
    const cgroups = this.cgroups;
    if (!cgroups) throw new Error('engine not initialised');
    const limits = spec.limits;
    // Held for the run only: a box's runs follow each other, and its validator's or an interactor's run in
    // another box takes a CPU of its own while it runs.
    const lease = this.cpuPool?.acquire();
    let cgroup: RunCgroup;
    try {
      // Threads count as tasks; bwrap's monitor and the sandbox's init take two more.
      cgroup = await cgroups.create(runName, {
        memoryBytes: limits.memoryBytes,
        processes: limits.processes + 2,
        cpu: lease?.cpu,
      });
    } catch (error) {
      lease?.release();
      return sandboxError(`cannot create cgroup: ${(error as Error).message}`);
    }
    try {
      return await new NamespaceRun(this.tools, box, spec, cgroup, lease?.cpu).execute();
    } finally {
      lease?.release();
      // Everything left gets SIGKILL now; waiting for the kernel to finish them off and removing the group can
      // go on after the result is returned. The box is not destroyed before that is done.
      cgroup.signalAll();
      this.groupRemovals.add(cgroup.killAll().then(() => cgroup.remove()));
    }
  }

  /**
   * @internal Every run of the box has ended and its processes are gone (each run's group is emptied before its
   * result is given). With spare boxes, what remains (the idle init, the tmpfs) is removed in the background, its
   * uid kept until then, and a fresh box is made in its place; close() waits for both.
   */
  async releaseBox(box: NamespaceBox, allocated: AllocatedBox): Promise<void> {
    // One pushed out of the pool, never handed out, is not replaced: the pool has room for what pushed it out.
    const used = this.spares?.used(box) ?? true;
    const removal = (async () => {
      await this.discardInit(box);
      await this.groupRemovals.settled();
      await this.allocator.release(allocated.uid, allocated.dir);
    })();
    if (!this.spares || this.closed) return removal;
    this.boxRemovals.add(removal);
    if (used) this.refill(box);
  }
}

/** Whether a pre-built box's world (made with `world`) holds every mount a run asks for. */
function holdsMounts(world: Mount[], wanted: Mount[]): boolean {
  return wanted.every((m) =>
    world.some((w) => w.hostPath === m.hostPath && w.sandboxPath === m.sandboxPath && !w.optional === !m.optional),
  );
}
