import { constants, promises as fs, readdirSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

/**
 * Host-side file access inside a box. Everything in a box may have been made by untrusted code, so we
 * never follow a link and never open anything but a regular file: the class of bug behind Judge0's
 * CVE-2024-28185/28189 and go-judge's symlink escape.
 */

export class UnsafeBoxPathError extends Error {}

/** Splits a relative path into components, refusing absolute paths and `..`. */
export function boxPathComponents(relativePath: string): string[] {
  const normal = normalize(relativePath);
  if (relativePath.startsWith('/') || normal.startsWith('..') || normal.split(sep).includes('..')) {
    throw new UnsafeBoxPathError(`path leaves the box: ${relativePath}`);
  }
  return normal.split(sep).filter((c) => c !== '' && c !== '.');
}

/** Checks that every folder between root and the file is a real folder, not a link. */
async function checkParents(root: string, components: string[]): Promise<string> {
  let current = root;
  for (const component of components.slice(0, -1)) {
    current = join(current, component);
    const stat = await fs.lstat(current);
    if (!stat.isDirectory()) throw new UnsafeBoxPathError(`not a plain folder in the box: ${current}`);
  }
  return join(root, ...components);
}

/** Reads at most maxBytes of a regular file; null when it is absent, a link, a device, a fifo or a folder. */
export async function readBoxFile(root: string, relativePath: string, maxBytes: number): Promise<Buffer | null> {
  let path: string;
  try {
    path = await checkParents(root, boxPathComponents(relativePath));
  } catch {
    return null;
  }
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: opening a fifo planted by the box must not hang the judge.
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return null;
    const size = Math.min(stat.size, maxBytes);
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/** Creates or replaces a file, refusing to write through a link. */
export async function writeBoxFile(
  root: string,
  relativePath: string,
  data: Buffer | string,
  owner: { uid: number; gid: number },
  mode = 0o644,
): Promise<void> {
  const components = boxPathComponents(relativePath);
  let current = root;
  for (const component of components.slice(0, -1)) {
    current = join(current, component);
    try {
      await fs.mkdir(current, { mode: 0o755 });
      await fs.chown(current, owner.uid, owner.gid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const path = await checkParents(root, components);
  const handle = await fs.open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    mode,
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UnsafeBoxPathError(`not a regular file in the box: ${path}`);
    await handle.writeFile(data);
    await handle.chmod(mode);
    await handle.chown(owner.uid, owner.gid);
  } finally {
    await handle.close();
  }
}

/** Makes a folder in the box, through the same no-follow checks as files (a marker written, then removed). */
export async function makeBoxDir(
  root: string,
  relativePath: string,
  owner: { uid: number; gid: number },
): Promise<void> {
  await writeBoxFile(root, join(relativePath, '.keep'), '', owner);
  await fs.unlink(join(root, relativePath, '.keep'));
}

/** Removes a folder's contents; fs.rm never follows links, it unlinks them. */
export async function clearBoxDir(root: string, relativePath: string): Promise<void> {
  // A trailing '.' makes checkParents verify the folder itself too.
  const dir = await checkParents(root, [...boxPathComponents(relativePath), '.']);
  // Usually empty: a synchronous look costs microseconds on the path of every run.
  for (const entry of readdirSync(dir)) await fs.rm(join(dir, entry), { recursive: true, force: true });
}

/** Removes one entry; fs.rm unlinks a link rather than following it, and a folder's contents go with it. */
export async function removeBoxFile(root: string, relativePath: string): Promise<void> {
  const path = await checkParents(root, boxPathComponents(relativePath));
  await fs.rm(path, { recursive: true, force: true });
}

/** One entry of a box folder, as lstat saw it (a link is `other`, never what it points to). */
export interface BoxEntry {
  /** Relative to the box folder, `/`-separated. */
  path: string;
  kind: 'file' | 'dir' | 'other';
  /** Permission bits. */
  mode: number;
  size: number;
}

/**
 * Lists a box folder's entries recursively without following links (lstat only, never descending into a link),
 * at most `maxEntries`; null past that, or when the folder itself is not a plain folder.
 */
export async function listBoxFiles(root: string, relativeDir: string, maxEntries: number): Promise<BoxEntry[] | null> {
  let dir: string;
  try {
    dir = await checkParents(root, [...boxPathComponents(relativeDir), '.']);
  } catch {
    return null;
  }
  const found: BoxEntry[] = [];
  const walk = async (hostDir: string, prefix: string): Promise<boolean> => {
    for (const name of (await fs.readdir(hostDir)).sort()) {
      const stat = await fs.lstat(join(hostDir, name));
      const path = prefix ? `${prefix}/${name}` : name;
      const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
      found.push({ path, kind, mode: stat.mode & 0o7777, size: stat.size });
      if (found.length > maxEntries) return false;
      if (kind === 'dir' && !(await walk(join(hostDir, name), path))) return false;
    }
    return true;
  };
  return (await walk(dir, '')) ? found : null;
}
