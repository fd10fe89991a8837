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
import { DEFAULT_RUNTIME, RUNTIME_LABEL, TOOLCHAIN_LABEL, defaultImageName } from './runtime-images';

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

/** Built by `npm run build` from native/judge-exec.c (static); bound read-only into every box. */
const JUDGE_EXEC = join(__dirname, '..', '..', 'bin', 'judge-exec');
/** Built by `npm run build` from native/judge-tmp.c; run by the judge (root) to give each run its own /tmp. */
const JUDGE_TMP = join(__dirname, '..', '..', 'bin', 'judge-tmp');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
      for (const helper of [JUDGE_EXEC, JUDGE_TMP]) {
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

  private remove(id: string): Promise<void> {
    return removeContainer(this.docker.getContainer(id));
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
        return this.tryCreate(slot, options, image, mounts);
      }
      return null;
    }
    try {
      await container.start();
      const info = await container.inspect();
      const box = new DockerBox(
        container,
        name,
        info.State.Pid,
        writer,
        mounts,
        image.toolchain,
        this.options.hostRoot,
        { helper: JUDGE_TMP, sizeBytes: options.sizeBytes },
        () => this.boxes.delete(box),
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

function isUnder(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel);
}
