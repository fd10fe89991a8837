import { constants, promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import Docker from 'dockerode';
import type { Box, BoxOptions, Mount, SandboxEngine } from '../types';
import { detectRootLayout, realpathUnder, type RootEntry } from '../host-root';
import { isAlive } from '../processes';
import {
  BOX_LABEL,
  createBoxContainer,
  HOST_LABEL,
  OWNER_LABEL,
  PID_LABEL,
  removeContainer,
  shareHelper,
  type DockerError,
  type RuntimeImage,
} from './box-container';
import { DockerBox } from './docker-box';
import { CpuPool } from '../cpu-set';
import { DEFAULT_RUNTIME, RUNTIME_LABEL, TOOLCHAIN_LABEL, defaultImageName } from './runtime-images';
import { BackgroundWork } from '../background-work';
import { WarmPool } from '../warm-pool';

export { BOX_LABEL, OWNER_LABEL } from './box-container';

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
  /** JUDGE_CPUS: each run is pinned to one of these (the container's cpuset, see CpuPool). Unset: any CPU. */
  cpuList?: number[];
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
  /**
   * Box containers kept created and started, ready to take a submission (JUDGE_DOCKER_POOL; the runner's
   * concurrency by default). A used container is never handed out again: it is removed in the background and a
   * fresh one made in its place. 0: each box's container is made when asked for and removed when destroyed.
   */
  pool?: number;
}

export const DEFAULT_DOCKER_OPTIONS: DockerEngineOptions = {
  namePrefix: 'judge-box',
  uidBase: 3_300_000,
  slots: 256,
  owner: hostname(),
  images: {},
  cpus: 1,
  hostRoot: '/',
  pool: 1,
};

/** What a box's container is made of: boxes of one recipe can come from the same pool. */
interface Recipe {
  /** The image, the tmpfs size and the mounts, which a container keeps for life. */
  kind: string;
  options: BoxOptions;
  image: RuntimeImage;
  mounts: Mount[];
}

/** Built by `npm run build` from native/judge-exec.c (static); bound read-only into every box. */
const JUDGE_EXEC = join(__dirname, '..', '..', 'bin', 'judge-exec');
/** Built by `npm run build` from native/judge-enter.c; run by the judge (root) to start each run in its box. */
const JUDGE_ENTER = join(__dirname, '..', '..', 'bin', 'judge-enter');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The docker engine: one container per box (per submission) from its runtime's image, each run started in it
 * by judge-enter from the host. Containers are made and started ahead of need and kept in a pool (`pool`); each
 * is used for one box only, then removed in the background and replaced. The container has no network, a
 * read-only root, bounded tmpfs folders for the box and /tmp, no capabilities, no-new-privileges, and non-root
 * users of the box's own. Limits and measurements come from the container's cgroup (read on the host, so the
 * daemon must be local) and from rlimits that judge-exec sets before it executes the program.
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
  /** Every box container of this engine alive: handed out, or waiting in the pool. */
  private readonly boxes = new Set<DockerBox>();
  /** Slots whose container is this engine's (alive or being removed): never tried for a new one. */
  private readonly slotsInUse = new Set<number>();
  /** Removals of used containers still under way. */
  private readonly removals = new BackgroundWork();
  private readonly pool: WarmPool<DockerBox> | null;
  private closed = false;
  private readonly cpuPool: CpuPool | null;

  constructor(readonly options: DockerEngineOptions = DEFAULT_DOCKER_OPTIONS) {
    this.docker = new Docker(options.docker);
    this.cpuPool = options.cpuList?.length ? new CpuPool(options.cpuList) : null;
    const size = options.pool ?? DEFAULT_DOCKER_OPTIONS.pool ?? 0;
    this.pool = size > 0 ? new WarmPool<DockerBox>(size, (box) => void box.destroy()) : null;
  }

  /** Containers waiting in the pool (or being made for it). */
  get pooled(): number {
    return this.pool?.size ?? 0;
  }

  /** Resolves once the pool is full of started containers and every used one is removed (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.pool?.settled();
    // Discarding a pushed-out container starts its removal a moment after the pool let it go.
    await sleep(0);
    await this.removals.drained();
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
      for (const helper of [JUDGE_EXEC, JUDGE_ENTER]) {
        try {
          await fs.access(helper, constants.X_OK);
        } catch {
          throw new Error(`${helper} is not built: run \`npm run build\` (it needs a C compiler and a static libc)`);
        }
      }
      if (this.options.sharedDir) this.helper = await shareHelper(JUDGE_EXEC, this.options.sharedDir);
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
    // Ours alive: boxes handed out, pooled, being made or being removed.
    const live = new Set([...this.slotsInUse].map((slot) => this.slotName(slot)));
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

  private remove(id: string): Promise<void> {
    return removeContainer(this.docker.getContainer(id));
  }

  async createBox(options: BoxOptions): Promise<Box> {
    if (this.closed) throw new Error('the docker engine is closed');
    const recipe = await this.recipe(options);
    // A container being made for the pool still comes sooner than one made from now.
    for (let warm = this.pool?.take(recipe.kind); warm; warm = this.pool?.take(recipe.kind)) {
      const box = await warm;
      if (!box) continue;
      // Removed under us (docker rm, a second judge of the same owner clearing leftovers): never handed out.
      if (isAlive(box.initPid)) return box;
      void box.destroy();
    }
    return (await this.make(recipe, true))!;
  }

  /** Names of the pool's containers, each made and started and never handed out (tests). */
  get idleBoxIds(): string[] {
    return (this.pool?.waiting ?? []).map((box) => box.id);
  }

  private async recipe(options: BoxOptions): Promise<Recipe> {
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
    const kind = JSON.stringify([image.name, options.runtime ?? DEFAULT_RUNTIME, options.sizeBytes, mounts]);
    return { kind, options, image, mounts };
  }

  /** A started box container in a free slot; `wait`: until a slot is free, else null when none is. */
  private async make(recipe: Recipe, wait: boolean): Promise<DockerBox | null> {
    for (;;) {
      for (let slot = 0; slot < this.options.slots; slot++) {
        if (this.slotsInUse.has(slot)) continue;
        this.slotsInUse.add(slot);
        let box: DockerBox | null = null;
        try {
          box = await this.tryCreate(slot, recipe);
        } finally {
          if (!box) this.slotsInUse.delete(slot);
        }
        if (box) return box;
      }
      if (!wait) return null;
      // Every slot is taken: wait for a box to go.
      await sleep(50);
    }
  }

  /** A container made ahead for the pool; null when it cannot be made now (the next box is made when asked). */
  private refill(recipe: Recipe): void {
    if (!this.pool || this.closed) return;
    this.pool.add(
      recipe.kind,
      this.make(recipe, false).catch(() => null),
    );
  }

  /**
   * A destroyed box's container goes: with the pool, in the background (nothing of it is used again, and its slot
   * with its users stays taken until it is gone), and a fresh one takes its place in the pool.
   */
  private async dispose(box: DockerBox, slot: number, recipe: Recipe): Promise<void> {
    this.boxes.delete(box);
    // One pushed out of the pool, never handed out, is not replaced: the pool has room for what pushed it out.
    const used = this.pool?.used(box) ?? true;
    const removal = this.remove(box.container.id).finally(() => this.slotsInUse.delete(slot));
    this.removals.add(removal);
    if (!this.pool || this.closed) return removal;
    if (used) this.refill(recipe);
  }

  private slotName(slot: number): string {
    return `${this.options.namePrefix}-${slot}`;
  }

  private async tryCreate(slot: number, recipe: Recipe): Promise<DockerBox | null> {
    const { options, image, mounts } = recipe;
    const name = this.slotName(slot);
    const writer = this.options.uidBase + 2 * slot;
    let container: Docker.Container;
    try {
      container = await createBoxContainer(this.docker, {
        name,
        image,
        helper: this.helper,
        root: this.root,
        mounts,
        sizeBytes: options.sizeBytes,
        writer,
        cpus: this.options.cpus,
        // Where the box's first run will most likely go; each run moves the container if its CPU differs.
        cpu: this.cpuPool?.pick(),
        labels: {
          [BOX_LABEL]: '1',
          [OWNER_LABEL]: this.options.owner,
          [HOST_LABEL]: this.hostId,
          [PID_LABEL]: String(process.pid),
          [RUNTIME_LABEL]: options.runtime ?? DEFAULT_RUNTIME,
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
        return this.tryCreate(slot, recipe);
      }
      return null;
    }
    try {
      await container.start();
      const info = await container.inspect();
      const box: DockerBox = new DockerBox(
        container,
        name,
        info.State.Pid,
        writer,
        mounts,
        image.toolchain,
        this.options.hostRoot,
        { helper: JUDGE_ENTER, tmpBytes: options.sizeBytes },
        () => this.dispose(box, slot, recipe),
        this.cpuPool && { pool: this.cpuPool, cpu: cpuOf(info.HostConfig.CpusetCpus) },
      );
      this.boxes.add(box);
      return box;
    } catch (error) {
      await this.remove(container.id);
      throw new Error(`cannot start the box container: ${(error as Error).message}`);
    }
  }

  /** Removes every container of this engine: boxes handed out, the pool's, and used ones still going. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.drain();
    await Promise.all([...this.boxes].map((b) => b.destroy()));
    await this.settled();
  }
}

/** The one CPU of a container's cpuset, as created (`"1"`). */
function cpuOf(cpuset: string | undefined): number | undefined {
  return cpuset && /^\d+$/.test(cpuset) ? Number(cpuset) : undefined;
}

function isUnder(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel);
}
