import type { Verdict } from '@judge/contract';

/**
 * The in-memory model of an ICPC/Kattis problem package (legacy format, the 2023-07 draft and 2025-09).
 * Paths are absolute host paths inside the package's own folder (never inside a sandbox box).
 */

export type ProblemType = 'pass-fail' | 'scoring';

/** How a test group's per-test scores and verdicts are combined (problemtools' default grader). */
export type ScoreAggregation = 'sum' | 'min' | 'max' | 'avg';
export type VerdictAggregation = 'first_error' | 'worst_error' | 'always_accept';

export interface TestCase {
  /** Path below `data/` without extension, e.g. `secret/group1/03`. */
  name: string;
  /** Group path, e.g. `sample`, `secret`, `secret/group1`. */
  group: string;
  inputPath: string;
  answerPath: string;
  /** True for tests under data/sample (shown to contestants). */
  sample: boolean;
  /** Score of this test when accepted, in place of its group's `acceptScore` (Polygon's per-test points). */
  acceptScore?: number;
  /**
   * Output validator arguments of this test alone (2023-07/2025-09 `<case>.yaml` `output_validator_args`), which
   * replace its group's; absent when the test has none of its own.
   */
  outputValidatorFlags?: string[];
}

/** Settings of one test group, from its testdata.yaml merged over its parent's (inherited keys). */
export interface TestGroupConfig {
  onReject: 'break' | 'continue';
  /** Score given to an accepted test (legacy `accept_score`, default 1). */
  acceptScore: number;
  /** Score given to a rejected test (legacy `reject_score`, default 0). */
  rejectScore: number;
  /** Allowed score range [min, max] of the group (legacy `range`, infinities allowed), or null when not given. */
  range: [number, number] | null;
  scoreAggregation: ScoreAggregation;
  verdictAggregation: VerdictAggregation;
  /** Ignore the `sample` group when aggregating (grader flag `ignore_sample`); only ever true on the root group. */
  ignoreSample: boolean;
  acceptIfAnyAccepted: boolean;
  /** Group flags for the output validator; the engine passes the problem's `validatorFlags` first, then these. */
  outputValidatorFlags: string[];
  inputValidatorFlags: string[];
  /**
   * Names of sibling groups that must all be accepted for this group to score (Polygon's group dependencies);
   * absent or empty when it stands alone.
   */
  dependencies?: string[];
}

export interface TestGroup {
  /** Group path relative to data/: '' for the root, `sample`, `secret`, `secret/group1`. */
  name: string;
  path: string;
  config: TestGroupConfig;
  /** Direct tests of this group, ordered by name. */
  tests: TestCase[];
  /** Subgroups, ordered by name. */
  groups: TestGroup[];
}

export type ValidatorKind =
  /** Kattis protocol: `validator input answer feedback_dir [flags] < team_output`, exit 42/43. */
  | 'kattis'
  /** testlib protocol: `checker input output answer`, exit 0 OK, 1 WA, 2 PE, 3 FAIL, 7 points. */
  | 'testlib';

export interface ValidatorSource {
  /** Folder (or single-file parent folder) holding the validator's sources. */
  dir: string;
  /** Source files, absolute paths, sorted; languages are guessed from extensions by the engine. */
  files: string[];
  kind: ValidatorKind;
}

export interface ProblemLimits {
  /**
   * Time limit written by the package (problem.yaml `limits.time_limit`, `.timelimit` or DOMjudge's
   * `domjudge-problem.ini`), ms; null when it must be derived.
   */
  timeLimitMs: number | null;
  /** Where `timeLimitMs` came from; null when it must be derived. */
  timeLimitSource: 'problem.yaml' | '.timelimit' | 'domjudge-problem.ini' | 'problem.xml' | null;
  /** Legacy `time_multiplier` (default 5) / 2023-07 `time_multipliers.ac_to_time_limit` (default 2). */
  timeMultiplier: number;
  /** Legacy `time_safety_margin` (default 2) / 2023-07 `time_multipliers.time_limit_to_tle` (default 1.5). */
  timeSafetyMargin: number;
  /** 2023-07 `time_resolution` (default 1): a derived time limit is a whole multiple of it, in seconds. */
  timeResolutionS: number;
  memoryMb: number;
  outputMb: number;
  /** Limits for compiling and validating (defaults from the spec). */
  compilationTimeS: number;
  compilationMemoryMb: number;
  validationTimeS: number;
  validationMemoryMb: number;
  validationOutputMb: number;
  codeKb: number;
  /** Most runs of a multi-pass problem (2023-07/2025-09 `limits.validation_passes`, default 2). */
  validationPasses: number;
}

/**
 * One rule a submission must meet (2023-07/2025-09 `submissions/submissions.yaml`), over the tests it applies to.
 * Tests that were not run (judging stops at the first rejected test of a pass-fail problem) are not in scope.
 */
export interface SubmissionExpectation {
  /** Where the rule comes from, for messages: `submissions.yaml: wrong_answer/*` (plus ` > secret/group1`). */
  source: string;
  /** Test cases in scope: a glob on names below data/ (`secret/*-hard`, `sample`), or null for every test. */
  tests: string | null;
  /** Every test in scope must end with one of these verdicts (`permitted`). */
  permitted: Verdict[] | null;
  /** At least one test in scope must end with one of these (`required`). */
  required: Verdict[] | null;
  /** The score of the submission (or of the group `tests` names) lies in [min, max] (`score`). */
  score: [number, number] | null;
  /** Appears in the feedback of at least one test in scope (`message`). */
  message: string | null;
}

export interface PackageSubmission {
  path: string;
  /** Folder name under submissions/ (`accepted`, `wrong_answer`, ...). */
  folder: string;
  /**
   * Expected verdicts of the whole submission: from the folder, or from an `@EXPECTED_RESULTS@:` line in the source.
   * Empty when neither says anything we know (an unknown folder without a tag): `warnings` says why.
   */
  expected: Verdict[];
  /** DOMjudge's `@EXPECTED_SCORE@: <number>`, or null. */
  expectedScore: number | null;
  /** Rules from submissions.yaml (2023-07/2025-09); empty for legacy packages. */
  expectations: SubmissionExpectation[];
  /** Language id given by submissions.yaml (`language`), or null to go by the file extension. */
  language: string | null;
  /** What the loader could not understand about this submission (an unknown tag): `judge verify` shows them. */
  warnings: string[];
  /** The entry point a package names for this submission (DOMjudge's submissions.json `entry_point`). */
  entryPoint?: string;
}

/** A file of a package's include/<code>/ folder: its name there (folders with `/`) and its real path. */
export interface IncludedFile {
  name: string;
  path: string;
}

export interface ProblemPackage {
  /** Absolute path of the package folder (a zip is extracted to a temporary folder first). */
  root: string;
  /** Short name: the folder's (or zip's) base name. */
  shortName: string;
  /** Display name (English when localised). */
  name: string;
  /** `polygon`: a Polygon package (problem.xml), see polygon/. */
  formatVersion: 'legacy' | '2023-07-draft' | '2025-09' | 'polygon';
  type: ProblemType;
  interactive: boolean;
  /** Multi-pass: the output validator may ask for another run by writing `nextpass.in` (`type: multi-pass`). */
  multiPass: boolean;
  /** Submit-answer (output-only): the submission is the answers, judged per test (`type: submit-answer`). */
  submitAnswer: boolean;
  /** Languages that may be submitted (problem.yaml `languages`), or null for every language. */
  languages: string[] | null;
  /** problem.yaml `keywords`: what the problem is about (the judge shows them as tags). Absent: none. */
  keywords?: string[];
  /** Submissions may write files in their working folder (problem.yaml `allow_writing_files`). */
  allowWritingFiles: boolean;
  /** What the package has that this judge reads past or ignores; `judge verify` lists them. */
  warnings: string[];
  /** `validation` mode: default validator or a custom output validator (2023-07: custom when output_validator/ exists). */
  validation: 'default' | 'custom';
  /** The output validator may report a score (legacy `validation: custom score`; 2023-07: scoring with a custom validator). */
  validatorScores: boolean;
  /** Flags for the output validator from problem.yaml (legacy `validator_flags`; empty in 2023-07), before the group's flags. */
  validatorFlags: string[];
  limits: ProblemLimits;
  /** The package's output validator when `validation` is custom; null for the default validator. */
  outputValidator: ValidatorSource | null;
  /**
   * Polygon: the checker run on the interactor's output file once an interaction is accepted (the interactor is
   * `outputValidator`). Absent for every other package.
   */
  interactionChecker?: ValidatorSource;
  /** Root test group (data/), whose groups are `sample` and `secret`. */
  data: TestGroup;
  submissions: PackageSubmission[];
  /**
   * Files added to every submission in a language: include/<code>/ by folder name (a language id or code of the
   * format's table, or `default`). Absent or empty: none.
   */
  includes?: Record<string, IncludedFile[]>;
  /** Statement file path (problem_statement/problem.en.md, .tex, ...) when present. */
  statementPath: string | null;
  /** Problem setter's free-form extra keys are ignored; this keeps the raw parsed yaml for reference. */
  raw: Record<string, unknown>;
}
