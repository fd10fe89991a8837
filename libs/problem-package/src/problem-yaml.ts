import { distance as levenshtein } from 'fastest-levenshtein';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { PackageError, type PackageErrorCode } from './errors';
import type { ProblemLimits, ProblemPackage, ProblemType } from './types';

export type FormatVersion = ProblemPackage['formatVersion'];

/** What problem.yaml says, before the rest of the package (validator folder, .timelimit) is looked at. */
export interface ProblemMetadata {
  formatVersion: FormatVersion;
  /** Display name, or null when problem.yaml has none (legacy packages may name the problem in the statement). */
  name: string | null;
  type: ProblemType;
  interactive: boolean;
  /** `multi-pass` in `type`, or legacy `validation: custom multi-pass`. */
  multiPass: boolean;
  /** `submit-answer` in `type`. */
  submitAnswer: boolean;
  /** Legacy `validation` mode; null in 2023-07, where the presence of output_validator/ decides. */
  validation: 'default' | 'custom' | null;
  /** Legacy `validation: custom score`. */
  validatorScores: boolean;
  validatorFlags: string[];
  /** Limits without `.timelimit`, which lives outside problem.yaml. */
  limits: ProblemLimits;
  /** problem.yaml `languages`, as our language ids; null for every language. */
  languages: string[] | null;
  /** 2025-09 `allow_file_writing` (2023-07 drafts: `allow_writing_files`). */
  allowWritingFiles: boolean;
  /** problem.yaml `keywords` (a list, or legacy's space-separated string): shown as the problem's tags. */
  keywords: string[];
  /** What problem.yaml says that the judge does not act on. */
  warnings: string[];
  /** Deprecated problem.yaml `grading` keys that problemtools still applies to every test group. */
  legacyGrading: LegacyGrading;
  raw: Record<string, unknown>;
}

export interface LegacyGrading {
  onReject?: 'break' | 'continue';
  acceptScore?: number;
  rejectScore?: number;
  range?: string;
}

const FILE = 'problem.yaml';
const POSITIVE = 'expected a positive number';

const positive = z.number(POSITIVE).positive(POSITIVE).nullish();
const finite = z.number('expected a number').nullish();
const stringOrList = (what: string) =>
  z.union([z.string(), z.array(z.string())], { error: `expected ${what} or a list of them` }).nullish();

// Legacy keys and 2023-07 keys in one lenient schema: keys of the other version simply stay unused,
// and unknown keys are dropped (the spec says to reject them, but a judge gains nothing from refusing).
const problemYamlSchema = z.object({
  problem_format_version: z.string('expected a string').nullish(),
  type: stringOrList('a problem type'),
  name: z
    .union([z.string(), z.record(z.string(), z.string())], {
      error: 'expected a string or a map of language codes to names',
    })
    .nullish(),
  validation: z.string('expected a string').nullish(),
  validator_flags: stringOrList('a string'),
  languages: stringOrList('a language code'),
  keywords: stringOrList('a keyword'),
  allow_file_writing: z.boolean('expected true or false').nullish(),
  allow_writing_files: z.boolean('expected true or false').nullish(),
  constants: z.record(z.string(), z.unknown(), { error: 'expected a map' }).nullish(),
  limits: z
    .object(
      {
        time_limit: positive,
        time_resolution: positive,
        time_multipliers: z
          .object({ ac_to_time_limit: positive, time_limit_to_tle: positive }, { error: 'expected a map' })
          .nullish(),
        time_multiplier: positive,
        time_safety_margin: positive,
        memory: positive,
        output: positive,
        code: positive,
        compilation_time: positive,
        compilation_memory: positive,
        validation_time: positive,
        validation_memory: positive,
        validation_output: positive,
        validation_passes: z
          .number('expected a whole number of at least 2')
          .int('expected a whole number of at least 2')
          .min(2, 'expected a whole number of at least 2')
          .nullish(),
      },
      { error: 'expected a map' },
    )
    .nullish(),
  grading: z
    .object(
      {
        on_reject: z.string('expected a string').nullish(),
        accept_score: finite,
        reject_score: finite,
        range: z.string('expected a string').nullish(),
      },
      { error: 'expected a map' },
    )
    .nullish(),
});

type ProblemYaml = z.infer<typeof problemYamlSchema>;

/** Parses YAML text into a plain mapping; `file` names the file in messages. */
export function parseYamlMapping(text: string, file: string, code: PackageErrorCode): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = ` (line ${lineCounter.linePos(first.pos[0]).line})`;
    throw new PackageError(code, `${file}: invalid YAML${line}: ${first.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new PackageError(code, `${file}: invalid YAML: ${(error as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new PackageError(code, `${file}: expected a mapping of keys to values at the top level`);
  }
  return value as Record<string, unknown>;
}

/** `problem.yaml: limits.memory: expected a positive number` for the first problem zod found. */
export function describeZodError(file: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.map(String).join('.');
  return where ? `${file}: ${where}: ${issue.message}` : `${file}: ${issue.message}`;
}

export function parseProblemYaml(text: string): ProblemMetadata {
  const raw = parseYamlMapping(text, FILE, 'PROBLEM_YAML_INVALID');
  const parsed = problemYamlSchema.safeParse(raw);
  if (!parsed.success) throw new PackageError('PROBLEM_YAML_INVALID', describeZodError(FILE, parsed.error));
  const yaml = parsed.data;

  const formatVersion = parseFormatVersion(yaml.problem_format_version);
  const types = parseTypes(yaml.type);
  const legacyValidation = formatVersion === 'legacy' ? parseLegacyValidation(yaml.validation) : null;
  if (types.has('submit-answer') && (legacyValidation?.interactive || legacyValidation?.multiPass)) {
    throw invalid('type: "submit-answer" excludes validation: custom interactive and multi-pass');
  }
  const name = parseName(yaml.name);
  if (name === null && formatVersion !== 'legacy') {
    throw invalid(`name: required in problem_format_version ${formatVersion}`);
  }
  const warnings: string[] = unknownKeys(raw);
  if (formatVersion !== 'legacy' && yaml.constants && Object.keys(yaml.constants).length > 0) {
    warnings.push(
      'problem.yaml: constants: not substituted ({{name}} in statements, validators, submissions and test_group.yaml stays as written)',
    );
  }

  return {
    formatVersion,
    name,
    type: types.has('scoring') ? 'scoring' : 'pass-fail',
    interactive: types.has('interactive') || (legacyValidation?.interactive ?? false),
    multiPass: types.has('multi-pass') || (legacyValidation?.multiPass ?? false),
    submitAnswer: types.has('submit-answer'),
    validation: legacyValidation?.mode ?? null,
    validatorScores: legacyValidation?.score ?? false,
    // 2023-07 dropped problem-wide validator flags; they live in testdata.yaml `output_validator_flags` there.
    validatorFlags: formatVersion === 'legacy' ? splitFlags(yaml.validator_flags) : [],
    limits: parseLimits(formatVersion, yaml.limits),
    languages: parseLanguages(yaml.languages),
    allowWritingFiles: yaml.allow_file_writing ?? yaml.allow_writing_files ?? false,
    keywords: parseKeywords(yaml.keywords),
    warnings,
    legacyGrading: parseLegacyGrading(yaml.grading),
    raw,
  };
}

/** Keywords as written, once each: a list (2023-07), or words separated by spaces (legacy). */
export function parseKeywords(value: ProblemYaml['keywords']): string[] {
  if (value === null || value === undefined) return [];
  const words = typeof value === 'string' ? value.split(/\s+/) : value.map((k) => k.trim());
  return [...new Set(words.filter((k) => k.length > 0))];
}

/**
 * The keys problem.yaml may hold: the Kattis problem package format's, legacy and 2023-07 onwards (2025-09's
 * included), with those DOMjudge and problemtools read. DOMjudge's own settings live in domjudge-problem.ini.
 */
const KNOWN_KEYS: readonly string[] = [
  'problem_format_version',
  'type',
  'name',
  'uuid',
  'version',
  'credits',
  'author',
  'source',
  'source_url',
  'license',
  'rights_owner',
  'embargo_until',
  'limits',
  'validation',
  'validator_flags',
  'scoring',
  'grading',
  'keywords',
  'languages',
  'allow_file_writing',
  'allow_writing_files',
  'constants',
];

const KNOWN_LIMITS: readonly string[] = [
  'time_limit',
  'time_resolution',
  'time_multipliers',
  'time_multiplier',
  'time_safety_margin',
  'memory',
  'output',
  'code',
  'compilation_time',
  'compilation_memory',
  'validation_time',
  'validation_memory',
  'validation_output',
  'validation_passes',
];

const KNOWN_NESTED: Readonly<Record<string, readonly string[]>> = {
  limits: KNOWN_LIMITS,
  'limits.time_multipliers': ['ac_to_time_limit', 'time_limit_to_tle'],
  grading: ['on_reject', 'accept_score', 'reject_score', 'range', 'objective', 'show_test_data_groups'],
  scoring: ['objective', 'show_test_data_groups'],
};

/**
 * A warning for each key the format does not know (`limts:`, `timelimit:`): the judge ignores it, which a setter
 * should hear of rather than find out from a time limit that never applied. A close known key is suggested.
 */
export function unknownKeys(raw: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  const check = (where: string, value: Record<string, unknown>, known: readonly string[]) => {
    for (const key of Object.keys(value)) {
      const path = where ? `${where}.${key}` : key;
      if (!known.includes(key)) {
        const near = suggestion(key, where ? known : [...known, ...KNOWN_LIMITS.map((k) => `limits.${k}`)]);
        warnings.push(`${FILE}: ${path}: unknown key, ignored${near ? ` (did you mean ${near}?)` : ''}`);
        continue;
      }
      const nested = KNOWN_NESTED[path];
      const child = value[key];
      if (nested && child && typeof child === 'object' && !Array.isArray(child)) {
        check(path, child as Record<string, unknown>, nested);
      }
    }
  };
  check('', raw, KNOWN_KEYS);
  return warnings;
}

/** The known key closest to an unknown one, when it is a likely typo (at most 2 edits, or the same letters). */
function suggestion(key: string, known: readonly string[]): string | null {
  const plain = (k: string) => k.toLowerCase().replace(/[^a-z]/g, '');
  let best: { key: string; distance: number } | null = null;
  for (const candidate of known) {
    const last = candidate.split('.').pop() ?? candidate;
    const distance = plain(last) === plain(key) ? 0 : levenshtein(key.toLowerCase(), last);
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key ?? null;
}

function invalid(message: string): PackageError {
  return new PackageError('PROBLEM_YAML_INVALID', `${FILE}: ${message}`);
}

function parseFormatVersion(value: string | null | undefined): FormatVersion {
  if (value === null || value === undefined || value === 'legacy' || value === 'legacy-icpc') return 'legacy';
  // problemtools accepts the final `2023-07` name for the draft too.
  if (value === '2023-07-draft' || value === '2023-07') return '2023-07-draft';
  // The 2025-09 draft differs from the release only in wording the loader does not depend on.
  if (value === '2025-09' || value === '2025-09-draft') return '2025-09';
  throw new PackageError(
    'UNSUPPORTED_FORMAT_VERSION',
    `${FILE}: problem_format_version: "${value}" is not supported (expected legacy, 2023-07-draft or 2025-09)`,
  );
}

const KNOWN_TYPES = ['pass-fail', 'scoring', 'interactive', 'multi-pass', 'submit-answer'];

function parseTypes(value: ProblemYaml['type']): Set<string> {
  // A string may hold several types separated by spaces (`type: pass-fail interactive`, as the spec's own
  // examples and problemtools write it).
  const list =
    value === null || value === undefined ? ['pass-fail'] : typeof value === 'string' ? splitFlags(value) : value;
  if (list.length === 0) throw invalid('type: expected at least one problem type');
  const types = new Set(list);
  for (const type of types) {
    if (!KNOWN_TYPES.includes(type)) throw invalid(`type: unknown problem type "${type}"`);
  }
  for (const [a, b] of INCOMPATIBLE_TYPES) {
    if (types.has(a) && types.has(b)) throw invalid(`type: "${a}" and "${b}" exclude each other`);
  }
  return types;
}

const INCOMPATIBLE_TYPES = [
  ['pass-fail', 'scoring'],
  ['submit-answer', 'multi-pass'],
  ['submit-answer', 'interactive'],
] as const;

/**
 * The spec's language codes (appendix/languages.md) are our language ids, except Python 3's: `python3` (and its
 * `.py3`-only variant) is `python` here.
 */
const LANGUAGE_CODES: Readonly<Record<string, string>> = { python3: 'python' };

/** problem.yaml `languages`: null (every language) when absent or `all`; the spec's codes as our language ids. */
export function parseLanguages(value: ProblemYaml['languages']): string[] | null {
  if (value === null || value === undefined) return null;
  const list = typeof value === 'string' ? splitFlags(value) : value;
  if (list.length === 0) throw invalid('languages: expected "all" or at least one language code');
  if (list.includes('all')) return null;
  return [...new Set(list.map(languageId))];
}

/** Our language id for a language code of the spec (`python3` is `python`). */
export function languageId(code: string): string {
  return LANGUAGE_CODES[code] ?? code;
}

function parseName(value: ProblemYaml['name']): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if ('en' in value) return value.en;
  const first = Object.values(value)[0];
  return first ?? null;
}

interface LegacyValidation {
  mode: 'default' | 'custom';
  interactive: boolean;
  score: boolean;
  multiPass: boolean;
}

function parseLegacyValidation(value: string | null | undefined): LegacyValidation {
  const words = (value ?? 'default').split(/\s+/).filter((w) => w !== '');
  const [mode, ...keywords] = words;
  if (mode !== 'default' && mode !== 'custom') {
    throw invalid(`validation: must start with "default" or "custom", got "${value}"`);
  }
  if (mode === 'default' && keywords.length > 0) {
    throw invalid(`validation: "default" takes no keywords, got "${value}"`);
  }
  for (const keyword of keywords) {
    if (keyword !== 'interactive' && keyword !== 'score' && keyword !== 'multi-pass') {
      throw invalid(`validation: unknown keyword "${keyword}" (expected interactive, score or multi-pass)`);
    }
  }
  return {
    mode,
    interactive: keywords.includes('interactive'),
    score: keywords.includes('score'),
    // DOMjudge's spelling of a multi-pass problem in legacy packages.
    multiPass: keywords.includes('multi-pass'),
  };
}

export function splitFlags(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  return value.split(/\s+/).filter((w) => w !== '');
}

/** The spec's "typical system defaults", shared by both versions. */
export const SYSTEM_DEFAULTS = {
  memoryMb: 2048,
  outputMb: 8,
  codeKb: 128,
  compilationTimeS: 60,
  compilationMemoryMb: 2048,
  validationTimeS: 60,
  validationMemoryMb: 2048,
  validationOutputMb: 8,
};

function parseLimits(version: FormatVersion, limits: ProblemYaml['limits']): ProblemLimits {
  const l = limits ?? {};
  // The two versions name and default the multipliers differently (legacy 5 and 2, 2023-07 2.0 and 1.5);
  // problemtools maps legacy time_multiplier/time_safety_margin onto ac_to_time_limit/time_limit_to_tle.
  const multiplier = version === 'legacy' ? (l.time_multiplier ?? 5) : (l.time_multipliers?.ac_to_time_limit ?? 2);
  const margin = version === 'legacy' ? (l.time_safety_margin ?? 2) : (l.time_multipliers?.time_limit_to_tle ?? 1.5);
  // time_limit is a 2023-07 key, but its meaning is unambiguous, so a legacy package using it is taken at its word.
  const timeLimitMs = l.time_limit ? Math.round(l.time_limit * 1000) : null;
  return {
    timeLimitMs,
    timeLimitSource: timeLimitMs === null ? null : 'problem.yaml',
    timeMultiplier: multiplier,
    timeSafetyMargin: margin,
    timeResolutionS: l.time_resolution ?? 1,
    memoryMb: l.memory ?? SYSTEM_DEFAULTS.memoryMb,
    outputMb: l.output ?? SYSTEM_DEFAULTS.outputMb,
    codeKb: l.code ?? SYSTEM_DEFAULTS.codeKb,
    compilationTimeS: l.compilation_time ?? SYSTEM_DEFAULTS.compilationTimeS,
    compilationMemoryMb: l.compilation_memory ?? SYSTEM_DEFAULTS.compilationMemoryMb,
    validationTimeS: l.validation_time ?? SYSTEM_DEFAULTS.validationTimeS,
    validationMemoryMb: l.validation_memory ?? SYSTEM_DEFAULTS.validationMemoryMb,
    validationOutputMb: l.validation_output ?? SYSTEM_DEFAULTS.validationOutputMb,
    validationPasses: l.validation_passes ?? 2,
  };
}

function parseLegacyGrading(grading: ProblemYaml['grading']): LegacyGrading {
  if (!grading) return {};
  const result: LegacyGrading = {};
  // Pre-legacy packages set on_reject problem-wide as a grader mode; problemtools maps it onto testdata on_reject.
  if (grading.on_reject === 'first_error') result.onReject = 'break';
  else if (grading.on_reject === 'grade') result.onReject = 'continue';
  else if (grading.on_reject !== null && grading.on_reject !== undefined && grading.on_reject !== 'worst_error') {
    throw invalid(`grading.on_reject: expected first_error, worst_error or grade, got "${grading.on_reject}"`);
  }
  if (grading.accept_score !== null && grading.accept_score !== undefined) result.acceptScore = grading.accept_score;
  if (grading.reject_score !== null && grading.reject_score !== undefined) result.rejectScore = grading.reject_score;
  if (grading.range !== null && grading.range !== undefined) result.range = grading.range;
  return result;
}
