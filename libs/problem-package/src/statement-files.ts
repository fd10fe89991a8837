import { constants } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { compareNames, isIgnoredName } from './package-dir';

/**
 * The files that go with a statement: images and attachments in its folder, and a PDF of the statement. What is
 * served from here comes from a package that anyone with a setter's role wrote, so nothing here follows a link
 * or opens anything but a regular file: a link (even one that stays inside the package) is left out, a folder
 * is entered only when it is a real folder, and devices, pipes and sockets are skipped.
 */

export interface StatementFile {
  /** Path below the statement's folder with `/` separators (`cave.jpg`, `img/plot.png`); for a PDF, its base name. */
  name: string;
  /** Absolute host path. */
  path: string;
  bytes: number;
}

/** The statement folders of both versions: legacy `problem_statement/`, 2023-07 and 2025-09 `statement/`. */
const FOLDERS = ['statement', 'problem_statement'];
/** Statements reference their images as if `statement/` were the working folder; deeper folders are unusual. */
const MAX_DEPTH = 3;

async function isRealFolder(p: string): Promise<boolean> {
  const info = await lstat(p).catch(() => null);
  return info?.isDirectory() === true;
}

/** The statement's folder: the one holding the statement file, else the first of statement/ and problem_statement/. */
async function statementFolder(root: string, statementPath: string | null): Promise<string | null> {
  const candidates = FOLDERS.map((f) => path.join(root, f));
  const holding = statementPath ? path.dirname(statementPath) : null;
  const ordered = holding && candidates.includes(holding) ? [holding] : candidates;
  for (const folder of ordered) if (await isRealFolder(folder)) return folder;
  return null;
}

/** Regular files of the statement's folder and its real sub-folders, sorted by name; the statement files too. */
export async function listStatementFiles(packageRoot: string, statementPath: string | null): Promise<StatementFile[]> {
  const root = await realpath(packageRoot);
  const folder = await statementFolder(root, statementPath);
  if (!folder) return [];
  const files: StatementFile[] = [];
  const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => !isIgnoredName(e.name))
      .sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      const p = path.join(dir, entry.name);
      const name = prefix + entry.name;
      // Dirent types come from the folder itself (lstat's view): a link is a link here, whatever it points to.
      if (entry.isFile()) files.push({ name, path: p, bytes: (await lstat(p)).size });
      else if (entry.isDirectory() && depth < MAX_DEPTH) await walk(p, `${name}/`, depth + 1);
    }
  };
  await walk(folder, '', 1);
  return files;
}

const PDF_NAMES = ['problem.en.pdf', 'problem.pdf'];
const OTHER_LANGUAGE_PDF = /^problem\.[A-Za-z]{2,3}(-[A-Za-z]{2})?\.pdf$/;

/**
 * The statement as a PDF: `problem.en.pdf` or `problem.pdf` in statement/ (2025-09) or problem_statement/, then at
 * the package root (DOMjudge's `problem.pdf`), then another language's `problem.<lang>.pdf` in those folders. Only a
 * regular file counts: DOMjudge's examples link `problem.pdf` to a file outside the package, and that is never read.
 */
export async function findStatementPdf(packageRoot: string): Promise<StatementFile | null> {
  const root = await realpath(packageRoot);
  const folders: string[] = [];
  for (const f of FOLDERS) if (await isRealFolder(path.join(root, f))) folders.push(path.join(root, f));
  folders.push(root);
  for (const folder of folders) {
    for (const name of PDF_NAMES) {
      const found = await regularFile(folder, name);
      if (found) return found;
    }
  }
  for (const folder of folders) {
    const names = (await readdir(folder)).filter((n) => OTHER_LANGUAGE_PDF.test(n)).sort(compareNames);
    for (const name of names) {
      const found = await regularFile(folder, name);
      if (found) return found;
    }
  }
  return null;
}

async function regularFile(folder: string, name: string): Promise<StatementFile | null> {
  const p = path.join(folder, name);
  const info = await lstat(p).catch(() => null);
  return info?.isFile() ? { name, path: p, bytes: info.size } : null;
}

/**
 * Reads a file that listStatementFiles or findStatementPdf found, checking again that it is still a regular file
 * (opened without following a link and without blocking on a pipe) and no larger than `maxBytes`; null otherwise.
 */
export async function readStatementFile(file: StatementFile, maxBytes: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return null;
    // Read at most one byte past the size seen, so that a file that grows meanwhile is not read past the cap.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > info.size ? null : buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
