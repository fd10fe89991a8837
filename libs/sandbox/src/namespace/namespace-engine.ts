import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Box, BoxOptions, RunResult, RunSpec, RunStatus, SandboxEngine } from '../types';
import { clearBoxDir, makeBoxDir, readBoxFile, writeBoxFile } from '../box-files';
import { BoxAllocator, type AllocatedBox } from './box-allocator';
import { detectCgroupManager, type CgroupManager, type CgroupUsage, type RunCgroup } from './cgroup';
import { buildBwrapArgs, detectRootLayout, type RootEntry } from './bwrap-args';
import { findExecutable } from '../which';
import { Capture, openRegularFile, sandboxError } from '../run-capture';

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
const SANDBOX_BOX = '/box';
const SANDBOX_TMP = '/tmp';
/** Descriptors 0-2 are stdio, 3 carries bwrap's status; inherited files follow. */
const FIRST_FILE_FD = 4;
const SIGXCPU = 24;
const SIGXFSZ = 25;
const SIGKILL = 9;

/**
 * The default engine: bubblewrap for namespaces (mount, pid, net, ipc, uts, user), cgroups for accounting
 * and the memory/process limits, rlimits (set by the judge-spawn helper) for the rest. bwrap runs as the box's
 * own unprivileged host uid, so its processes are unprivileged on the host, not only inside the namespace.
 */
export class NamespaceEngine implements SandboxEngine {
  readonly name = 'namespace';
  private cgroups: CgroupManager | null = null;
  private root: RootEntry[] = [];
  private bwrap = '';
  private helper = '';
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
      this.bwrap = bwrap;
      this.helper = JUDGE_SPAWN;
      this.root = await detectRootLayout();
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
      return await new Run(this.helper, this.bwrap, this.root, box, spec, cgroup).execute();
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

class NamespaceBox implements Box {
  readonly sandboxPath = SANDBOX_BOX;
  private runs = 0;
  private destroyed = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: NamespaceEngine,
    private readonly allocated: AllocatedBox,
    private readonly onDestroy: () => void,
  ) {}

  get id(): string {
    return String(this.allocated.uid);
  }

  get uid(): number {
    return this.allocated.uid;
  }

  /** @internal host paths used by the engine */
  get hostBoxDir(): string {
    return join(this.allocated.dir, 'box');
  }

  get hostTmpDir(): string {
    return join(this.allocated.dir, 'tmp');
  }

  private get owner() {
    return { uid: this.allocated.uid, gid: this.allocated.uid };
  }

  writeFile(relativePath: string, data: Buffer | string, mode?: number): Promise<void> {
    return writeBoxFile(this.hostBoxDir, relativePath, data, this.owner, mode);
  }

  readFile(relativePath: string, maxBytes: number): Promise<Buffer | null> {
    return readBoxFile(this.hostBoxDir, relativePath, maxBytes);
  }

  makeDir(relativePath: string): Promise<void> {
    return makeBoxDir(this.hostBoxDir, relativePath, this.owner);
  }

  clearDir(relativePath: string): Promise<void> {
    return clearBoxDir(this.hostBoxDir, relativePath);
  }

  run(spec: RunSpec): Promise<RunResult> {
    if (this.destroyed) return Promise.resolve(sandboxError('box already destroyed'));
    // Unique across judge processes and restarts: a group a crashed judge left behind must not collide.
    const name = `${this.id}-${process.pid}-${++this.runs}-${randomBytes(3).toString('hex')}`;
    // Runs in one box never overlap: each expects the box as the previous one left it.
    const result = this.running.then(async () => {
      try {
        return await this.engine.execute(this, spec, name);
      } finally {
        await clearBoxDir(this.allocated.dir, 'tmp').catch(() => undefined);
      }
    });
    this.running = result.catch(() => undefined);
    return result;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.running;
    await this.engine.releaseBox(this.allocated);
    this.onDestroy();
  }
}

/** One execution: spawn, watch limits, collect, decide the status. */
class Run {
  private killReason: RunStatus | null = null;
  private clockStarted = false;
  private startNs = 0n;
  private endNs = 0n;
  private timers: NodeJS.Timeout[] = [];
  private child: ChildProcess | null = null;
  private exitCode: number | null = null;
  private setupError: string | null = null;
  private cpuBaselineNs = 0;

  constructor(
    private readonly helper: string,
    private readonly bwrap: string,
    private readonly root: RootEntry[],
    private readonly box: NamespaceBox,
    private readonly spec: RunSpec,
    private readonly cgroup: RunCgroup,
  ) {}

  async execute(): Promise<RunResult> {
    const { spec } = this;
    const limits = spec.limits;
    let stdinFd: number | null = null;
    if (spec.stdin.kind === 'file') {
      try {
        stdinFd = openRegularFile(spec.stdin.path);
      } catch (error) {
        return sandboxError(`cannot open input ${spec.stdin.path}: ${(error as Error).message}`);
      }
    }
    // Files reach the program as inherited descriptors (a regular file's descriptor opens no way out).
    const fileFds: number[] = [];
    try {
      for (const path of spec.files ?? []) fileFds.push(openRegularFile(path));
    } catch (error) {
      for (const fd of fileFds) closeSync(fd);
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot open a file for the run: ${(error as Error).message}`);
    }
    const argv = spec.argv.map((word) =>
      word.replace(/\{file:(\d+)\}/g, (_, i: string) => `/proc/self/fd/${FIRST_FILE_FD + Number(i)}`),
    );
    const bwrapArgs = buildBwrapArgs({
      root: this.root,
      hostBoxDir: this.box.hostBoxDir,
      hostTmpDir: this.box.hostTmpDir,
      sandboxBox: SANDBOX_BOX,
      sandboxTmp: SANDBOX_TMP,
      boxWritable: spec.boxWritable,
      mounts: spec.mounts ?? [],
      env: spec.env ?? {},
      cwd: spec.cwd ?? SANDBOX_BOX,
      statusFd: 3,
      argv,
    });
    const cpuSeconds = Math.ceil(limits.cpuTimeMs / 1000) + 1;
    const spawnArgs = [
      String(this.box.uid),
      // The stack may use the whole memory limit (deep recursion); the rest are per-process backstops
      // behind the cgroup's totals.
      String(limits.memoryBytes),
      String(limits.fileSizeBytes),
      String(limits.openFiles),
      // Counted per user (the uid is the box's own). Generous because bwrap's monitor exits before reaping the
      // sandbox's init, so finished runs linger as zombies until the host's init reaps them, and still count.
      String(limits.processes * 2 + 256),
      String(cpuSeconds),
      String(FIRST_FILE_FD + fileFds.length - 1),
      ...this.cgroup.procsFiles(),
      '--',
      this.bwrap,
      ...bwrapArgs,
    ];

    const stdout = new Capture(limits.stdoutBytes);
    const stderr = new Capture(limits.stderrBytes);
    let statusText = '';

    // judge-spawn joins the run's cgroups itself, sets the rlimits and drops to the box user before it
    // executes bwrap: everything the run starts is born accounted and limited.
    const child = spawn(this.helper, spawnArgs, {
      env: { PATH: '/usr/bin:/bin' },
      stdio: [stdinFd ?? (spec.stdin.kind === 'null' ? 'ignore' : 'pipe'), 'pipe', 'pipe', 'pipe', ...fileFds],
    });
    this.child = child;
    if (stdinFd !== null) closeSync(stdinFd);
    for (const fd of fileFds) closeSync(fd);

    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the program may exit without reading its input
      if (spec.stdin.kind === 'buffer') child.stdin.end(spec.stdin.data);
      else if (spec.stdin.kind === 'stream') spec.stdin.stream.pipe(child.stdin);
    }
    const statusStream = child.stdio[3] as NodeJS.ReadableStream;

    child.stdout?.on('data', (chunk: Buffer) => {
      const within = stdout.add(chunk);
      spec.stdoutTo?.write(chunk);
      if (!within) this.kill('output-limit');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.add(chunk);
    });

    const onAbort = () => this.kill('aborted');
    if (spec.signal?.aborted) onAbort();
    spec.signal?.addEventListener('abort', onAbort);

    const closed = new Promise<void>((resolve) => {
      child.on('close', () => resolve());
      child.on('error', (error) => {
        this.setupError = `cannot start sandbox: ${error.message}`;
        resolve();
      });
    });
    child.on('exit', (code) => {
      this.endNs = process.hrtime.bigint();
      this.exitCode = code;
      // The program has ended: whatever it left behind (orphans, setsid children) dies with the run.
      void this.cgroup.killAll().catch(() => undefined);
      // Streams held open by something that escaped the kill would hang us: close them after a grace period.
      this.timers.push(
        setTimeout(() => {
          for (const stream of child.stdio) (stream as { destroy?: () => void } | null)?.destroy?.();
        }, 1000),
      );
    });

    let jsonExitCode: number | null = null;
    statusStream.on('data', (chunk: Buffer) => {
      statusText += chunk.toString('utf8');
      let newline: number;
      while ((newline = statusText.indexOf('\n')) >= 0) {
        const line = statusText.slice(0, newline);
        statusText = statusText.slice(newline + 1);
        let doc: { 'child-pid'?: number; 'exit-code'?: number };
        try {
          doc = JSON.parse(line) as typeof doc;
        } catch {
          continue;
        }
        if (doc['child-pid'] !== undefined) this.started();
        if (doc['exit-code'] !== undefined) jsonExitCode = doc['exit-code'];
      }
    });

    await closed;
    spec.signal?.removeEventListener('abort', onAbort);
    for (const t of this.timers) clearTimeout(t);
    if (this.endNs === 0n) this.endNs = process.hrtime.bigint();
    this.spec.stdoutTo?.end();

    let usage: CgroupUsage;
    try {
      usage = this.cgroup.usage();
    } catch {
      usage = { cpuTimeNs: 0, memoryPeakBytes: 0, oomKills: 0 };
    }
    const cpuTimeMs = Math.max(0, usage.cpuTimeNs - this.cpuBaselineNs) / 1e6;
    const wallTimeMs = this.clockStarted ? Number(this.endNs - this.startNs) / 1e6 : 0;
    const base = {
      cpuTimeMs: Math.round(cpuTimeMs),
      wallTimeMs: Math.round(wallTimeMs),
      memoryBytes: usage.memoryPeakBytes,
      stdout: stdout.buffer(),
      stderr: stderr.buffer(),
    };

    if (this.setupError) return { ...sandboxError(this.setupError), ...base };
    const exitCode = jsonExitCode as number | null;
    let status: RunStatus;
    let signal: number | null = null;
    let code: number | null = null;
    if (exitCode !== null && exitCode > 128 && exitCode <= 128 + 64) signal = exitCode - 128;
    else code = exitCode;

    const atMemoryLimit = usage.memoryPeakBytes >= limits.memoryBytes * 0.98;
    // A program stuck reclaiming at its memory limit burns time before the OOM killer acts: that is MLE.
    if ((this.killReason === 'cpu-time-limit' || this.killReason === 'wall-time-limit') && atMemoryLimit)
      status = 'memory-limit';
    else if (this.killReason) status = this.killReason;
    else if (usage.oomKills > 0) status = 'memory-limit';
    else if (cpuTimeMs > limits.cpuTimeMs || signal === SIGXCPU) status = 'cpu-time-limit';
    else if (signal === SIGXFSZ) status = 'output-limit';
    else if (exitCode === null) {
      // bwrap reports an exit code only once the program started: anything else is a setup failure.
      return {
        ...sandboxError(`sandbox setup failed: ${base.stderr.toString('utf8').trim() || `exit ${this.exitCode}`}`),
        ...base,
      };
    } else if (signal === SIGKILL && atMemoryLimit) status = 'memory-limit';
    else if (signal !== null) status = 'signaled';
    else status = code === 0 ? 'ok' : 'nonzero-exit';
    return { status, exitCode: code, signal, ...base };
  }

  /** The sandbox exists (bwrap has cloned it): the clocks start. */
  private started(): void {
    this.clockStarted = true;
    this.startNs = process.hrtime.bigint();
    try {
      // bwrap's own start-up ran in the group: the program's CPU time counts from here.
      this.cpuBaselineNs = this.cgroup.usage().cpuTimeNs;
    } catch {
      this.cpuBaselineNs = 0;
    }
    this.timers.push(setTimeout(() => this.kill('wall-time-limit'), this.spec.limits.wallTimeMs));
    this.watchCpu();
  }

  /** Polls the group's CPU time, sooner as it nears the limit (threads make it grow faster than the clock). */
  private watchCpu(): void {
    const limitMs = this.spec.limits.cpuTimeMs;
    const tick = () => {
      if (this.killReason || this.endNs !== 0n) return;
      let usage: CgroupUsage;
      try {
        usage = this.cgroup.usage();
      } catch {
        return;
      }
      const usedMs = (usage.cpuTimeNs - this.cpuBaselineNs) / 1e6;
      if (usedMs > limitMs) {
        this.kill('cpu-time-limit');
        return;
      }
      const delay = Math.min(100, Math.max(2, (limitMs - usedMs) / 4));
      this.timers.push(setTimeout(tick, delay));
    };
    this.timers.push(setTimeout(tick, Math.min(100, Math.max(2, limitMs / 4))));
  }

  private kill(reason: RunStatus): void {
    if (this.killReason || this.endNs !== 0n) return;
    this.killReason = reason;
    void this.cgroup.killAll().catch(() => undefined);
    this.child?.kill('SIGKILL');
  }
}
