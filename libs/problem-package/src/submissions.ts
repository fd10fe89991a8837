import { MiB, type Verdict } from '@judge/contract';
import { PackageError } from './errors';
import { loadEntryPoints } from './includes';
import { compareNames, type DirEntry, type PackageDir } from './package-dir';
import type { PackageSubmission } from './types';

/** Expected verdicts of each submissions/ folder; other folders are not judge solutions we can check. */
const FOLDER_VERDICTS: Readonly<Record<string, readonly Verdict[]>> = {
  accepted: ['AC'],
  // Scoring problems: accepted overall, just not with full score.
  partially_accepted: ['AC'],
  wrong_answer: ['WA'],
  time_limit_exceeded: ['TLE'],
  run_time_error: ['RE'],
  memory_limit_exceeded: ['MLE'],
  output_limit_exceeded: ['OLE'],
  compile_error: ['CE'],
  // 2023-07: rejected for any reason.
  rejected: ['WA', 'TLE', 'MLE', 'OLE', 'RE'],
};

/** DOMjudge's result names, plus our verdict codes and Kattis' RTE; keys normalised (upper case, `_` as `-`). */
const RESULT_NAMES: Readonly<Record<string, Verdict>> = {
  CORRECT: 'AC',
  'WRONG-ANSWER': 'WA',
  'NO-OUTPUT': 'WA',
  TIMELIMIT: 'TLE',
  'RUN-ERROR': 'RE',
  'COMPILER-ERROR': 'CE',
  'OUTPUT-LIMIT': 'OLE',
  'MEMORY-LIMIT': 'MLE',
  AC: 'AC',
  WA: 'WA',
  TLE: 'TLE',
  MLE: 'MLE',
  OLE: 'OLE',
  RE: 'RE',
  RTE: 'RE',
  CE: 'CE',
  JE: 'JE',
};

const MARKER = /@EXPECTED_RESULTS@\s*:([^\n]*)/;
/** Submissions are small; past this a file is not scanned for the marker (it would not be a source file). */
const MAX_SCAN_BYTES = 4 * MiB;

export async function loadSubmissions(dir: PackageDir): Promise<PackageSubmission[]> {
  const root = await dir.entry('submissions');
  if (!root || root.kind !== 'dir') return [];
  const submissions: PackageSubmission[] = [];
  const entryPoints = await loadEntryPoints(dir);
  for (const folder of await dir.list(root.path)) {
    const verdicts = FOLDER_VERDICTS[folder.name];
    if (folder.kind !== 'dir' || !verdicts) continue;
    for (const entry of await dir.list(folder.path)) {
      if (entry.kind === 'other') continue;
      const files = entry.kind === 'file' ? [entry] : (await dir.list(entry.path)).filter((e) => e.kind === 'file');
      const marked = await expectedFromSources(dir, files);
      // A folder is one submission of several files (DOMjudge's multifile-*, problemtools' prolog/).
      const entryPoint = entryPoints.get(dir.rel(entry.path));
      submissions.push({
        path: entry.real,
        folder: folder.name,
        expected: marked ?? [...verdicts],
        ...(entryPoint ? { entryPoint } : {}),
      });
    }
  }
  return submissions.sort((a, b) => compareNames(a.path, b.path));
}

async function expectedFromSources(dir: PackageDir, files: DirEntry[]): Promise<Verdict[] | null> {
  for (const file of files) {
    let text: string;
    try {
      text = await dir.readText(file.real, MAX_SCAN_BYTES);
    } catch (error) {
      if (error instanceof PackageError) continue;
      throw error;
    }
    const match = MARKER.exec(text);
    if (match) return parseExpectedResults(match[1], dir.rel(file.path));
  }
  return null;
}

/** Parses the list after `@EXPECTED_RESULTS@:` (e.g. `CORRECT, TIMELIMIT`); `file` names the source in errors. */
export function parseExpectedResults(list: string, file: string): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const item of list.split(',')) {
    // Only the leading word counts, so that a closing `*/` or `-->` on the same line is harmless.
    const word = /^\s*([A-Za-z][A-Za-z_-]*)/.exec(item)?.[1];
    const verdict = word ? RESULT_NAMES[word.toUpperCase().replace(/_/g, '-')] : undefined;
    if (!verdict) {
      throw new PackageError(
        'SUBMISSION_EXPECTED_INVALID',
        `${file}: @EXPECTED_RESULTS@: unknown result "${item.trim()}" (expected e.g. CORRECT, WRONG-ANSWER, TIMELIMIT)`,
      );
    }
    if (!verdicts.includes(verdict)) verdicts.push(verdict);
  }
  return verdicts;
}
