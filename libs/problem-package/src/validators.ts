import path from 'node:path';
import type { DirEntry, PackageDir } from './package-dir';
import type { FormatVersion } from './problem-yaml';
import type { ValidatorSource } from './types';

const SOURCE_EXTENSIONS = ['.c', '.cc', '.cpp', '.cxx', '.h', '.hpp', '.py'];
const TESTLIB_INCLUDE = /^[ \t]*#[ \t]*include[ \t]*["<]testlib\.h[">]/m;

function isSource(entry: DirEntry): boolean {
  return entry.kind === 'file' && SOURCE_EXTENSIONS.includes(path.extname(entry.name));
}

/**
 * Finds the output validator's sources: 2023-07 `output_validator/`, legacy `output_validators/<name>/` or source
 * files placed directly in `output_validators/`. Returns null when there is none. Legacy packages may hold several
 * validators; like problemtools, the first by name is used.
 */
export async function findOutputValidator(dir: PackageDir, version: FormatVersion): Promise<ValidatorSource | null> {
  const folder = await dir.entry(version === 'legacy' ? 'output_validators' : 'output_validator');
  if (!folder || folder.kind !== 'dir') return null;
  const entries = await dir.list(folder.path);
  // Files directly in the folder form the program (the 2023-07 layout, and a common legacy one: checker + testlib.h).
  if (version === '2023-07-draft' || entries.some(isSource)) return describe(dir, folder.real, entries);
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
