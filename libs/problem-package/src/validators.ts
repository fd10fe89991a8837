import path from 'node:path';
import type { DirEntry, PackageDir } from './package-dir';
import type { FormatVersion } from './problem-yaml';
import type { ValidatorSource } from './types';

const SOURCE_EXTENSIONS = ['.c', '.cc', '.cpp', '.cxx', '.h', '.hpp', '.py'];
const TESTLIB_INCLUDE = /^[ \t]*#[ \t]*include[ \t]*["<]testlib\.h[">]/m;

function isSource(entry: DirEntry): boolean {
  return entry.kind === 'file' && SOURCE_EXTENSIONS.includes(path.extname(entry.name));
}

/** The output validator folders a version uses, its own first: DOMjudge reads either in any version. */
export function outputValidatorFolders(version: FormatVersion): string[] {
  return version === 'legacy' ? ['output_validators', 'output_validator'] : ['output_validator', 'output_validators'];
}

/**
 * Finds the output validator's sources in legacy `output_validators/` or 2023-07/2025-09 `output_validator/` (either
 * name in any version, as DOMjudge reads them: its legacy example problems use `output_validator/`): source files
 * placed directly in the folder form the program, else its first sub-folder (by name) holding sources does, which is
 * how problemtools reads both versions (its own 2023-07 examples use `output_validator/<name>/`). Returns null when
 * there is none.
 */
export async function findOutputValidator(dir: PackageDir, version: FormatVersion): Promise<ValidatorSource | null> {
  for (const name of outputValidatorFolders(version)) {
    const found = await findIn(dir, name);
    if (found) return found;
  }
  return null;
}

async function findIn(dir: PackageDir, name: string): Promise<ValidatorSource | null> {
  const folder = await dir.entry(name);
  if (!folder || folder.kind !== 'dir') return null;
  const entries = await dir.list(folder.path);
  // Files directly in the folder: the spec's 2023-07 layout, and a common legacy one (checker + testlib.h).
  if (entries.some(isSource)) return describe(dir, folder.real, entries);
  for (const sub of entries.filter((e) => e.kind === 'dir')) {
    const files = await dir.list(sub.path);
    if (files.some(isSource)) return describe(dir, sub.real, files);
  }
  return null;
}

async function describe(dir: PackageDir, real: string, entries: DirEntry[]): Promise<ValidatorSource | null> {
  const sources = entries.filter(isSource);
  if (sources.length === 0) return null;
  let testlib = sources.some((e) => e.name === 'testlib.h');
  for (const source of sources) {
    if (testlib) break;
    testlib = TESTLIB_INCLUDE.test(await dir.readText(source.real));
  }
  return {
    dir: real,
    files: sources.map((e) => e.real).sort(),
    kind: testlib ? 'testlib' : 'kattis',
  };
}
