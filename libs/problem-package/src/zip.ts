import { constants } from 'node:fs';
import { chmod, mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { isPackageError, isSystemError, PackageError } from './errors';

export interface ZipLimits {
  /** Size of the archive file itself. */
  maxZipBytes: number;
  /** Sum of the entries' sizes once inflated, declared and actual. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

interface PlannedEntry {
  entry: yauzl.Entry;
  /** Entry name as stored, for messages. */
  shown: string;
  /** Normalised `/` path, no trailing slash. */
  name: string;
  isDir: boolean;
  mode: 0o644 | 0o755;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const FILE_TYPES: Record<number, string> = {
  0o120000: 'symbolic link',
  0o020000: 'character device',
  0o060000: 'block device',
  0o010000: 'named pipe',
  0o140000: 'socket',
};
// macOS Finder adds resource forks under this folder; they are not part of the package.
const MACOS_METADATA = '__MACOSX';

/**
 * Extracts a problem package archive into `destination` (created here, must not exist), keeping only what lies
 * below the folder holding problem.yaml: the archive's root or its single top folder.
 * Every entry is checked before anything is written; nothing but plain folders (0755) and files (0644/0755) is
 * created, each file exclusively and without following links.
 */
export async function extractZip(
  zipPath: string,
  destination: string,
  limits: ZipLimits,
): Promise<{ topFolder: string | null }> {
  const zipName = path.basename(zipPath);
  const size = (await stat(zipPath)).size;
  if (size > limits.maxZipBytes) {
    throw new PackageError(
      'ZIP_TOO_LARGE',
      `${zipName}: archive is ${size} bytes, over the limit of ${limits.maxZipBytes}`,
    );
  }
  let zipfile: yauzl.ZipFile;
  try {
    // Names are decoded and checked here rather than by yauzl, which would turn backslashes into separators.
    zipfile = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    throw new PackageError('ZIP_INVALID', `${zipName}: not a readable zip archive (${(error as Error).message})`);
  }
  try {
    const planned = await planEntries(zipfile, zipName, limits);
    const prefix = findPackagePrefix(planned, zipName);
    await writeEntries(zipfile, zipName, planned, prefix, destination, limits);
    // The single top folder holding the package: the problem's short name, as the package names it.
    return { topFolder: prefix === '' ? null : prefix.slice(0, -1) };
  } finally {
    zipfile.close();
  }
}

async function planEntries(zipfile: yauzl.ZipFile, zipName: string, limits: ZipLimits): Promise<PlannedEntry[]> {
  if (zipfile.entryCount > limits.maxEntries) {
    throw new PackageError(
      'ZIP_TOO_LARGE',
      `${zipName}: archive has ${zipfile.entryCount} entries, over the limit of ${limits.maxEntries}`,
    );
  }
  const planned: PlannedEntry[] = [];
  const seen = new Set<string>();
  let declared = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      const shown = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const unsafe = (why: string) =>
        new PackageError('ZIP_UNSAFE_ENTRY', `${zipName}: unsafe entry ${JSON.stringify(shown)}: ${why}`);
      const name = normaliseName(shown, unsafe);
      const unixMode = (entry.externalFileAttributes >>> 16) & 0xffff;
      const type = unixMode & S_IFMT;
      if (type in FILE_TYPES) throw unsafe(`${FILE_TYPES[type]} entries are not allowed`);
      if (type !== 0 && type !== S_IFDIR && type !== S_IFREG) throw unsafe('unknown file type');
      if (name === '') continue;
      if (seen.has(name)) throw unsafe('duplicated name');
      seen.add(name);
      const isDir = shown.endsWith('/') || type === S_IFDIR;
      if (!isDir) {
        if (entry.generalPurposeBitFlag & 0x1) {
          throw new PackageError('ZIP_INVALID', `${zipName}: entry ${JSON.stringify(shown)} is encrypted`);
        }
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          throw new PackageError(
            'ZIP_INVALID',
            `${zipName}: entry ${JSON.stringify(shown)} uses unsupported compression method ${entry.compressionMethod}`,
          );
        }
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes) {
          throw new PackageError(
            'ZIP_TOO_LARGE',
            `${zipName}: entry ${JSON.stringify(shown)} brings the declared uncompressed size over the limit of ${limits.maxUncompressedBytes} bytes`,
          );
        }
      }
      planned.push({ entry, shown, name, isDir, mode: !isDir && unixMode & 0o111 ? 0o755 : 0o644 });
      if (planned.length > limits.maxEntries) {
        throw new PackageError('ZIP_TOO_LARGE', `${zipName}: archive has more than ${limits.maxEntries} entries`);
      }
    }
  } catch (error) {
    if (isPackageError(error)) throw error;
    throw new PackageError('ZIP_INVALID', `${zipName}: corrupt zip archive (${(error as Error).message})`);
  } finally {
    // Keep a late error event from crashing the process once nobody listens any more.
    zipfile.on('error', () => undefined);
  }
  checkFileFolderClashes(planned, zipName);
  return planned;
}

/** `a/./b` → `a/b`; refuses anything that could land outside the destination or means different things elsewhere. */
function normaliseName(name: string, unsafe: (why: string) => PackageError): string {
  if (name.includes('\0')) throw unsafe('NUL character in name');
  // Windows tools read a backslash as a separator, so `..\x` would climb out of the folder there.
  if (name.includes('\\')) throw unsafe('backslash in name');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe('absolute path');
  const parts = name.split('/');
  if (name.endsWith('/')) parts.pop();
  const kept: string[] = [];
  for (const part of parts) {
    if (part === '..') throw unsafe('".." path component');
    if (part === '') throw unsafe('empty path component');
    if (part !== '.') kept.push(part);
  }
  return kept.join('/');
}

/** A file must not also be a folder (`a` and `a/b`): extraction would fail half-way or depend on entry order. */
function checkFileFolderClashes(planned: PlannedEntry[], zipName: string): void {
  const folders = new Set<string>();
  for (const p of planned) {
    if (p.isDir) folders.add(p.name);
    const parts = p.name.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  for (const p of planned) {
    if (!p.isDir && folders.has(p.name)) {
      throw new PackageError(
        'ZIP_UNSAFE_ENTRY',
        `${zipName}: unsafe entry ${JSON.stringify(p.shown)}: the same name is also used as a folder`,
      );
    }
  }
}

function isMacMetadata(name: string): boolean {
  return name === MACOS_METADATA || name.startsWith(`${MACOS_METADATA}/`);
}

/** The files that mark a package's root: problem.yaml (ICPC/Kattis), problem.xml (Polygon). */
const ROOT_MARKERS = ['problem.yaml', 'problem.xml'];

/** '' when a root marker is at the archive's root, `top/` when the archive holds a single folder containing one. */
function findPackagePrefix(planned: PlannedEntry[], zipName: string): string {
  const relevant = planned.filter((p) => !isMacMetadata(p.name));
  const files = new Set(relevant.filter((p) => !p.isDir).map((p) => p.name));
  if (ROOT_MARKERS.some((m) => files.has(m))) return '';
  const tops = new Set(relevant.map((p) => p.name.split('/')[0]));
  if (tops.size === 1) {
    const [top] = tops;
    if (ROOT_MARKERS.some((m) => files.has(`${top}/${m}`))) return `${top}/`;
  }
  throw new PackageError(
    'PROBLEM_YAML_MISSING',
    `${zipName}: no problem.yaml (or Polygon's problem.xml) at the root of the archive or inside a single top folder`,
  );
}

async function writeEntries(
  zipfile: yauzl.ZipFile,
  zipName: string,
  planned: PlannedEntry[],
  prefix: string,
  destination: string,
  limits: ZipLimits,
): Promise<void> {
  await mkdir(destination, { mode: 0o755 });
  await chmod(destination, 0o755);
  const created = new Set<string>(['']);
  // Folders are created one level at a time, each exactly once: no `recursive`, which would accept existing paths.
  const ensureFolder = async (rel: string) => {
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      if (created.has(sub)) continue;
      const target = path.join(destination, ...parts.slice(0, i));
      await mkdir(target, { mode: 0o755 });
      await chmod(target, 0o755);
      created.add(sub);
    }
  };
  const total = { bytes: 0 };
  for (const p of planned) {
    if (!p.name.startsWith(prefix) || isMacMetadata(p.name)) continue;
    const rel = p.name.slice(prefix.length);
    if (rel === '') continue;
    try {
      if (p.isDir) {
        await ensureFolder(rel);
      } else {
        const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
        if (parent) await ensureFolder(parent);
        await writeFile(zipfile, zipName, p, path.join(destination, ...rel.split('/')), total, limits);
      }
    } catch (error) {
      if (isPackageError(error)) throw error;
      const why = isSystemError(error) ? error.code : (error as Error).message;
      throw new PackageError('ZIP_INVALID', `${zipName}: cannot extract entry ${JSON.stringify(p.shown)} (${why})`, {
        cause: error,
      });
    }
  }
}

async function writeFile(
  zipfile: yauzl.ZipFile,
  zipName: string,
  p: PlannedEntry,
  target: string,
  total: { bytes: number },
  limits: ZipLimits,
): Promise<void> {
  const entryName = JSON.stringify(p.shown);
  const stream: Readable = await zipfile.openReadStreamPromise(p.entry);
  const handle = await open(
    target,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    p.mode,
  );
  let written = 0;
  try {
    // The umask may have narrowed the mode; the package's programs need exactly these bits.
    await handle.chmod(p.mode);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      written += chunk.length;
      total.bytes += chunk.length;
      // A deflate stream can inflate far past the size its header declares (zip bombs): stop at the first excess.
      if (written > p.entry.uncompressedSize) {
        throw new PackageError(
          'ZIP_TOO_LARGE',
          `${zipName}: entry ${entryName} inflates to more than its declared ${p.entry.uncompressedSize} bytes`,
        );
      }
      // Unreachable while every entry stays within its declared size (whose sum was checked): a backstop.
      if (total.bytes > limits.maxUncompressedBytes) {
        throw new PackageError(
          'ZIP_TOO_LARGE',
          `${zipName}: entry ${entryName} brings the inflated size over the limit of ${limits.maxUncompressedBytes} bytes`,
        );
      }
      await handle.write(chunk);
    }
    if (written !== p.entry.uncompressedSize) {
      throw new PackageError(
        'ZIP_INVALID',
        `${zipName}: entry ${entryName} holds ${written} bytes, not the declared ${p.entry.uncompressedSize}`,
      );
    }
  } finally {
    stream.destroy();
    await handle.close();
  }
}

/** A file of an archive read into memory (readZipFiles). */
export interface ZipFileEntry {
  /** Normalised `/` path, relative, never `..` or absolute. */
  name: string;
  content: Buffer;
  mode: 0o644 | 0o755;
}

/**
 * The files of a small archive held in memory (a run's additional files), under the same rules as a package's:
 * every entry checked before anything is read (no absolute paths, no `..`, no links or devices, no encryption, the
 * size caps), and each entry stopped at its declared size while it inflates. Folders are left out: a file's path
 * makes its folders.
 */
export async function readZipFiles(zip: Buffer, limits: ZipLimits, zipName = 'archive'): Promise<ZipFileEntry[]> {
  if (zip.length > limits.maxZipBytes) {
    throw new PackageError(
      'ZIP_TOO_LARGE',
      `${zipName}: archive is ${zip.length} bytes, over the limit of ${limits.maxZipBytes}`,
    );
  }
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.fromBufferPromise(zip, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    throw new PackageError('ZIP_INVALID', `${zipName}: not a readable zip archive (${(error as Error).message})`);
  }
  try {
    const planned = await planEntries(zipfile, zipName, limits);
    const files: ZipFileEntry[] = [];
    const total = { bytes: 0 };
    for (const p of planned) {
      if (p.isDir || isMacMetadata(p.name)) continue;
      files.push({ name: p.name, content: await readEntry(zipfile, zipName, p, total, limits), mode: p.mode });
    }
    return files;
  } catch (error) {
    if (isPackageError(error)) throw error;
    throw new PackageError('ZIP_INVALID', `${zipName}: corrupt zip archive (${(error as Error).message})`);
  } finally {
    zipfile.close();
  }
}

async function readEntry(
  zipfile: yauzl.ZipFile,
  zipName: string,
  p: PlannedEntry,
  total: { bytes: number },
  limits: ZipLimits,
): Promise<Buffer> {
  const entryName = JSON.stringify(p.shown);
  const stream: Readable = await zipfile.openReadStreamPromise(p.entry);
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      total.bytes += chunk.length;
      // As in writeFile: a deflate stream may inflate past its declared size (a zip bomb).
      if (read > p.entry.uncompressedSize || total.bytes > limits.maxUncompressedBytes) {
        throw new PackageError(
          'ZIP_TOO_LARGE',
          `${zipName}: entry ${entryName} inflates to more than its declared ${p.entry.uncompressedSize} bytes`,
        );
      }
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  if (read !== p.entry.uncompressedSize) {
    throw new PackageError(
      'ZIP_INVALID',
      `${zipName}: entry ${entryName} holds ${read} bytes, not the declared ${p.entry.uncompressedSize}`,
    );
  }
  return Buffer.concat(chunks);
}
