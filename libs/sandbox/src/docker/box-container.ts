import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Mount } from '../types';
import type { RootEntry } from '../host-root';
import type { ToolchainSource } from './runtime-images';

/** Labels on every box container. */
export const BOX_LABEL = 'judge.box';
export const OWNER_LABEL = 'judge.owner';
export const HOST_LABEL = 'judge.host';
export const PID_LABEL = 'judge.pid';

/** Where judge-exec is bound in every box. */
export const HELPER_PATH = '/.judge/judge-exec';
export const SANDBOX_BOX = '/box';
export const SANDBOX_TMP = '/tmp';
/** Host files of a run (validators' input and answer) are copied here: root's, readable by the box users. */
export const SANDBOX_FILES = '/.judge-files';
/** The container's init runs as nobody: no box user can signal or trace it. */
const INIT_USER = '65534:65534';

/** The container's limits until a run sets its own. */
export const INITIAL_LIMITS = { memoryBytes: 256 << 20, processes: 64 };

export interface DockerError {
  statusCode?: number;
  message: string;
}

export interface RuntimeImage {
  name: string;
  toolchain: ToolchainSource;
}

export interface BoxContainerSpec {
  name: string;
  image: RuntimeImage;
  /** judge-exec as the daemon's host sees it. */
  helper: string;
  /** The host root's layout, bound as the namespace engine shows it when the image takes the host's toolchain. */
  root: RootEntry[];
  mounts: Mount[];
  /** The size of each of the box's tmpfs folders. */
  sizeBytes: number;
  /** The host uid that owns (and writes) the box folder. */
  writer: number;
  cpus: number;
  /** The CPU the container is pinned to (JUDGE_CPUS); a run may move it (DockerBox). */
  cpu?: number | undefined;
  labels: Record<string, string>;
}

/**
 * Creates a box's container: no network, a read-only root, no capabilities, no-new-privileges, judge-exec as
 * its init (run as nobody), and bounded tmpfs folders for the box, /tmp and the run's files.
 */
export function createBoxContainer(docker: Docker, spec: BoxContainerSpec): Promise<Docker.Container> {
  const binds = [`${spec.helper}:${HELPER_PATH}:ro`];
  if (spec.image.toolchain === 'host') {
    // Exactly what the namespace engine shows: /usr and the system folders (links in the image).
    binds.push('/usr:/usr:ro');
    for (const entry of spec.root) if (entry.kind === 'dir') binds.push(`/${entry.name}:/${entry.name}:ro`);
  }
  for (const mount of spec.mounts) binds.push(`${mount.hostPath}:${mount.sandboxPath}:ro`);
  const size = spec.sizeBytes;
  const tmpfs = 'rw,nosuid,nodev,exec';
  return docker.createContainer({
    name: spec.name,
    Image: spec.image.name,
    Entrypoint: [HELPER_PATH],
    Cmd: ['init'],
    User: INIT_USER,
    Env: [],
    WorkingDir: SANDBOX_BOX,
    NetworkDisabled: true,
    Labels: spec.labels,
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      // A private IPC namespace without /dev/shm: no writable place outside the box's tmpfs folders.
      IpcMode: 'none',
      Memory: INITIAL_LIMITS.memoryBytes,
      MemorySwap: INITIAL_LIMITS.memoryBytes,
      PidsLimit: INITIAL_LIMITS.processes,
      NanoCpus: Math.round(spec.cpus * 1e9),
      ...(spec.cpu === undefined ? {} : { CpusetCpus: String(spec.cpu) }),
      Tmpfs: {
        [SANDBOX_BOX]: `${tmpfs},size=${size},mode=0755,uid=${spec.writer},gid=${spec.writer}`,
        // Empty and read-only: each run gets a writable tmpfs of its own on top (native/judge-enter.c).
        [SANDBOX_TMP]: 'ro,nosuid,nodev,noexec,size=4k,mode=0755',
        [SANDBOX_FILES]: `rw,nosuid,nodev,noexec,size=${size},mode=0755`,
      },
      Binds: binds,
      LogConfig: { Type: 'none', Config: {} },
      RestartPolicy: { Name: 'no' },
    },
  });
}

/** Removes a container with its volumes; one already gone, or being removed, is no error. */
export async function removeContainer(container: Docker.Container): Promise<void> {
  await container.remove({ force: true, v: true }).catch((error: DockerError) => {
    if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
  });
}

/**
 * judge-exec copied into the shared folder, named by its content: runners of two releases sharing the folder
 * never replace each other's, and a box keeps the file it bound. Written whole, then renamed into place.
 */
export async function shareHelper(helper: string, dir: string): Promise<string> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory())
    throw new Error(`JUDGE_DOCKER_SHARED_DIR=${dir} is not a folder: bind the host's ${dir} at the same path`);
  const data = await fs.readFile(helper);
  const path = join(dir, `judge-exec-${createHash('sha256').update(data).digest('hex').slice(0, 16)}`);
  const have = await fs.readFile(path).catch(() => null);
  if (have?.equals(data)) return path;
  const part = `${path}.${process.pid}.part`;
  await fs.writeFile(part, data, { mode: 0o755 });
  await fs.chmod(part, 0o755);
  await fs.rename(part, path);
  return path;
}
