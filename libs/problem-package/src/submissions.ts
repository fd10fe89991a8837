import { MiB, type Verdict } from '@judge/contract';
import { PackageError } from './errors';
import { loadEntryPoints } from './includes';
import { compareNames, type DirEntry, type PackageDir } from './package-dir';
import { languageId, parseYamlMapping, type FormatVersion } from './problem-yaml';
import type { PackageSubmission, SubmissionExpectation } from './types';

/** Expected verdicts of the submissions/ folders that Kattis tools use (legacy, 2023-07 and 2025-09). */
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
  // 2023-07 and 2025-09: rejected for any reason.
  rejected: ['WA', 'TLE', 'MLE', 'OLE', 'RE'],
  // 2025-09: never a wrong answer, but too slow or crashing somewhere.
  brute_force: ['TLE', 'RE'],
};

/**
 * Result names as DOMjudge accepts them in `@EXPECTED_RESULTS@` (its own names, and the aliases of its
 * SubmissionService::PROBLEM_RESULT_REMAP), plus the verdict codes and Kattis' names; keys normalised (upper case,
 * `_` as `-`), so `WRONG_ANSWER` and `wrong-answer` are one. DOMjudge's `NO-OUTPUT` (a run that printed nothing
 * where output was expected) is a wrong answer here: the default validator and custom validators reject an empty
 * output as WA, and our verdicts have no separate "no output".
 */
const RESULT_NAMES: Readonly<Record<string, Verdict>> = {
  CORRECT: 'AC',
  ACCEPTED: 'AC',
  'WRONG-ANSWER': 'WA',
  'NO-OUTPUT': 'WA',
  TIMELIMIT: 'TLE',
  'TIME-LIMIT': 'TLE',
  'TIME-LIMIT-EXCEEDED': 'TLE',
  'RUN-ERROR': 'RE',
  'RUN-TIME-ERROR': 'RE',
  'RUNTIME-ERROR': 'RE',
  'COMPILER-ERROR': 'CE',
  'COMPILE-ERROR': 'CE',
  'OUTPUT-LIMIT': 'OLE',
  'OUTPUT-LIMIT-EXCEEDED': 'OLE',
  'MEMORY-LIMIT': 'MLE',
  'MEMORY-LIMIT-EXCEEDED': 'MLE',
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

/** The verdict a result name stands for (`RUN_TIME_ERROR`, `timelimit`, `AC`...), or null for an unknown name. */
export function verdictOfResultName(name: string): Verdict | null {
  return RESULT_NAMES[name.trim().toUpperCase().replace(/_/g, '-')] ?? null;
}

/** DOMjudge's two markers; `@EXPECTED_SCORE@` holds a number, or (DOMjudge accepts it) a list of results. */
const MARKER = /@EXPECTED_(RESULTS|SCORE)@\s*:([^\n]*)/gi;
/** Submissions are small; past this a file is not scanned for the marker (it would not be a source file). */
const MAX_SCAN_BYTES = 4 * MiB;

export async function loadSubmissions(dir: PackageDir, version: FormatVersion): Promise<PackageSubmission[]> {
  const root = await dir.entry('submissions');
  if (!root || root.kind !== 'dir') return [];
  const rules = version === 'legacy' ? [] : await readSubmissionsYaml(dir);
  const submissions: PackageSubmission[] = [];
  const entryPoints = await loadEntryPoints(dir);
  for (const folder of await dir.list(root.path)) {
    if (folder.kind !== 'dir') continue;
    // Kattis' folders, else the folder read as a result name as DOMjudge does (`compiler_error`, `no_output`).
    const named = verdictOfResultName(folder.name);
    const verdicts = FOLDER_VERDICTS[folder.name] ?? (named ? [named] : null);
    for (const entry of await dir.list(folder.path)) {
      if (entry.kind === 'other') continue;
      const files = entry.kind === 'file' ? [entry] : (await dir.list(entry.path)).filter((e) => e.kind === 'file');
      const warnings: string[] = [];
      const marked = await expectedFromSources(dir, files, warnings);
      let expected = marked?.results ?? (verdicts ? [...verdicts] : []);
      // problemtools judges partially_accepted by score alone; a tag does not change that.
      if (folder.name === 'partially_accepted') expected = ['AC'];
      const rel = `${folder.name}/${entry.name}`;
      // A folder is one submission of several files (DOMjudge's multifile-*, problemtools' prolog/).
      const entryPoint = entryPoints.get(dir.rel(entry.path));
      const applied = applyRules(rules, rel, folder.name);
      if (applied.replacesFolder && !marked?.results) expected = [];
      if (expected.length === 0 && applied.expectations.length === 0 && marked?.score === undefined) {
        warnings.push(
          `no expected verdict: submissions/${folder.name}/ is not a folder the judge knows and no @EXPECTED_RESULTS@ tag says one`,
        );
      }
      submissions.push({
        path: entry.real,
        folder: folder.name,
        expected,
        expectedScore: marked?.score ?? null,
        expectations: applied.expectations,
        language: applied.language,
        warnings,
        ...(entryPoint ? { entryPoint } : {}),
      });
    }
  }
  return submissions.sort((a, b) => compareNames(a.path, b.path));
}

interface Marked {
  results?: Verdict[];
  score?: number;
}

/** The markers of a submission's files; problems with them (DOMjudge refuses such a submission) become warnings. */
async function expectedFromSources(dir: PackageDir, files: DirEntry[], warnings: string[]): Promise<Marked | null> {
  let found: Marked | null = null;
  let foundIn = '';
  for (const file of files) {
    let text: string;
    try {
      text = await dir.readText(file.real, MAX_SCAN_BYTES);
    } catch (error) {
      if (error instanceof PackageError) continue;
      throw error;
    }
    const rel = dir.rel(file.path);
    const matches = [...text.matchAll(MARKER)];
    if (matches.length === 0) continue;
    if (found) {
      warnings.push(`${rel}: a second file with @EXPECTED_RESULTS@ (the first is ${foundIn}); this one is ignored`);
      continue;
    }
    const marked: Marked = {};
    for (const match of matches) {
      const kind = match[1].toUpperCase();
      const value = match[2];
      const score = kind === 'SCORE' ? Number(value.trim().split(/\s/)[0]) : NaN;
      const field = Number.isFinite(score) && value.trim() !== '' ? 'score' : 'results';
      if (marked[field] !== undefined) {
        warnings.push(`${rel}: more than one @EXPECTED_${kind}@ line; only the first is used`);
        continue;
      }
      if (field === 'score') marked.score = score;
      else {
        const results = parseExpectedResultList(value, rel, warnings);
        if (results.length > 0) marked.results = results;
      }
    }
    found = marked;
    foundIn = rel;
  }
  return found;
}

/**
 * Parses the list after `@EXPECTED_RESULTS@:` (e.g. `CORRECT, TIMELIMIT`). Unknown names are left out with a
 * warning naming them and `file`; the result is empty when no name is known.
 */
export function parseExpectedResultList(list: string, file: string, warnings: string[]): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const item of list.split(',')) {
    // Only the leading word counts, so that a closing `*/` or `-->` on the same line is harmless.
    const word = /^\s*([A-Za-z][A-Za-z_-]*)/.exec(item)?.[1];
    const verdict = word ? verdictOfResultName(word) : null;
    if (!verdict) {
      warnings.push(`${file}: @EXPECTED_RESULTS@: unknown result "${item.trim()}", ignored`);
      continue;
    }
    if (!verdicts.includes(verdict)) verdicts.push(verdict);
  }
  return verdicts;
}

/** Parses the list after `@EXPECTED_RESULTS@:`; an unknown name is a package error. */
export function parseExpectedResults(list: string, file: string): Verdict[] {
  const warnings: string[] = [];
  const verdicts = parseExpectedResultList(list, file, warnings);
  if (warnings.length > 0) throw new PackageError('SUBMISSION_EXPECTED_INVALID', warnings[0]);
  return verdicts;
}

// ---- submissions.yaml (2023-07, 2025-09) ----

interface Rule {
  /** The glob as written, relative to submissions/. */
  pattern: RegExp;
  key: string;
  /** The key names a whole default folder (`wrong_answer`): its rules replace that folder's default. */
  folder: string | null;
  language: string | null;
  expectations: SubmissionExpectation[];
}

const SUBMISSION_KEYS = new Set([
  'language',
  'entrypoint',
  'authors',
  'model_solution',
  'permitted',
  'required',
  'score',
  'message',
  'use_for_time_limit',
]);

async function readSubmissionsYaml(dir: PackageDir): Promise<Rule[]> {
  const file = await dir.entry('submissions/submissions.yaml');
  if (!file || file.kind !== 'file') return [];
  const name = 'submissions/submissions.yaml';
  const yaml = parseYamlMapping(await dir.readText(file.real), name, 'SUBMISSIONS_YAML_INVALID');
  const rules: Rule[] = [];
  for (const [key, value] of Object.entries(yaml)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new PackageError('SUBMISSIONS_YAML_INVALID', `${name}: ${key}: expected a map`);
    }
    const map = value as Record<string, unknown>;
    const source = `submissions.yaml: ${key}`;
    const expectations: SubmissionExpectation[] = [];
    const own = expectationOf(map, source, null, name, key);
    if (own) expectations.push(own);
    // Other keys name test groups or test-case globs, each with its own permitted/required/score/message.
    for (const [sub, subValue] of Object.entries(map)) {
      if (SUBMISSION_KEYS.has(sub) || subValue === null || subValue === undefined) continue;
      if (typeof subValue !== 'object' || Array.isArray(subValue)) {
        throw new PackageError('SUBMISSIONS_YAML_INVALID', `${name}: ${key}.${sub}: expected a map`);
      }
      const rule = expectationOf(subValue as Record<string, unknown>, `${source} > ${sub}`, sub, name, `${key}.${sub}`);
      if (rule) expectations.push(rule);
    }
    const language = map.language;
    if (language !== undefined && language !== null && typeof language !== 'string') {
      throw new PackageError('SUBMISSIONS_YAML_INVALID', `${name}: ${key}.language: expected a string`);
    }
    const trimmed = key.replace(/\/+$/, '');
    rules.push({
      pattern: globToRegExp(trimmed),
      key,
      folder: trimmed in FOLDER_VERDICTS && own !== null ? trimmed : null,
      language: language ? languageId(language) : null,
      expectations,
    });
  }
  return rules;
}

function expectationOf(
  map: Record<string, unknown>,
  source: string,
  tests: string | null,
  file: string,
  where: string,
): SubmissionExpectation | null {
  const bad = (key: string, what: string) =>
    new PackageError('SUBMISSIONS_YAML_INVALID', `${file}: ${where}.${key}: ${what}`);
  const verdictList = (key: string): Verdict[] | null => {
    const value = map[key];
    if (value === undefined || value === null) return null;
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string'))
      throw bad(key, 'expected a list of verdicts');
    return list.map((v: string) => {
      const verdict = verdictOfResultName(v);
      if (!verdict) throw bad(key, `unknown verdict "${v}" (expected AC, WA, TLE or RTE)`);
      return verdict;
    });
  };
  const permitted = verdictList('permitted');
  const required = verdictList('required');
  let score: [number, number] | null = null;
  const rawScore = map.score;
  if (typeof rawScore === 'number') score = [rawScore, rawScore];
  else if (
    Array.isArray(rawScore) &&
    rawScore.length === 2 &&
    rawScore.every((v) => typeof v === 'number') &&
    rawScore[0] <= rawScore[1]
  )
    score = [rawScore[0], rawScore[1]];
  else if (rawScore !== undefined && rawScore !== null) throw bad('score', 'expected a number or a list [min, max]');
  const message = map.message;
  if (message !== undefined && message !== null && typeof message !== 'string')
    throw bad('message', 'expected a string');
  if (!permitted && !required && !score && typeof message !== 'string') return null;
  return { source, tests, permitted, required, score, message: typeof message === 'string' ? message : null };
}

function applyRules(
  rules: Rule[],
  rel: string,
  folder: string,
): { expectations: SubmissionExpectation[]; language: string | null; replacesFolder: boolean } {
  const expectations: SubmissionExpectation[] = [];
  let language: string | null = null;
  let replacesFolder = false;
  // A submission matches when it or a folder above it does (`accepted` and `accepted/*` both match accepted/x.py).
  const candidates = [folder, rel];
  for (const rule of rules) {
    if (!candidates.some((c) => rule.pattern.test(c))) continue;
    expectations.push(...rule.expectations);
    if (rule.language) language = rule.language;
    if (rule.folder === folder) replacesFolder = true;
  }
  return { expectations, language, replacesFolder };
}

/**
 * The spec's globs: `*` matches within one name (never `/`), `{a,b}` expands; everything else is literal. Written
 * here rather than taken from a glob library because those also give `**`, `?` and `[xyz]` meanings the spec rules
 * out.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let depth = 0;
  for (const char of glob) {
    if (char === '*') out += '[^/]*';
    else if (char === '{') {
      depth++;
      out += '(?:';
    } else if (char === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (char === ',' && depth > 0) out += '|';
    else out += char.replace(/[.+?^$()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether a test case (`secret/group1/03`) or group (`secret/group1`) is in the scope of an expectation: the glob
 * matches it or one of the groups above it.
 */
export function inScope(expectation: SubmissionExpectation, name: string): boolean {
  if (expectation.tests === null) return true;
  const pattern = globToRegExp(expectation.tests.replace(/\/+$/, ''));
  const parts = name.split('/');
  return parts.some((_, i) => pattern.test(parts.slice(0, i + 1).join('/')));
}
