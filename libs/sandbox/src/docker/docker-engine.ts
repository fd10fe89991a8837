import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, promises as fs, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import type { Box, BoxOptions, Mount, RunResult, RunSpec, RunStatus, SandboxEngine } from '../types';
import { boxPathComponents, clearBoxDir, makeBoxDir, readBoxFile, writeBoxFile } from '../box-files';
import { Capture, openRegularFile, sandboxError } from '../run-capture';
import { detectRootLayout, type RootEntry } from '../namespace/bwrap-args';
import { isAlive } from '../namespace/processes';
import { realpathUnder } from '../host-root';
import type { CgroupUsage } from '../namespace/cgroup';
import { containerCgroup, type ContainerCgroup } from './container-cgroup';
import { ExecDemuxer } from './exec-stream';
import {
  DEFAULT_RUNTIME,
  RUNTIME_LABEL,
  TOOLCHAIN_LABEL,
  defaultImageName,
  type ToolchainSource,
} from './runtime-images';

export interface DockerEngineOptions {
  /** How to reach the daemon; by default DOCKER_HOST or the default socket. It must run on this host. */
  docker?: Docker.DockerOptions;
  /** Box containers are named `<namePrefix>-<slot>`: the daemon's unique names make a slot (and its users) ours. */
  namePrefix: string;
  /** Each slot has two host uids of its own: uidBase + 2·slot writes the box, the next one runs read-only. */
  uidBase: number;
  /** The most boxes alive at once on this daemon. */
  slots: number;
  /** Labels this judge's containers (the runner id): `removeLeftovers()` removes those a crash left. */
  owner: string;
  /** Runtime → image, overriding `judge-runtime-<runtime>` (JUDGE_DOCKER_IMAGES). */
  images: Record<string, string>;
  /** CPUs a box may use at once. */
  cpus: number;
  /**
   * Where this process sees the daemon host's root (JUDGE_HOST_ROOT): `/` on the host itself; for a runner in a
   * container, the folder the host's `/` is bound at. Toolchain folders and the root's layout are read there.
   */
  hostRoot: string;
  /**
   * A folder at the same path here and on the daemon's host (JUDGE_DOCKER_SHARED_DIR), for a runner in a
   * container: the daemon resolves bind sources on its host, so judge-exec is copied here, and every other
   * folder a box binds (validator builds: the cache) must lie in it. Unset: the runner is on the host.
   */
  sharedDir?: string;
}

export const DEFAULT_DOCKER_OPTIONS: DockerEngineOptions = {
  namePrefix: 'judge-box',
  uidBase: 3_300_000,
  slots: 256,
  owner: hostname(),
  images: {},
  cpus: 1,
  hostRoot: '/',
};

/** Labels on every box container. */
export const BOX_LABEL = 'judge.box';
export const OWNER_LABEL = 'judge.owner';
const HOST_LABEL = 'judge.host';
const PID_LABEL = 'judge.pid';

/** Built by `npm run build` from native/judge-exec.c (static); bound read-only into every box. */
const JUDGE_EXEC = join(__dirname, '..', '..', 'bin', 'judge-exec');
const HELPER_PATH = '/.judge/judge-exec';
const SANDBOX_BOX = '/box';
const SANDBOX_TMP = '/tmp';
/** Host files of a run (validators' input and answer) are copied here: root's, readable by the box users. */
const SANDBOX_FILES = '/.judge-files';
/** The container's init runs as nobody: no box user can signal or trace it. */
const INIT_USER = '65534:65534';
const SIGXCPU = 24;
const SIGXFSZ = 25;
const SIGKILL = 9;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface DockerError {
  statusCode?: number;
  message: string;
}

interface RuntimeImage {
  name: string;
  toolchain: ToolchainSource;
}

/**
 * The docker engine: one container per box (per submission) from its runtime's image, and one `docker exec`
 * per run. The container has no network, a read-only root, bounded tmpfs folders for the box and /tmp, no
 * capabilities, no-new-privileges, and non-root users of the box's own. Limits and measurements come from
 * the container's cgroup (read on the host, so the daemon must be local) and from rlimits that judge-exec
 * sets before it executes the program.
 */
export class DockerEngine implements SandboxEngine {
  readonly name = 'docker';
  readonly docker: Docker;
  private root: RootEntry[] = [];
  /** judge-exec as the daemon's host sees it. */
  private helper = JUDGE_EXEC;
  /** Names this host's pid namespace in the labels: the daemon's id, the same for a runner in a container. */
  private hostId = '';
  private ready: Promise<void> | null = null;
  private readonly images = new Map<string, Promise<RuntimeImage>>();
  private readonly boxes = new Set<DockerBox>();

  constructor(readonly options: DockerEngineOptions = DEFAULT_DOCKER_OPTIONS) {
    this.docker = new Docker(options.docker);
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      const host = process.env.DOCKER_HOST ?? '';
      if (!this.options.docker && host !== '' && !host.startsWith('unix://'))
        throw new Error(
          `the docker engine needs the daemon on this host (it reads the boxes' cgroups), not DOCKER_HOST=${host}`,
        );
      try {
        await this.docker.ping();
      } catch (error) {
        throw new Error(
          `no Docker daemon answers (${(error as Error).message}): install docker.io and start dockerd, or use JUDGE_SANDBOX=namespace`,
        );
      }
      try {
        await fs.access(JUDGE_EXEC, constants.X_OK);
      } catch {
        throw new Error(`${JUDGE_EXEC} is not built: run \`npm run build\` (it needs a C compiler and a static libc)`);
      }
      if (this.options.sharedDir) this.helper = await shareHelper(this.options.sharedDir);
      const info = (await this.docker.info()) as { ID?: string };
      this.hostId = info.ID || hostname();
      this.root = await detectRootLayout(this.options.hostRoot);
      await this.removeStale();
    })();
    return this.ready;
  }

  async check(): Promise<string[]> {
    try {
      await this.init();
      await this.image(DEFAULT_RUNTIME);
    } catch (error) {
      this.ready = null;
      return [(error as Error).message];
    }
    return [];
  }

  /** The image of a runtime, checked once: missing images are the judge's fault, reported as such. */
  private image(runtime: string): Promise<RuntimeImage> {
    let found = this.images.get(runtime);
    if (!found) {
      const name = this.options.images[runtime] ?? defaultImageName(runtime);
      found = this.docker
        .getImage(name)
        .inspect()
        .then((info): RuntimeImage => {
          const labels = info.Config?.Labels ?? {};
          return { name, toolchain: labels[TOOLCHAIN_LABEL] === 'host' ? 'host' : 'image' };
        })
        .catch((error: DockerError) => {
          this.images.delete(runtime);
          if (error.statusCode === 404)
            throw new Error(`runtime image ${name} (runtime ${runtime}) is missing: run \`npx judge images build\``);
          throw error;
        });
      this.images.set(runtime, found);
    }
    return found;
  }

  /** Containers of this owner left by a judge that crashed; the runner calls this when it starts. */
  async removeLeftovers(): Promise<number> {
    await this.init();
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${BOX_LABEL}=1`, `${OWNER_LABEL}=${this.options.owner}`] },
    });
    const live = new Set([...this.boxes].map((b) => b.id));
    const stale = containers.filter((c) => !c.Names.some((n) => live.has(n.replace(/^\//, ''))));
    await Promise.all(stale.map((c) => this.remove(c.Id)));
    return stale.length;
  }

  /** Boxes of any owner whose judge process on this host is gone. */
  private async removeStale(): Promise<void> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${BOX_LABEL}=1`, `${HOST_LABEL}=${this.hostId}`] },
    });
    await Promise.all(
      containers
        .filter((c) => {
          const pid = Number(c.Labels[PID_LABEL]);
          return pid !== process.pid && !isAlive(pid);
        })
        .map((c) => this.remove(c.Id)),
    );
  }

  private async remove(id: string): Promise<void> {
    await this.docker
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch((error: DockerError) => {
        if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
      });
  }

  async createBox(options: BoxOptions): Promise<Box> {
    await this.init();
    const image = await this.image(options.runtime ?? DEFAULT_RUNTIME);
    const mounts: Mount[] = [];
    const shared = this.options.sharedDir;
    for (const mount of options.mounts ?? []) {
      if (mount.toolchain && image.toolchain === 'image') continue;
      if (!mount.toolchain && shared && !isUnder(mount.hostPath, shared))
        throw new Error(
          `cannot make the box: ${mount.hostPath} is not in JUDGE_DOCKER_SHARED_DIR (${shared}), so the daemon cannot bind it (put JUDGE_CACHE_DIR in it)`,
        );
      // Toolchain folders are the host's; what the runner made (validator builds) is its own, at the same path.
      const root = mount.toolchain ? this.options.hostRoot : '/';
      if ((await realpathUnder(root, mount.hostPath)) === null) {
        if (mount.optional) continue;
        throw new Error(`cannot make the box: ${mount.hostPath} does not exist`);
      }
      mounts.push(mount);
    }
    for (;;) {
      for (let slot = 0; slot < this.options.slots; slot++) {
        const box = await this.tryCreate(slot, options, image, mounts);
        if (box) return box;
      }
      // Every slot is taken: wait for a box to go.
      await sleep(50);
    }
  }

  private async tryCreate(
    slot: number,
    options: BoxOptions,
    image: RuntimeImage,
    mounts: Mount[],
  ): Promise<DockerBox | null> {
    const name = `${this.options.namePrefix}-${slot}`;
    const writer = this.options.uidBase + 2 * slot;
    const binds = [`${this.helper}:${HELPER_PATH}:ro`];
    if (image.toolchain === 'host') {
      // Exactly what the namespace engine shows: /usr and the system folders (links in the image).
      binds.push('/usr:/usr:ro');
      for (const entry of this.root) if (entry.kind === 'dir') binds.push(`/${entry.name}:/${entry.name}:ro`);
    }
    for (const mount of mounts) binds.push(`${mount.hostPath}:${mount.sandboxPath}:ro`);
    const size = options.sizeBytes;
    const tmpfs = 'rw,nosuid,nodev,exec';
    let container: Docker.Container;
    try {
      container = await this.docker.createContainer({
        name,
        Image: image.name,
        Entrypoint: [HELPER_PATH],
        Cmd: ['init'],
        User: INIT_USER,
        Env: [],
        WorkingDir: SANDBOX_BOX,
        NetworkDisabled: true,
        Labels: {
          [BOX_LABEL]: '1',
          [OWNER_LABEL]: this.options.owner,
          [HOST_LABEL]: this.hostId,
          [PID_LABEL]: String(process.pid),
          [RUNTIME_LABEL]: options.runtime ?? DEFAULT_RUNTIME,
        },
        HostConfig: {
          NetworkMode: 'none',
          ReadonlyRootfs: true,
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges'],
          // A private IPC namespace without /dev/shm: no writable place outside the box's tmpfs folders.
          IpcMode: 'none',
          Memory: 256 << 20,
          MemorySwap: 256 << 20,
          PidsLimit: 64,
          NanoCpus: Math.round(this.options.cpus * 1e9),
          Tmpfs: {
            [SANDBOX_BOX]: `${tmpfs},size=${size},mode=0755,uid=${writer},gid=${writer}`,
            [SANDBOX_TMP]: `${tmpfs},size=${size},mode=1777`,
            [SANDBOX_FILES]: `rw,nosuid,nodev,noexec,size=${size},mode=0755`,
          },
          Binds: binds,
          LogConfig: { Type: 'none', Config: {} },
          RestartPolicy: { Name: 'no' },
        },
      });
    } catch (error) {
      const e = error as DockerError;
      if (e.statusCode !== 409) throw new Error(`cannot create the box container: ${e.message}`);
      // The name is taken: by a live box, or by one whose judge died (then it is ours to clear).
      const existing = await this.docker
        .getContainer(name)
        .inspect()
        .catch(() => null);
      const labels = existing?.Config.Labels ?? {};
      const pid = Number(labels[PID_LABEL]);
      if (existing && labels[HOST_LABEL] === this.hostId && pid !== process.pid && !isAlive(pid)) {
        await this.remove(existing.Id);
        return this.tryCreate(slot, options, image, mounts);
      }
      return null;
    }
    try {
      await container.start();
      const info = await container.inspect();
      const box = new DockerBox(container, name, info.State.Pid, writer, mounts, image.toolchain, this.options, () =>
        this.boxes.delete(box),
      );
      this.boxes.add(box);
      return box;
    } catch (error) {
      await this.remove(container.id);
      throw new Error(`cannot start the box container: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.boxes].map((b) => b.destroy()));
  }
}

class DockerBox implements Box {
  readonly sandboxPath = SANDBOX_BOX;
  private destroyed = false;
  private running: Promise<unknown> = Promise.resolve();
  readonly cgroup: ContainerCgroup;
  /** The container's root as the host sees it, through its init's /proc entry. */
  readonly hostRoot: string;
  private limits = { memoryBytes: 256 << 20, processes: 64 };

  constructor(
    readonly container: Docker.Container,
    readonly id: string,
    readonly initPid: number,
    readonly uid: number,
    private readonly mounts: Mount[],
    private readonly toolchain: ToolchainSource,
    private readonly options: Pick<DockerEngineOptions, 'hostRoot'>,
    private readonly onDestroy: () => void,
  ) {
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

  private get owner() {
    return { uid: this.uid, gid: this.uid };
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

  /** A mount the run asks for must have been bound when the container was made. */
  async missingMount(requested: Mount[]): Promise<string | null> {
    for (const m of requested) {
      if (this.mounts.some((b) => b.hostPath === m.hostPath && b.sandboxPath === m.sandboxPath)) continue;
      if (m.toolchain && this.toolchain === 'image') continue;
      const root = m.toolchain ? this.options.hostRoot : '/';
      if (m.optional && (await realpathUnder(root, m.hostPath)) === null) continue;
      return m.sandboxPath;
    }
    return null;
  }

  /** Memory and processes are the container's limits: changed through the API when a run needs others. */
  async applyLimits(memoryBytes: number, processes: number): Promise<void> {
    if (this.limits.memoryBytes === memoryBytes && this.limits.processes === processes) return;
    await this.container.update({ Memory: memoryBytes, MemorySwap: memoryBytes, PidsLimit: processes });
    this.limits = { memoryBytes, processes };
  }

  /** SIGKILL every process of the container but its init, until none is left (a fork bomb races the kill). */
  async killRuns(): Promise<void> {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const pids = this.cgroup.pids().filter((p) => p !== this.initPid);
      // Done once only the init is charged: the shim reaps an exec's process a little after it exits, and
      // until then it counts against the pids limit (and RLIMIT_NPROC), so the next exec could not start.
      if (pids.length === 0 && this.cgroup.charged() <= 1) return;
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await sleep(attempt < 10 ? 1 : 10);
    }
    throw new Error(`processes of box ${this.id} survive SIGKILL`);
  }

  run(spec: RunSpec): Promise<RunResult> {
    if (this.destroyed) return Promise.resolve(sandboxError('box already destroyed'));
    const result = this.running.then(async () => {
      try {
        // runc now and then fails to start an exec under load ("read init-p: connection reset by peer");
        // the program never ran, so running it again is safe, except when its input is a live stream.
        for (let attempt = 1; ; attempt++) {
          const outcome = await new DockerRun(this, spec).execute();
          if (!(outcome.status === 'sandbox-error' && outcome.error?.startsWith(NOT_STARTED))) return outcome;
          if (attempt === 3 || spec.stdin.kind === 'stream') return outcome;
          await this.killRuns().catch(() => undefined);
          await sleep(20 * attempt);
        }
      } catch (error) {
        return sandboxError(`docker: ${(error as Error).message}`);
      } finally {
        await this.killRuns().catch(() => undefined);
        await clearBoxDir(this.hostRoot, SANDBOX_TMP.slice(1)).catch(() => undefined);
        await clearBoxDir(this.hostRoot, SANDBOX_FILES.slice(1)).catch(() => undefined);
        if (spec.boxWritable) await this.sealBox().catch(() => undefined);
      }
    });
    this.running = result.catch(() => undefined);
    return result;
  }

  /**
   * After a run that could write the box: nothing in it stays writable by others, so the read-only runs (a
   * different user) cannot change what the next test sees. Every box process is dead by now; links are skipped.
   */
  private async sealBox(): Promise<void> {
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isSymbolicLink()) continue;
        const stat = await fs.lstat(path);
        if (stat.isDirectory()) await walk(path);
        if ((stat.isDirectory() || stat.isFile()) && (stat.mode & 0o7022) !== 0)
          await fs.chmod(path, stat.mode & 0o755);
      }
    };
    await walk(this.hostBoxDir);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.running;
    await this.container.remove({ force: true, v: true }).catch((error: DockerError) => {
      if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
    });
    this.onDestroy();
  }
}

const NOT_STARTED = 'docker exec could not start the run';

/** One run: a `docker exec` of judge-exec, watched, collected, and its status decided. */
class DockerRun {
  private killReason: RunStatus | null = null;
  private startNs = 0n;
  private endNs = 0n;
  private timers: NodeJS.Timeout[] = [];
  private stream: Duplex | null = null;
  private mainPid = 0;
  private ended = false;
  private killing: Promise<void> | null = null;
  private readonly token = randomBytes(12).toString('hex');

  constructor(
    private readonly box: DockerBox,
    private readonly spec: RunSpec,
  ) {}

  async execute(): Promise<RunResult> {
    const { spec, box } = this;
    const limits = spec.limits;
    const missing = await box.missingMount(spec.mounts ?? []);
    if (missing) return sandboxError(`the box was made without the mount ${missing}`);

    let stdinFd: number | null = null;
    if (spec.stdin.kind === 'file') {
      try {
        stdinFd = openRegularFile(spec.stdin.path);
      } catch (error) {
        return sandboxError(`cannot open input ${spec.stdin.path}: ${(error as Error).message}`);
      }
    }
    try {
      await this.copyFiles(spec.files ?? []);
    } catch (error) {
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot copy a file for the run: ${(error as Error).message}`);
    }
    const argv = spec.argv.map((word) => word.replace(/\{file:(\d+)\}/g, (_, i: string) => `${SANDBOX_FILES}/${i}`));
    const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const cpuSeconds = Math.ceil(limits.cpuTimeMs / 1000) + 1;
    const cmd = [
      HELPER_PATH,
      'run',
      this.token,
      String(limits.memoryBytes),
      String(limits.fileSizeBytes),
      String(limits.openFiles),
      // Counted per user, and the user is the box's own: the run's processes and threads, as in the cgroup.
      String(limits.processes + 2),
      String(cpuSeconds),
      ...env,
      '--',
      ...argv,
    ];

    try {
      // The init is one more process of the container.
      await box.applyLimits(limits.memoryBytes, limits.processes + 3);
    } catch (error) {
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot set the box's limits: ${(error as Error).message}`);
    }

    const stdout = new Capture(limits.stdoutBytes);
    const stderr = new Capture(limits.stderrBytes);
    // judge-exec's setup failure is the last thing on stderr, whatever the stderr limit kept.
    let stderrTail: Buffer = Buffer.alloc(0);
    const demux = new ExecDemuxer(
      (chunk) => {
        const within = stdout.add(chunk);
        spec.stdoutTo?.write(chunk);
        if (!within) this.kill('output-limit');
      },
      (chunk) => {
        stderr.add(chunk);
        stderrTail = Buffer.concat([stderrTail, chunk]).subarray(-512);
      },
    );

    const withStdin = spec.stdin.kind !== 'null';
    const exec = await box.container.exec({
      Cmd: cmd,
      User: `${spec.boxWritable ? box.uid : box.readerUid}:${spec.boxWritable ? box.uid : box.readerUid}`,
      WorkingDir: spec.cwd ?? SANDBOX_BOX,
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Env: [],
    });
    box.cgroup.startRun();
    const onAbort = () => this.kill('aborted');
    if (spec.signal?.aborted) onAbort();
    spec.signal?.addEventListener('abort', onAbort);

    const stream = await exec.start({ hijack: true, stdin: withStdin });
    this.stream = stream;
    this.startNs = process.hrtime.bigint();
    const closed = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => demux.push(chunk));
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', () => resolve());
    });
    if (withStdin) this.feedStdin(stream, stdinFd);
    this.timers.push(setTimeout(() => this.kill('wall-time-limit'), limits.wallTimeMs));
    if (this.killReason) this.killNow();
    this.watch(exec);

    await closed;
    this.ended = true;
    if (this.endNs === 0n) this.endNs = process.hrtime.bigint();
    spec.signal?.removeEventListener('abort', onAbort);
    for (const t of this.timers) clearTimeout(t);
    spec.stdoutTo?.end();
    await this.killing;
    // Whatever the program left behind dies with the run, before its usage is read.
    await box.killRuns();

    let exitCode: number | null = null;
    let startedPid = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const info = await exec.inspect();
      if (!info.Running) {
        exitCode = info.ExitCode;
        startedPid = info.Pid;
        break;
      }
      await sleep(5);
    }

    let usage: CgroupUsage;
    try {
      usage = box.cgroup.usage();
    } catch {
      usage = { cpuTimeNs: 0, memoryPeakBytes: 0, oomKills: 0 };
    }
    const cpuTimeMs = Math.max(0, usage.cpuTimeNs) / 1e6;
    const base = {
      cpuTimeMs: Math.round(cpuTimeMs),
      wallTimeMs: Math.round(Number(this.endNs - this.startNs) / 1e6),
      memoryBytes: usage.memoryPeakBytes,
      stdout: stdout.buffer(),
      stderr: stderr.buffer(),
    };

    if (exitCode === 127 && stderrTail.includes(this.token)) {
      const line = stderrTail.toString('utf8').split(this.token).at(-1)?.trim() ?? '';
      return { ...sandboxError(`sandbox setup failed: ${line}`), ...base, stderr: Buffer.alloc(0) };
    }
    if (exitCode === 126 && /judge-exec:/.test(stderrTail.toString('utf8')))
      return { ...sandboxError(`sandbox setup failed: ${stderrTail.toString('utf8').trim()}`), ...base };
    // The runtime could not start judge-exec at all (it never got a pid): ours, not the program's exit code.
    if ((exitCode === 126 || exitCode === 127) && startedPid === 0)
      return { ...sandboxError(`${NOT_STARTED} (exit ${exitCode})`), ...base };

    let signal: number | null = null;
    let code: number | null = null;
    if (exitCode !== null && exitCode > 128 && exitCode <= 128 + 64) signal = exitCode - 128;
    else code = exitCode;

    const atMemoryLimit = usage.memoryPeakBytes >= limits.memoryBytes * 0.98;
    let status: RunStatus;
    if ((this.killReason === 'cpu-time-limit' || this.killReason === 'wall-time-limit') && atMemoryLimit)
      status = 'memory-limit';
    else if (this.killReason) status = this.killReason;
    else if (usage.oomKills > 0) status = 'memory-limit';
    else if (cpuTimeMs > limits.cpuTimeMs || signal === SIGXCPU) status = 'cpu-time-limit';
    else if (signal === SIGXFSZ) status = 'output-limit';
    else if (exitCode === null) return { ...sandboxError('the exec did not report an exit code'), ...base };
    else if (signal === SIGKILL && atMemoryLimit) status = 'memory-limit';
    else if (signal !== null) status = 'signaled';
    else status = code === 0 ? 'ok' : 'nonzero-exit';
    return { status, exitCode: code, signal, ...base };
  }

  /** Copies of the run's host files in the container: a container's mounts cannot change once it runs. */
  private async copyFiles(paths: string[]): Promise<void> {
    for (const [i, path] of paths.entries()) {
      const fd = openRegularFile(path);
      let data: Buffer;
      try {
        data = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      // The folder is root's: no box user can have planted anything in it.
      boxPathComponents(String(i));
      const handle = await fs.open(
        join(this.box.hostRoot, SANDBOX_FILES, String(i)),
        constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
        0o644,
      );
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    }
  }

  private feedStdin(stream: Duplex, stdinFd: number | null): void {
    const { stdin } = this.spec;
    stream.on('error', () => undefined); // the program may exit without reading its input
    if (stdin.kind === 'buffer') {
      stream.end(stdin.data);
    } else if (stdin.kind === 'file' && stdinFd !== null) {
      createReadStream('', { fd: stdinFd }).pipe(stream);
    } else if (stdin.kind === 'stream') {
      stdin.stream.pipe(stream);
    }
  }

  /**
   * Polls the container's CPU time (sooner as it nears the limit) and whether the program itself has ended:
   * an orphan holding its stdout open would keep the exec's stream open, and must die with the run.
   */
  private watch(exec: Docker.Exec): void {
    const limitMs = this.spec.limits.cpuTimeMs;
    let asking = false;
    const tick = () => {
      if (this.killReason || this.ended) return;
      let usedMs = 0;
      try {
        usedMs = this.box.cgroup.usage().cpuTimeNs / 1e6;
      } catch {
        return;
      }
      if (usedMs > limitMs) {
        this.kill('cpu-time-limit');
        return;
      }
      // The daemon knows the program's host pid only once it has started it.
      if (this.mainPid === 0 && !asking) {
        asking = true;
        void exec
          .inspect()
          .then((info) => {
            if (info.Pid > 0) this.mainPid = info.Pid;
          })
          .catch(() => undefined)
          .finally(() => (asking = false));
      }
      if (this.mainPid > 0 && !running(this.mainPid)) {
        this.endNs = process.hrtime.bigint();
        this.killing = this.box.killRuns().catch(() => undefined);
        return;
      }
      this.timers.push(setTimeout(tick, Math.min(50, Math.max(2, (limitMs - usedMs) / 4))));
    };
    this.timers.push(setTimeout(tick, Math.min(50, Math.max(2, limitMs / 4))));
  }

  private kill(reason: RunStatus): void {
    if (this.killReason || this.ended) return;
    this.killReason = reason;
    if (this.stream) this.killNow();
  }

  private killNow(): void {
    this.endNs = process.hrtime.bigint();
    this.killing = this.box.killRuns().catch(() => undefined);
  }
}

/**
 * judge-exec copied into the shared folder, named by its content: runners of two releases sharing the folder
 * never replace each other's, and a box keeps the file it bound. Written whole, then renamed into place.
 */
async function shareHelper(dir: string): Promise<string> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory())
    throw new Error(`JUDGE_DOCKER_SHARED_DIR=${dir} is not a folder: bind the host's ${dir} at the same path`);
  const data = await fs.readFile(JUDGE_EXEC);
  const path = join(dir, `judge-exec-${createHash('sha256').update(data).digest('hex').slice(0, 16)}`);
  const have = await fs.readFile(path).catch(() => null);
  if (have?.equals(data)) return path;
  const part = `${path}.${process.pid}.part`;
  await fs.writeFile(part, data, { mode: 0o755 });
  await fs.chmod(part, 0o755);
  await fs.rename(part, path);
  return path;
}

function isUnder(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel);
}

/** Whether a host process is alive and not yet a zombie. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
