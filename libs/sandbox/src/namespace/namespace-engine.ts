import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Box, BoxOptions, RunResult, RunSpec, SandboxEngine } from '../types';
import { BoxAllocator, type AllocatedBox } from './box-allocator';
import { detectCgroupManager, type CgroupManager, type RunCgroup } from './cgroup';
import { detectRootLayout } from '../host-root';
import { findExecutable } from '../which';
import { sandboxError } from '../run-capture';
import { NamespaceBox } from './namespace-box';
import { NamespaceRun, type NamespaceTools } from './namespace-run';

export interface NamespaceEngineOptions {
  /** Host folder holding the boxes; made with mode 0711. */
  boxRoot: string;
  /** First host uid for boxes, and how many (the most boxes alive at once on this host). */
  uidBase: number;
  uidCount: number;
  /** Name of the cgroup folder made under this process's own cgroup. */
  cgroupParent: string;
}

export const DEFAULT_NAMESPACE_OPTIONS: NamespaceEngineOptions = {
  boxRoot: '/var/lib/judge/boxes',
  uidBase: 3_000_000,
  uidCount: 256,
  cgroupParent: 'judge',
};

/** Built by `npm run build` from native/judge-spawn.c; the same path from src/ (tests) and dist/. */
const JUDGE_SPAWN = join(__dirname, '..', '..', 'bin', 'judge-spawn');
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
  private tools: NamespaceTools = { helper: '', bwrap: '', seccomp: '', root: [] };
  private readonly allocator: BoxAllocator;
  private readonly boxes = new Set<NamespaceBox>();
  private ready: Promise<void> | null = null;
  private readonly pendingRemovals = new Set<Promise<void>>();

  constructor(private readonly options: NamespaceEngineOptions = DEFAULT_NAMESPACE_OPTIONS) {
    this.allocator = new BoxAllocator(options.boxRoot, options.uidBase, options.uidCount);
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      if (process.getuid?.() !== 0) throw new Error('the namespace engine must run as root to switch to box users');
      const bwrap = await findExecutable('bwrap');
      if (!bwrap)
        throw new Error('bubblewrap (bwrap) is not installed: run `npm run setup` or `apt-get install bubblewrap`');
      try {
        await fs.access(JUDGE_SPAWN, constants.X_OK);
      } catch {
        throw new Error(`${JUDGE_SPAWN} is not built: run \`npm run build\` (it needs a C compiler)`);
      }
      try {
        await fs.access(SECCOMP_FILTER, constants.R_OK);
      } catch {
        throw new Error(`${SECCOMP_FILTER} is not built: run \`npm run build\` (it needs libseccomp-dev)`);
      }
      this.tools = { helper: JUDGE_SPAWN, bwrap, seccomp: SECCOMP_FILTER, root: await detectRootLayout() };
      this.cgroups = await detectCgroupManager(this.options.cgroupParent);
      await this.allocator.init();
    })();
    return this.ready;
  }

  get cgroupVersion(): 1 | 2 | null {
    return this.cgroups?.version ?? null;
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
    await this.init();
    const allocated = await this.allocator.allocate(options.sizeBytes);
    const box = new NamespaceBox(this, allocated, () => {
      this.boxes.delete(box);
    });
    this.boxes.add(box);
    return box;
  }

  async close(): Promise<void> {
    await Promise.all([...this.boxes].map((b) => b.destroy()));
    await Promise.all(this.pendingRemovals);
  }

  /** @internal */
  async execute(box: NamespaceBox, spec: RunSpec, runName: string): Promise<RunResult> {
    const cgroups = this.cgroups;
    if (!cgroups) throw new Error('engine not initialised');
    const limits = spec.limits;
    let cgroup: RunCgroup;
    try {
      // Threads count as tasks; bwrap's monitor and the sandbox's init take two more.
      cgroup = await cgroups.create(runName, { memoryBytes: limits.memoryBytes, processes: limits.processes + 2 });
    } catch (error) {
      return sandboxError(`cannot create cgroup: ${(error as Error).message}`);
    }
    try {
      return await new NamespaceRun(this.tools, box, spec, cgroup).execute();
    } finally {
      // Everything left gets SIGKILL now; waiting for the kernel to finish them off and removing the group can
      // go on after the result is returned. The box is not destroyed before that is done.
      cgroup.signalAll();
      const removal = cgroup
        .killAll()
        .then(() => cgroup.remove())
        .catch(() => undefined);
      this.pendingRemovals.add(removal);
      void removal.then(() => this.pendingRemovals.delete(removal));
    }
  }

  /** @internal */
  async releaseBox(allocated: AllocatedBox): Promise<void> {
    await Promise.all(this.pendingRemovals);
    await this.allocator.release(allocated.uid, allocated.dir);
  }
}
