import { PackageError } from './errors';
import type { PackageDir } from './package-dir';
import type { IncludedFile } from './types';

/**
 * include/<code>/: files added to every submission in that language (legacy and 2025-09 alike; `default` is
 * 2025-09's folder for every language). Files keep their names below the language's folder.
 */
export async function loadIncludes(dir: PackageDir): Promise<Record<string, IncludedFile[]>> {
  const root = await dir.entry('include');
  if (!root || root.kind !== 'dir') return {};
  const includes: Record<string, IncludedFile[]> = {};
  for (const language of await dir.list(root.path)) {
    if (language.kind !== 'dir') continue;
    const files: IncludedFile[] = [];
    const walk = async (path: string, prefix: string): Promise<void> => {
      for (const entry of await dir.list(path)) {
        if (entry.kind === 'dir') await walk(entry.path, `${prefix}${entry.name}/`);
        else if (entry.kind === 'file') files.push({ name: prefix + entry.name, path: entry.real });
        else throw new PackageError('PACKAGE_UNREADABLE', `${dir.rel(entry.path)}: not a regular file`);
      }
    };
    await walk(language.path, '');
    if (files.length > 0) includes[language.name] = files;
  }
  return includes;
}

/**
 * DOMjudge's submissions.json: the entry point of a submission of several files, keyed by its path in the package
 * (`submissions/accepted/multifile-py/`). Only `entry_point` is read.
 */
export async function loadEntryPoints(dir: PackageDir): Promise<Map<string, string>> {
  const entryPoints = new Map<string, string>();
  const file = await dir.entry('submissions.json');
  if (!file || file.kind !== 'file') return entryPoints;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await dir.readText(file.real, 1024 * 1024));
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError('PACKAGE_UNREADABLE', `submissions.json: not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PackageError('PACKAGE_UNREADABLE', 'submissions.json: expected an object keyed by submission path');
  }
  for (const [key, value] of Object.entries(parsed)) {
    const entry = (value as { entry_point?: unknown } | null)?.entry_point;
    if (entry === undefined) continue;
    if (typeof entry !== 'string' || entry === '') {
      throw new PackageError(
        'PACKAGE_UNREADABLE',
        `submissions.json: ${key}: entry_point must be a file or class name`,
      );
    }
    entryPoints.set(key.replace(/\/+$/, ''), entry);
  }
  return entryPoints;
}
