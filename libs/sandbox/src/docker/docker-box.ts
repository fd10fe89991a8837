import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { Mount, RunResult, RunSpec } from '../types';
import { clearBoxDir } from '../box-files';
import { HostBox } from '../host-box';
import { realpathUnder } from '../host-root';
import { killPids } from '../processes';
import { sandboxError } from '../run-capture';
import { singleFlight } from '../single-flight';
import { INITIAL_LIMITS, SANDBOX_BOX, SANDBOX_FILES, SANDBOX_TMP } from './box-container';
import { containerCgroup, type ContainerCgroup } from './container-cgroup';
import { DockerRun, type RunEntry } from './docker-run';
import type { ToolchainSource } from './runtime-images';
import type { CpuPool } from '../cpu-set';

/** JUDGE_CPUS: the engine's pool, and the CPU the container's cpuset holds now. */
export interface BoxCpu {
  pool: CpuPool;
  cpu: number | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const execFileAsync = promisify(execFile);

/** A box of the docker engine: a running container, whose box folder the host reaches through its init's root. */
export class DockerBox extends HostBox {
  readonly sandboxPath = SANDBOX_BOX;
  readonly cgroup: ContainerCgroup;
  /** The container's root as the host sees it, through its init's /proc entry. */
  readonly hostRoot: string;
  private limits = INITIAL_LIMITS;
  /** Set when cleaning up after a run failed: no later run may see what that run left. */
  private broken: string | null = null;

  constructor(
    readonly container: Docker.Container,
    readonly id: string,
    readonly initPid: number,
    readonly uid: number,
    private readonly mounts: Mount[],
    private readonly toolchain: ToolchainSource,
    /** Where this process sees the daemon host's root (DockerEngineOptions.hostRoot). */
    private readonly daemonRoot: string,
    private readonly entry: RunEntry,
    /** Removes the container (the engine may do it in the background: nothing of it is used again). */
    private readonly dispose: () => Promise<void>,
    private readonly pin: BoxCpu | null = null,
  ) {
    super();
    this.cgroup = containerCgroup(initPid);
    this.hostRoot = `/proc/${initPid}/root`;
  }

  /** Runs that may not write the box run as the slot's second user: the box's files are not theirs. */
  get readerUid(): number {
    return this.uid + 1;
  }

  get hostBoxDir(): string {
    return this.hostRoot + SANDBOX_BOX;
  }

  /** A mount the run asks for must have been bound when the container was made. */
  async missingMount(requested: Mount[]): Promise<string | null> {
    for (const m of requested) {
      if (this.mounts.some((b) => b.hostPath === m.hostPath && b.sandboxPath === m.sandboxPath)) continue;
      if (m.toolchain && this.toolchain === 'image') continue;
      const root = m.toolchain ? this.daemonRoot : '/';
      if (m.optional && (await realpathUnder(root, m.hostPath)) === null) continue;
      return m.sandboxPath;
    }
    return null;
  }

  /**
   * Bytes of the box's tmpfs folders in use (the box, /tmp, the run's files). Their pages are charged to the
   * container's memory and cannot be reclaimed (no swap): a run's memory limit must hold them.
   */
  async heldBytes(): Promise<number> {
    let held = 0;
    for (const folder of [SANDBOX_BOX, SANDBOX_TMP, SANDBOX_FILES]) {
      const stats = await fs.statfs(this.hostRoot + folder);
      held += (stats.blocks - stats.bfree) * stats.bsize;
    }
    return held;
  }

  /** Memory and processes are the container's limits: changed through the API when a run needs others. */
  async applyLimits(memoryBytes: number, processes: number): Promise<void> {
    if (this.limits.memoryBytes === memoryBytes && this.limits.processes === processes) return;
    await this.container.update({ Memory: memoryBytes, MemorySwap: memoryBytes, PidsLimit: processes });
    this.limits = { memoryBytes, processes };
  }

  /**
   * SIGKILL every process of the container but its init, until none is left (a fork bomb races the kill).
   * Callers at once share one loop (singleFlight).
   */
  readonly killRuns = singleFlight(async () => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const pids = this.cgroup.pids().filter((p) => p !== this.initPid);
      // Done once only the init is charged: a process counts against the pids limit (and RLIMIT_NPROC) until it
      // is reaped (by judge-enter, or by the container's init for an orphan), a little after it has left
      // cgroup.procs, and the next run could not start while it does.
      if (pids.length === 0 && this.cgroup.charged() <= 1) return;
      killPids(pids);
      await sleep(attempt < 10 ? 1 : 10);
    }
    throw new Error(`processes of box ${this.id} survive SIGKILL`);
  });

  protected async execute(spec: RunSpec): Promise<RunResult> {
    if (this.broken) return sandboxError(`the box could not be cleaned after an earlier run: ${this.broken}`);
    if (!this.pin) return this.executePinned(spec);
    // The run takes a CPU for its time, preferring the container's: moving it costs an API call.
    const lease = this.pin.pool.acquire(this.pin.cpu);
    try {
      if (lease.cpu !== this.pin.cpu) {
        try {
          await this.container.update({ CpusetCpus: String(lease.cpu) });
        } catch (error) {
          return sandboxError(`docker: cannot pin the box to CPU ${lease.cpu}: ${(error as Error).message}`);
        }
        this.pin.cpu = lease.cpu;
      }
      return await this.executePinned(spec);
    } finally {
      lease.release();
    }
  }

  /** A run on the CPU the container is on now. */
  private async executePinned(spec: RunSpec): Promise<RunResult> {
    let result: RunResult;
    try {
      result = await new DockerRun(this, this.entry, spec).execute();
    } catch (error) {
      result = sandboxError(`docker: ${(error as Error).message}`);
    }
    // What a run leaves must never reach the next one: a clean-up that fails is the judge's error, and the box
    // refuses every later run.
    try {
      // The run's /tmp went with its last process (native/judge-enter.c).
      await this.killRuns();
      await clearBoxDir(this.hostRoot, SANDBOX_FILES.slice(1));
      if (spec.boxWritable) await this.sealBox();
    } catch (error) {
      this.broken = (error as Error).message;
      return sandboxError(`cannot clean the box after the run: ${this.broken}`);
    }
    return result;
  }

  /**
   * After a run that could write the box: nothing in it stays writable by others, nor set-id, so the read-only
   * runs (a different user) cannot change what the next test sees. Every box process is dead by now. GNU chmod
   * walks with descriptors (a tree deeper than PATH_MAX is no obstacle) and never follows a link in the tree.
   */
  private async sealBox(): Promise<void> {
    try {
      await execFileAsync('chmod', ['-R', 'a-st,go-w', this.hostBoxDir]);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new Error(`cannot seal the box: ${stderr || (error as Error).message}`);
    }
  }

  protected async release(): Promise<void> {
    await this.dispose();
  }
}
