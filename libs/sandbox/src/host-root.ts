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
