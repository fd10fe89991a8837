import { lstat, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MiB } from '@judge/contract';
import { isSystemError, PackageError } from './errors';

/**
 * What the judge (and the API serving statements) reads of a package: a link out of the package in one of these is
 * refused when the package is opened, naming the link. Everything else (problem.pdf, attachments/, solution/,
 * generators/, visualizers) is never read, so a link there is no reason to refuse the package.
 */
export const JUDGED_PARTS: readonly string[] = [
  'problem.yaml',
  '.timelimit',
  'domjudge-problem.ini',
  'submissions.json',
  'data',
  'input_validators',
  'output_validators',
  'output_validator',
  'include',
  'submissions',
  'statement',
  'problem_statement',
];

/** Plain string (UTF-16 code unit) order, as the spec's "lexicographical order"; never locale-dependent. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The spec makes judging systems behave as if names starting with `.` or `-` were absent (.git, .gitignore, ...). */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('-');
}

export interface DirEntry {
  name: string;
  /** Path as seen in the package (symlinks not resolved), absolute. */
  path: string;
  /** Real path (symlinks resolved, always inside the package root). */
  real: string;
  kind: 'file' | 'dir' | 'other';
}

/** Read access to a package folder whose root is a real path; every path handed out is real and inside the root. */
export class PackageDir {
  private constructor(readonly root: string) {}

  /**
   * Opens a package folder: resolves its root and refuses any symlink that leads outside it in the parts the judge
   * reads (JUDGED_PARTS). Links elsewhere (DOMjudge's `problem.pdf -> ../../doc/...`, attachments, solution notes)
   * are left alone: nothing here follows them, and `entry()`/`list()` refuse an outward link if anything ever does.
   */
  static async open(root: string): Promise<PackageDir> {
    const dir = new PackageDir(await realpath(root));
    const walked = new Set<string>();
    for (const name of JUDGED_PARTS) {
      const p = path.join(dir.root, name);
      const info = await lstat(p).catch(() => null);
      if (info?.isSymbolicLink()) await dir.checkLinkAndWalk(p, walked);
      else if (info?.isDirectory()) await dir.checkSymlinks(p, walked);
    }
    return dir;
  }

  /** Path relative to the root with `/` separators, for messages. */
  rel(p: string): string {
    return path.relative(this.root, p).split(path.sep).join('/') || '.';
  }

  /** The entry at `rel` (a `/` path below the root), following symlinks; null when absent. */
  async entry(rel: string): Promise<DirEntry | null> {
    const p = path.join(this.root, ...rel.split('/'));
    return this.describe(path.basename(p), p);
  }

  /** Entries of a folder sorted by name, hidden names left out. */
  async list(dir: string): Promise<DirEntry[]> {
    const names = (await readdir(dir)).filter((n) => !isIgnoredName(n)).sort(compareNames);
    const entries: DirEntry[] = [];
    for (const name of names) {
      const entry = await this.describe(name, path.join(dir, name));
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async readText(p: string, maxBytes = 16 * MiB): Promise<string> {
    const info = await stat(p);
    if (info.size > maxBytes) {
      throw new PackageError('PACKAGE_UNREADABLE', `${this.rel(p)}: file is larger than ${maxBytes} bytes`);
    }
    return readFile(p, 'utf8');
  }

  private async describe(name: string, p: string): Promise<DirEntry | null> {
    let real: string;
    try {
      real = await realpath(p);
    } catch (error) {
      if (isSystemError(error) && error.code === 'ENOENT') {
        // A dangling symlink is a package error; a missing plain path is simply absent.
        if (await isSymlink(p)) throw new PackageError('PACKAGE_UNREADABLE', `${this.rel(p)}: broken symbolic link`);
        return null;
      }
      if (isSystemError(error) && error.code === 'ELOOP') {
        throw new PackageError('SYMLINK_LOOP', `${this.rel(p)}: symbolic link loop`);
      }
      throw error;
    }
    if (!isInside(this.root, real)) {
      throw new PackageError('SYMLINK_OUTSIDE_PACKAGE', `${this.rel(p)}: symbolic link leads outside the package`);
    }
    const info = await stat(real);
    const kind = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
    return { name, path: p, real, kind };
  }

  /** Walks a folder once so that no file the judge reads below it can reach outside the package. */
  private async checkSymlinks(dir: string, walked: Set<string>): Promise<void> {
    if (walked.has(dir)) return;
    walked.add(dir);
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      // Hidden names are never read (the spec has judges behave as if they were absent).
      if (isIgnoredName(dirent.name)) continue;
      const p = path.join(dir, dirent.name);
      if (dirent.isSymbolicLink()) await this.checkLinkAndWalk(p, walked);
      else if (dirent.isDirectory()) await this.checkSymlinks(p, walked);
    }
  }

  /**
   * A link must stay inside the package; a linked folder is then walked where it really is, since it may lie in a
   * part that is not walked for its own sake (`data/secret/shared -> ../../attachments/cases`).
   */
  private async checkLinkAndWalk(p: string, walked: Set<string>): Promise<void> {
    await this.checkLink(p);
    const real = await realpath(p).catch(() => null);
    if (real && (await stat(real).catch(() => null))?.isDirectory()) await this.checkSymlinks(real, walked);
  }

  private async checkLink(p: string): Promise<void> {
    let target: string;
    try {
      target = await realpath(p);
    } catch {
      // Dangling or looping: judge it by where it points on paper.
      target = path.resolve(path.dirname(p), await readlink(p));
    }
    if (!isInside(this.root, target)) {
      throw new PackageError('SYMLINK_OUTSIDE_PACKAGE', `${this.rel(p)}: symbolic link leads outside the package`);
    }
  }
}

async function isSymlink(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}
