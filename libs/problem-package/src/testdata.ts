import path from 'node:path';
import { PackageError } from './errors';
import { compareNames, type DirEntry, type PackageDir } from './package-dir';
import { parseYamlMapping, splitFlags, type FormatVersion, type LegacyGrading } from './problem-yaml';
import type { ProblemType, ScoreAggregation, TestCase, TestGroup, TestGroupConfig, VerdictAggregation } from './types';

/** A testdata.yaml value together with the file that set it, so that messages name the right file. */
interface Setting {
  value: unknown;
  file: string;
}

type Settings = ReadonlyMap<string, Setting>;

interface Context {
  dir: PackageDir;
  formatVersion: FormatVersion;
  legacyGrading: LegacyGrading;
  /** Scoring problems run every test unless a group says otherwise; pass-fail ones stop at the first failure. */
  defaultOnReject: TestGroupConfig['onReject'];
  /** Real paths of the folders being walked, to stop symlinked folders from looping. */
  stack: Set<string>;
  /** What the test data has that the judge does not act on, one line per kind (see `warn`). */
  warnings: Map<string, string[]>;
  problemType: ProblemType;
  /** Each group's own test_group.yaml keys (not inherited), by group name: 2025-09 scoring reads them. */
  ownKeys: Map<string, Record<string, Setting>>;
}

/** Loads data/: the root group with `sample` and `secret` (when present) and everything below them. */
export async function loadTestData(
  dir: PackageDir,
  formatVersion: FormatVersion,
  legacyGrading: LegacyGrading,
  problemType: ProblemType = 'pass-fail',
  warnings: string[] = [],
): Promise<TestGroup> {
  const data = await dir.entry('data');
  if (!data || data.kind !== 'dir') {
    throw new PackageError('TESTDATA_MISSING', 'data/: folder missing (test cases go in data/sample and data/secret)');
  }
  const defaultOnReject = problemType === 'scoring' ? 'continue' : 'break';
  const ctx: Context = {
    dir,
    formatVersion,
    legacyGrading,
    defaultOnReject,
    stack: new Set([data.real]),
    warnings: new Map(),
    problemType,
    ownKeys: new Map(),
  };
  const settings = await readSettings(ctx, data, new Map(), '');
  const groups: TestGroup[] = [];
  // Only sample and secret are judged; other folders (invalid_input, ...) are for tools that check the package.
  for (const name of ['sample', 'secret']) {
    const entry = await dir.entry(`data/${name}`);
    if (entry?.kind === 'dir') groups.push(await loadGroup(ctx, entry, name, settings));
  }
  const root: TestGroup = {
    name: '',
    path: data.real,
    config: toConfig(settings, true, ctx.defaultOnReject),
    tests: [],
    groups,
  };
  if (allTestCases(root).length === 0) {
    throw new PackageError('TESTDATA_EMPTY', 'data/: no test cases (.in/.ans pairs) in data/sample or data/secret');
  }
  if (formatVersion === '2025-09' && problemType === 'scoring') applyScoring2025(ctx, root);
  for (const [what, places] of ctx.warnings) {
    const shown = places.slice(0, 3).join(', ') + (places.length > 3 ? ` and ${places.length - 3} more` : '');
    warnings.push(`${shown}: ${what}`);
  }
  return root;
}

/** Every test case below `group` in judging order: names compared as plain strings, tests and subgroups interleaved. */
export function allTestCases(group: TestGroup): TestCase[] {
  const items: { key: string; tests: () => TestCase[] }[] = [
    ...group.tests.map((test) => ({ key: lastSegment(test.name), tests: () => [test] })),
    ...group.groups.map((sub) => ({ key: lastSegment(sub.name), tests: () => allTestCases(sub) })),
  ];
  // Stable sort: a test and a group of the same name keep the test first.
  items.sort((a, b) => compareNames(a.key, b.key));
  return items.flatMap((item) => item.tests());
}

/** Notes something the judge reads past; warnings of one kind are listed once, with the places they occur. */
function warn(ctx: Context, place: string, what: string): void {
  const places = ctx.warnings.get(what) ?? [];
  places.push(place);
  ctx.warnings.set(what, places);
}

/** Keys of test_group.yaml/testdata.yaml and test-case .yaml files that the judge does not act on, and why. */
const IGNORED_KEYS: Readonly<Record<string, string>> = {
  args: 'args: command-line arguments for submissions are not passed',
  max_score: 'max_score: not applied (only 2025-09 scoring problems use it)',
  score_aggregation: 'score_aggregation: not applied (only 2025-09 scoring problems use it)',
  require_pass: 'require_pass: 2025-09 group dependencies are not applied',
  static_validation_score: 'static_validation_score: static validators are not run',
  static_validator_args: 'static_validator_args: static validators are not run',
  // The 2023-07 draft's `scoring: { score, aggregation }`, still in the specification's own examples.
  scoring: 'scoring: the 2023-07 draft scoring map is not applied (scores follow the legacy rules)',
};

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

async function loadGroup(ctx: Context, entry: DirEntry, name: string, parent: Settings): Promise<TestGroup> {
  if (ctx.stack.has(entry.real)) {
    throw new PackageError('SYMLINK_LOOP', `${ctx.dir.rel(entry.path)}: folder links back to one of its parents`);
  }
  ctx.stack.add(entry.real);
  const settings = await readSettings(ctx, entry, parent, name);
  const entries = await ctx.dir.list(entry.path);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const tests: TestCase[] = [];
  const groups: TestGroup[] = [];
  for (const child of entries) {
    if (child.kind === 'dir') {
      // 2023-07 `<case>.files` folders belong to a test case; they are not groups.
      if (!child.name.endsWith('.files')) groups.push(await loadGroup(ctx, child, `${name}/${child.name}`, settings));
      else warn(ctx, ctx.dir.rel(child.path), 'test-case .files folders are not copied next to the submission');
      continue;
    }
    if (!child.name.endsWith('.in')) continue;
    if (child.kind !== 'file') {
      throw new PackageError('PACKAGE_UNREADABLE', `${ctx.dir.rel(child.path)}: not a regular file`);
    }
    const base = child.name.slice(0, -'.in'.length);
    const answer = byName.get(`${base}.ans`);
    if (!answer || answer.kind !== 'file') {
      throw new PackageError(
        'TESTDATA_MISSING_ANSWER',
        `${ctx.dir.rel(child.path)}: no answer file ${base}.ans next to it`,
      );
    }
    const own = ctx.formatVersion === 'legacy' ? undefined : await testCaseFlags(ctx, byName.get(`${base}.yaml`));
    tests.push({
      name: `${name}/${base}`,
      group: name,
      inputPath: child.real,
      answerPath: answer.real,
      sample: name === 'sample' || name.startsWith('sample/'),
      ...(own ? { outputValidatorFlags: own } : {}),
    });
  }
  ctx.stack.delete(entry.real);
  return { name, path: entry.real, config: toConfig(settings, false, ctx.defaultOnReject), tests, groups };
}

/** A test case's own `<case>.yaml` (2023-07, 2025-09): its output validator arguments replace its group's. */
async function testCaseFlags(ctx: Context, file: DirEntry | undefined): Promise<string[] | undefined> {
  if (!file || file.kind !== 'file') return undefined;
  const rel = ctx.dir.rel(file.path);
  const yaml = parseYamlMapping(await ctx.dir.readText(file.real), rel, 'TESTDATA_YAML_INVALID');
  for (const key of Object.keys(yaml)) if (key in IGNORED_KEYS) warn(ctx, rel, IGNORED_KEYS[key]);
  const setting = (key: string): Setting | undefined =>
    yaml[key] === undefined || yaml[key] === null ? undefined : { value: yaml[key], file: rel };
  const args = setting('output_validator_args');
  const flags = setting('output_validator_flags');
  return args || flags ? validatorFlags(flags, args, 'output') : undefined;
}

/**
 * problemtools' inheritance: a group's testdata.yaml keys win, keys it lacks come from the parent's effective
 * settings (hence transitively from the nearest ancestor setting them), then defaults fill the rest.
 */
async function readSettings(ctx: Context, group: DirEntry, parent: Settings, name: string): Promise<Settings> {
  const settings = new Map(parent);
  // 2023-07 drafts renamed the file to test_group.yaml late; accept it there when testdata.yaml is absent. 2025-09
  // names it test_group.yaml, but packages converted from older versions (the spec's own examples) keep testdata.yaml.
  const names =
    ctx.formatVersion === 'legacy'
      ? ['testdata.yaml']
      : ctx.formatVersion === '2025-09'
        ? ['test_group.yaml', 'testdata.yaml']
        : ['testdata.yaml', 'test_group.yaml'];
  for (const fileName of names) {
    const file = await ctx.dir.entry(ctx.dir.rel(path.join(group.path, fileName)));
    if (!file || file.kind !== 'file') continue;
    const rel = ctx.dir.rel(file.path);
    const yaml = parseYamlMapping(await ctx.dir.readText(file.real), rel, 'TESTDATA_YAML_INVALID');
    ctx.ownKeys.set(name, Object.fromEntries(Object.entries(yaml).map(([k, v]) => [k, { value: v, file: rel }])));
    for (const [key, value] of Object.entries(yaml)) {
      if (value !== null && value !== undefined) settings.set(key, { value, file: rel });
      const applied = ctx.formatVersion === '2025-09' && ctx.problemType === 'scoring' && key in SCORING_2025_KEYS;
      if (key in IGNORED_KEYS && ctx.formatVersion !== 'legacy' && !applied) warn(ctx, rel, IGNORED_KEYS[key]);
    }
    break;
  }
  // problemtools lets deprecated problem.yaml `grading` keys override every group's testdata.yaml.
  const legacy = ctx.legacyGrading;
  const fromProblem = (key: string, value: unknown) => {
    if (value !== undefined) settings.set(key, { value, file: 'problem.yaml: grading' });
  };
  fromProblem('on_reject', legacy.onReject);
  fromProblem('accept_score', legacy.acceptScore);
  fromProblem('reject_score', legacy.rejectScore);
  fromProblem('range', legacy.range);
  return settings;
}

/** The 2025-09 keys applyScoring2025 acts on (in a scoring problem). */
const SCORING_2025_KEYS: Readonly<Record<string, true>> = { max_score: true, score_aggregation: true };

/**
 * 2025-09 scoring, expressed with the default grader's settings: `secret` (default: sum, max_score 100) and each of
 * its test data groups (default: pass-fail, unbounded) spread their max_score over their tests. With `sum` each
 * test is worth max_score / N; with `min` and `pass-fail` each is worth max_score and the group takes the minimum,
 * so one rejected test makes a pass-fail group 0. Unbounded groups take their tests' scores from the validator.
 * Folders below a group that are not groups themselves score as part of it. Samples count for nothing.
 */
function applyScoring2025(ctx: Context, root: TestGroup): void {
  root.config = { ...root.config, scoreAggregation: 'sum', acceptScore: 0, rejectScore: 0, ignoreSample: true };
  for (const group of root.groups) {
    if (group.name === 'sample') setScoring(group, 0, 'sum', () => false);
    else if (group.name === 'secret') {
      const isTestDataGroup = (g: TestGroup) => g.name.split('/').length === 2 && ctx.ownKeys.has(g.name);
      const hasGroups = group.groups.some(isTestDataGroup);
      scoreFrame(ctx, group, hasGroups ? isTestDataGroup : () => false);
      for (const sub of group.groups.filter(isTestDataGroup)) scoreFrame(ctx, sub, () => false);
    }
  }
}

/** One scored unit (secret, or a test data group): its own settings, spread over its tests and plain folders. */
function scoreFrame(ctx: Context, group: TestGroup, isOwnGroup: (g: TestGroup) => boolean): void {
  const own: Partial<Record<string, Setting>> = ctx.ownKeys.get(group.name) ?? {};
  const secret = group.name === 'secret';
  const aggregation = own.score_aggregation ?? { value: secret ? 'sum' : 'pass-fail', file: '' };
  if (!['pass-fail', 'sum', 'min'].includes(aggregation.value as string)) {
    throw fail(aggregation, 'score_aggregation', `expected pass-fail, sum or min, got ${show(aggregation.value)}`);
  }
  const maxSetting = own.max_score ?? { value: secret ? 100 : 'unbounded', file: '' };
  const max = maxSetting.value;
  if (max !== 'unbounded' && !(typeof max === 'number' && Number.isFinite(max) && max >= 0)) {
    throw fail(maxSetting, 'max_score', `expected a non-negative number or unbounded, got ${show(max)}`);
  }
  if (aggregation.value === 'pass-fail' && group.groups.some(isOwnGroup)) {
    warn(
      ctx,
      aggregation.file || `data/${group.name}`,
      'score_aggregation: pass-fail over test data groups is scored as min',
    );
  }
  const countTests = (g: TestGroup): number =>
    g.tests.length + g.groups.filter((sub) => !isOwnGroup(sub)).reduce((n, sub) => n + countTests(sub), 0);
  const tests = countTests(group);
  const perTest = max === 'unbounded' ? 0 : aggregation.value === 'sum' ? (tests > 0 ? max / tests : 0) : max;
  setScoring(group, perTest, aggregation.value === 'sum' ? 'sum' : 'min', isOwnGroup);
}

function setScoring(
  group: TestGroup,
  acceptScore: number,
  scoreAggregation: ScoreAggregation,
  isOwnGroup: (g: TestGroup) => boolean,
): void {
  group.config = { ...group.config, acceptScore, rejectScore: 0, scoreAggregation };
  for (const sub of group.groups) if (!isOwnGroup(sub)) setScoring(sub, acceptScore, scoreAggregation, isOwnGroup);
}

function fail(setting: Setting, key: string, message: string): PackageError {
  return new PackageError('TESTDATA_YAML_INVALID', `${setting.file}: ${key}: ${message}`);
}

function toConfig(settings: Settings, isRoot: boolean, defaultOnReject: TestGroupConfig['onReject']): TestGroupConfig {
  const get = (key: string) => settings.get(key);

  let onReject = defaultOnReject;
  const onRejectSetting = get('on_reject');
  if (onRejectSetting) {
    if (onRejectSetting.value !== 'break' && onRejectSetting.value !== 'continue') {
      throw fail(onRejectSetting, 'on_reject', `expected "break" or "continue", got ${show(onRejectSetting.value)}`);
    }
    onReject = onRejectSetting.value;
  }

  const grading = get('grading');
  if (grading && grading.value !== 'default') {
    if (grading.value === 'custom') {
      throw new PackageError('UNSUPPORTED_GRADING', `${grading.file}: grading: custom graders are not supported`);
    }
    throw fail(grading, 'grading', `expected "default" or "custom", got ${show(grading.value)}`);
  }

  const flags = get('grader_flags');
  const grader = parseGraderFlags(flags ? stringOrWords(flags, 'grader_flags') : []);

  return {
    onReject,
    acceptScore: numberSetting(get('accept_score'), 'accept_score') ?? 1,
    rejectScore: numberSetting(get('reject_score'), 'reject_score') ?? 0,
    range: rangeSetting(get('range')),
    scoreAggregation: grader.score,
    verdictAggregation: grader.verdict,
    // The spec allows ignore_sample on the root only: inherited by a subgroup, it would drop that group's first test.
    ignoreSample: isRoot && grader.ignoreSample,
    acceptIfAnyAccepted: grader.acceptIfAnyAccepted,
    outputValidatorFlags: validatorFlags(get('output_validator_flags'), get('output_validator_args'), 'output'),
    inputValidatorFlags: validatorFlags(get('input_validator_flags'), get('input_validator_args'), 'input'),
  };
}

const VERDICT_MODES: Record<string, VerdictAggregation> = {
  worst_error: 'worst_error',
  // problemtools' default grader keeps this old name as an alias.
  no_errors: 'worst_error',
  first_error: 'first_error',
  always_accept: 'always_accept',
};
const SCORE_MODES: readonly string[] = ['sum', 'avg', 'min', 'max'];

/** The default grader's flags: the last of conflicting modes wins; flags it does not know are ignored, as it does. */
function parseGraderFlags(flags: string[]) {
  let verdict: VerdictAggregation = 'worst_error';
  let score: ScoreAggregation = 'sum';
  let ignoreSample = false;
  let acceptIfAnyAccepted = false;
  for (const flag of flags) {
    if (flag in VERDICT_MODES) verdict = VERDICT_MODES[flag];
    else if (SCORE_MODES.includes(flag)) score = flag as ScoreAggregation;
    else if (flag === 'ignore_sample') ignoreSample = true;
    else if (flag === 'accept_if_any_accepted') acceptIfAnyAccepted = true;
  }
  return { verdict, score, ignoreSample, acceptIfAnyAccepted };
}

function stringOrWords(setting: Setting, key: string): string[] {
  const { value } = setting;
  if (typeof value === 'string') return splitFlags(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.map(String);
  }
  throw fail(setting, key, `expected a string of space-separated words, got ${show(value)}`);
}

function numberSetting(setting: Setting | undefined, key: string): number | undefined {
  if (!setting) return undefined;
  const value = typeof setting.value === 'string' ? Number(setting.value.trim()) : setting.value;
  if (typeof value !== 'number' || !Number.isFinite(value) || setting.value === '') {
    throw fail(setting, key, `expected a number, got ${show(setting.value)}`);
  }
  return value;
}

function parseBound(word: string): number {
  const lower = word.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  return word.trim() === '' ? NaN : Number(word);
}

function rangeSetting(setting: Setting | undefined): [number, number] | null {
  if (!setting) return null;
  const { value } = setting;
  const words =
    typeof value === 'string' ? splitFlags(value) : Array.isArray(value) ? value.map((v) => String(v)) : null;
  const bounds = words?.length === 2 ? words.map(parseBound) : null;
  if (!bounds || bounds.some(Number.isNaN)) {
    throw fail(setting, 'range', `expected two numbers "min max" (inf allowed), got ${show(value)}`);
  }
  if (bounds[0] > bounds[1]) throw fail(setting, 'range', `minimum ${bounds[0]} is above maximum ${bounds[1]}`);
  return [bounds[0], bounds[1]];
}

/**
 * Legacy `*_validator_flags`: a string, or a map `{ name, flags }` picking one validator; 2023-07 drafts use
 * `*_validator_args` lists instead. Per-validator maps of input validator flags cannot be expressed in the model
 * (one flag list per group), so only their `flags` entry is used.
 */
function validatorFlags(flags: Setting | undefined, args: Setting | undefined, kind: 'input' | 'output'): string[] {
  if (args) {
    if (Array.isArray(args.value) || typeof args.value === 'string')
      return stringOrWords(args, `${kind}_validator_args`);
    throw fail(args, `${kind}_validator_args`, `expected a list of strings, got ${show(args.value)}`);
  }
  if (!flags) return [];
  const key = `${kind}_validator_flags`;
  if (typeof flags.value === 'object' && flags.value !== null && !Array.isArray(flags.value)) {
    const inner = (flags.value as Record<string, unknown>).flags;
    return inner === undefined || inner === null
      ? []
      : stringOrWords({ value: inner, file: flags.file }, `${key}.flags`);
  }
  return stringOrWords(flags, key);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
