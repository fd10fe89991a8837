import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * Paths of the machine whose files the boxes see (the Docker daemon's host), looked up from a process that may
 * see that machine's root at another path: a runner in a container sees the host's root where it is bound
 * (JUDGE_HOST_ROOT), and `/` means its own file system. The paths returned are the host's, without the prefix.
 */
export async function realpathUnder(root: string, path: string): Promise<string | null> {
  if (root === '/') return fs.realpath(path).catch(() => null);
  // Links are followed as the host would: an absolute target starts again from the host's root, not ours.
  let rest = path.split('/').filter((p) => p !== '' && p !== '.');
  const done: string[] = [];
  for (let links = 0; rest.length > 0;) {
    const name = rest.shift() as string;
    if (name === '..') {
      done.pop();
      continue;
    }
    const inRoot = join(root, ...done, name);
    const stat = await fs.lstat(inRoot).catch(() => null);
    if (!stat) return null;
    if (!stat.isSymbolicLink()) {
      done.push(name);
      continue;
    }
    if (++links > 40) return null;
    const target = await fs.readlink(inRoot);
    if (target.startsWith('/')) done.length = 0;
    rest = [...target.split('/').filter((p) => p !== '' && p !== '.'), ...rest];
  }
  return `/${done.join('/')}`;
}

/** How the host's top-level system folders look: merged-/usr distributions make /bin, /lib... links. */
export type RootEntry = { name: string; kind: 'link'; target: string } | { name: string; kind: 'dir' };

const SYSTEM_DIRS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

/** The layout of the root this process sees at `root` (the host's, for a runner in a container: JUDGE_HOST_ROOT). */
export async function detectRootLayout(root = '/'): Promise<RootEntry[]> {
  const entries: RootEntry[] = [];
  for (const name of SYSTEM_DIRS) {
    const stat = await fs.lstat(join(root, name)).catch(() => null);
    if (!stat) continue;
    if (stat.isSymbolicLink()) entries.push({ name, kind: 'link', target: await fs.readlink(join(root, name)) });
    else if (stat.isDirectory()) entries.push({ name, kind: 'dir' });
  }
  return entries;
}
