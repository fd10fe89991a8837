import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { detectRootLayout } from '../host-root';

/**
 * Runtime images: one per runtime (language family: gcc, python, jvm...). Two kinds, told apart by a label:
 * - `host`: built here by `judge images build` without a registry, FROM scratch, holding nothing but the links
 *   of the host's root layout (/bin -> usr/bin...). The engine binds the host's toolchain folders read-only
 *   into each box, exactly the folders the namespace engine shows.
 * - `image`: a self-contained image with its own pinned toolchain (docker/runtime/*.Dockerfile), pushed to
 *   a registry by the operator and named in JUDGE_DOCKER_IMAGES; nothing of the host is bound.
 */
const execFileAsync = promisify(execFile);

export const RUNTIME_LABEL = 'judge.runtime';
export const TOOLCHAIN_LABEL = 'judge.runtime.toolchain';
export type ToolchainSource = 'host' | 'image';

/** The runtime of boxes made without one (tests, tools that only need a shell). */
export const DEFAULT_RUNTIME = 'base';

export function defaultImageName(runtime: string): string {
  return `judge-runtime-${runtime}`;
}

/** `gcc=registry.example/judge-runtime-gcc:12.2.0,python=...` (JUDGE_DOCKER_IMAGES) to a map. */
export function parseImageOverrides(text: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of (text ?? '').split(',')) {
    const entry = item.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1)
      throw new Error(`JUDGE_DOCKER_IMAGES: expected runtime=image, got "${entry}"`);
    map[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return map;
}

async function followBuild(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: { error?: string }[]) => {
        const failed = output?.find((o) => o.error);
        if (error || failed) reject(error ?? new Error(failed?.error));
        else resolve();
      },
      () => undefined,
    );
  });
}

/** Builds the `host` runtime image of a runtime on the current daemon; no registry and no pull needed. */
export async function buildHostRuntimeImage(
  docker: Docker,
  runtime: string,
  tag = defaultImageName(runtime),
  hostRoot = '/',
): Promise<string> {
  const context = await mkdtemp(join(tmpdir(), 'judge-runtime-'));
  try {
    const rootfs = join(context, 'rootfs');
    await mkdir(rootfs);
    // Merged-/usr hosts: /bin, /lib... are links into /usr, which is bound at run time. Folders of a host
    // without merged /usr are bound as they are and need no entry here (mount points are made by the daemon).
    // The daemon's host's layout, which a CLI in a container sees at JUDGE_HOST_ROOT.
    for (const entry of await detectRootLayout(hostRoot)) {
      if (entry.kind === 'link') await symlink(entry.target, join(rootfs, entry.name));
    }
    await writeFile(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY rootfs/ /',
        `LABEL ${RUNTIME_LABEL}="${runtime}" ${TOOLCHAIN_LABEL}="host"`,
        'WORKDIR /box',
        '',
      ].join('\n'),
    );
    // The context is packed whole before the request: packing while the daemon reads raced with the clean-up
    // below when a build failed early.
    const { stdout: tar } = await execFileAsync('tar', ['-C', context, '-cf', '-', 'Dockerfile', 'rootfs'], {
      encoding: 'buffer',
      maxBuffer: 1 << 20,
    });
    const stream = await docker.buildImage(Readable.from([tar]), { t: tag, rm: true });
    await followBuild(docker, stream);
    return tag;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/**
 * Builds the `host` image of each runtime that has no image on the daemon yet (all of them with `rebuild`).
 * Runtimes that JUDGE_DOCKER_IMAGES maps to a registry image are the operator's, never built here.
 */
export async function buildRuntimeImages(
  docker: Docker,
  runtimes: string[],
  options: { rebuild?: boolean; overrides?: Record<string, string>; hostRoot?: string } = {},
): Promise<{ runtime: string; image: string; built: boolean }[]> {
  const results = [];
  for (const runtime of [...new Set([DEFAULT_RUNTIME, ...runtimes])]) {
    const override = options.overrides?.[runtime];
    if (override) {
      results.push({ runtime, image: override, built: false });
      continue;
    }
    const image = defaultImageName(runtime);
    const exists = await docker
      .getImage(image)
      .inspect()
      .then(
        () => true,
        () => false,
      );
    if (exists && !options.rebuild) {
      results.push({ runtime, image, built: false });
      continue;
    }
    await buildHostRuntimeImage(docker, runtime, image, options.hostRoot);
    results.push({ runtime, image, built: true });
  }
  return results;
}
