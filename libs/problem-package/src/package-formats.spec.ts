import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, TempDirs } from './__fixtures__/tree';
import { inScope, loadProblemPackage, PackageError, verdictOfResultName } from './index';
import type { SubmissionExpectation } from './types';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

const THIRDS = path.join(__dirname, '__fixtures__', 'packages', 'thirds');

describe('@EXPECTED_RESULTS@ names', () => {
  // Every spelling DOMjudge accepts (its own names and SubmissionService::PROBLEM_RESULT_REMAP), Kattis' names and
  // the verdict codes.
  it.each([
    ['CORRECT', 'AC'],
    ['ACCEPTED', 'AC'],
    ['WRONG-ANSWER', 'WA'],
    ['WRONG_ANSWER', 'WA'],
    // DOMjudge's no-output is a run that printed nothing: a wrong answer here.
    ['NO-OUTPUT', 'WA'],
    ['NO_OUTPUT', 'WA'],
    ['TIMELIMIT', 'TLE'],
    ['TIME_LIMIT_EXCEEDED', 'TLE'],
    ['RUN-ERROR', 'RE'],
    ['RUN_TIME_ERROR', 'RE'],
    ['COMPILER-ERROR', 'CE'],
    ['COMPILER_ERROR', 'CE'],
    ['COMPILE_ERROR', 'CE'],
    ['OUTPUT-LIMIT', 'OLE'],
    ['OUTPUT_LIMIT', 'OLE'],
    ['MEMORY-LIMIT', 'MLE'],
    ['MEMORY_LIMIT', 'MLE'],
    ['memory_limit_exceeded', 'MLE'],
    ['output_limit_exceeded', 'OLE'],
    ['RTE', 'RE'],
    ['ac', 'AC'],
    ['Wa', 'WA'],
    ['JE', 'JE'],
  ])('%s is %s', (name, verdict) => {
    expect(verdictOfResultName(name)).toBe(verdict);
  });

  it.each(['CHECK-MANUALLY', 'NONE-INVALID-SUBMISSION', 'MAYBE', ''])('%j is unknown', (name) => {
    expect(verdictOfResultName(name)).toBeNull();
  });

  it('reads a list of any spellings from a source, with a closing comment on the line', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'submissions/accepted/sol.c': '/* @EXPECTED_RESULTS@: RUN_TIME_ERROR , ACCEPTED */\nint main() {}\n',
      }),
    );
    expect(problem.submissions[0]).toMatchObject({ expected: ['RE', 'AC'], expectedScore: null, warnings: [] });
  });

  it('reads @EXPECTED_SCORE@ as a score, or as results when it is not a number (as DOMjudge does)', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'submissions/partially_accepted/half.py': '# @EXPECTED_SCORE@: 50\nprint(1)\n',
        'submissions/wrong_answer/tagged.py': '# @EXPECTED_SCORE@: CORRECT\nprint(1)\n',
      }),
    );
    const byName = Object.fromEntries(problem.submissions.map((s) => [path.basename(s.path), s]));
    expect(byName['half.py']).toMatchObject({ expectedScore: 50, warnings: [] });
    expect(byName['tagged.py']).toMatchObject({ expected: ['AC'], expectedScore: null });
  });

  it('warns on a second marker in a file or in another file of the submission, keeping the first', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'submissions/accepted/twice.c': '// @EXPECTED_RESULTS@: CORRECT\n// @EXPECTED_RESULTS@: WRONG-ANSWER\n',
        'submissions/accepted/multi/a.txt': '@EXPECTED_RESULTS@: TIMELIMIT\n',
        'submissions/accepted/multi/b.c': '// @EXPECTED_RESULTS@: CORRECT\n',
      }),
    );
    const byName = Object.fromEntries(problem.submissions.map((s) => [path.basename(s.path), s]));
    expect(byName['twice.c']).toMatchObject({
      expected: ['AC'],
      warnings: ['submissions/accepted/twice.c: more than one @EXPECTED_RESULTS@ line; only the first is used'],
    });
    expect(byName.multi).toMatchObject({
      expected: ['TLE'],
      warnings: [
        'submissions/accepted/multi/b.c: a second file with @EXPECTED_RESULTS@ (the first is submissions/accepted/multi/a.txt); this one is ignored',
      ],
    });
  });

  it("reads DOMjudge's folder names as result names (compiler_error, no_output, output_limit)", async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'submissions/compiler_error/x.c': 'int main( {\n',
        'submissions/no_output/y.c': 'int main() {}\n',
        'submissions/output_limit/z.c': 'int main() {}\n',
        'submissions/mixed-verdicts/w.py': '# @EXPECTED_RESULTS@: CORRECT, TIMELIMIT\n',
      }),
    );
    expect(problem.submissions.map((s) => [s.folder, s.expected, s.warnings])).toEqual([
      ['accepted', ['AC'], []],
      ['compiler_error', ['CE'], []],
      ['mixed-verdicts', ['AC', 'TLE'], []],
      ['no_output', ['WA'], []],
      ['output_limit', ['OLE'], []],
    ]);
  });
});

describe("DOMjudge's legacy files", () => {
  it('takes the name and time limit from domjudge-problem.ini, warning on what it ignores', async () => {
    const tree = { ...MINIMAL };
    delete tree['problem.yaml'];
    const problem = await loadProblemPackage(
      await temp.package({
        ...tree,
        'domjudge-problem.ini': "name = 'Hello INI'\ntimelimit = 2.5 ; seconds\nspecial_compare = float\n",
        'submissions.json': '{ "submissions/accepted/sol.py": { "entry_point": "sol.py" } }\n',
      }),
    );
    expect(problem.name).toBe('Hello INI');
    expect(problem.limits).toMatchObject({ timeLimitMs: 2500, timeLimitSource: 'domjudge-problem.ini' });
    expect(problem.warnings).toEqual([
      'domjudge-problem.ini: special_compare names a compare script installed in DOMjudge, not in the package; not used',
    ]);
  });

  it('lets problem.yaml win over the ini, and the ini over .timelimit', async () => {
    const withIni = {
      ...MINIMAL,
      'domjudge-problem.ini': 'name = "From INI"\ntimelimit = 3\n',
      '.timelimit': '7\n',
    };
    const problem = await loadProblemPackage(await temp.package(withIni));
    expect(problem.name).toBe('Hello World');
    expect(problem.limits).toMatchObject({ timeLimitMs: 3000, timeLimitSource: 'domjudge-problem.ini' });
    const yamlLimit = await loadProblemPackage(
      await temp.package({ ...withIni, 'problem.yaml': 'name: Y\nlimits:\n  time_limit: 1\n' }),
    );
    expect(yamlLimit.limits).toMatchObject({ timeLimitMs: 1000, timeLimitSource: 'problem.yaml' });
  });

  it('refuses a time limit in the ini that is not a number, naming the line', async () => {
    const error: unknown = await loadProblemPackage(
      await temp.package({ ...MINIMAL, 'domjudge-problem.ini': 'name = x\ntimelimit = fast\n' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).message).toBe(
      'domjudge-problem.ini: line 2: timelimit: expected a positive number of seconds, got "fast"',
    );
  });

  it("finds a legacy package's validator in output_validator/, as DOMjudge does", async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'name: X\nvalidation: custom\n',
        'output_validator/check.py': 'import sys\nsys.exit(42)\n',
      }),
    );
    expect(problem.outputValidator?.files.map((f) => path.basename(f))).toEqual(['check.py']);
  });
});

describe('problem_format_version 2025-09', () => {
  it('loads a package with test_group.yaml arguments replaced by a test case of its own', async () => {
    const problem = await loadProblemPackage(THIRDS);
    const root = await realpath(THIRDS);
    expect(problem).toMatchObject({
      formatVersion: '2025-09',
      name: 'Thirds',
      type: 'pass-fail',
      interactive: false,
      languages: ['python', 'c'],
      allowWritingFiles: true,
      validation: 'default',
      validatorFlags: [],
      statementPath: path.join(root, 'statement', 'problem.en.md'),
    });
    expect(problem.limits).toMatchObject({
      timeLimitMs: 2000,
      timeLimitSource: 'problem.yaml',
      timeMultiplier: 3,
      timeSafetyMargin: 2,
      memoryMb: 256,
    });
    const secret = problem.data.groups.find((g) => g.name === 'secret');
    expect(secret?.config.outputValidatorFlags).toEqual(['float_absolute_tolerance', '0.1']);
    expect(secret?.tests.map((t) => [t.name, t.outputValidatorFlags])).toEqual([
      ['secret/1-tolerant', undefined],
      ['secret/2-tolerant', undefined],
      ['secret/3-strict', ['float_absolute_tolerance', '0.000001']],
    ]);
    expect(problem.warnings).toEqual([
      'problem.yaml: constants: not substituted ({{name}} in statements, validators, submissions and test_group.yaml stays as written)',
    ]);
  });

  it('reads submissions.yaml: language, and rules per test group', async () => {
    const problem = await loadProblemPackage(THIRDS);
    const byName = Object.fromEntries(problem.submissions.map((s) => [`${s.folder}/${path.basename(s.path)}`, s]));
    expect(Object.keys(byName)).toEqual([
      'accepted/exact.c',
      'accepted/exact.go',
      'accepted/exact.py',
      'rejected/crash.py',
      'time_limit_exceeded/spin.py',
      'wrong_answer/rounded.py',
    ]);
    expect(byName['wrong_answer/rounded.py']).toMatchObject({
      expected: ['WA'],
      language: 'python',
      expectations: [
        {
          source: 'submissions.yaml: wrong_answer/rounded.py > secret/*-tolerant',
          tests: 'secret/*-tolerant',
          permitted: ['AC'],
          required: null,
          score: null,
          message: null,
        },
        {
          source: 'submissions.yaml: wrong_answer/rounded.py > secret/3-strict',
          tests: 'secret/3-strict',
          permitted: null,
          required: ['WA'],
          score: null,
          message: null,
        },
      ],
    });
    // 2025-09 `rejected`: any rejection; the yaml narrows it to a run-time error somewhere.
    expect(byName['rejected/crash.py']).toMatchObject({
      expected: ['WA', 'TLE', 'MLE', 'OLE', 'RE'],
      expectations: [{ required: ['RE'], tests: null }],
    });
    expect(byName['accepted/exact.py']).toMatchObject({ expected: ['AC'], expectations: [], language: null });
  });

  it('lets a rule on a default folder replace its expected verdict', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'problem_format_version: 2025-09\nname: X\n',
        'submissions/time_limit_exceeded/slow.py': 'while True: pass\n',
        'submissions/submissions.yaml': 'time_limit_exceeded:\n  permitted: [AC, WA, TLE]\n  required: [TLE]\n',
      }),
    );
    const slow = problem.submissions.find((s) => s.folder === 'time_limit_exceeded');
    expect(slow).toMatchObject({ expected: [], expectations: [{ permitted: ['AC', 'WA', 'TLE'], required: ['TLE'] }] });
  });

  it('refuses a submissions.yaml rule with an unknown verdict, naming it', async () => {
    const error: unknown = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'problem_format_version: 2025-09\nname: X\n',
        'submissions/submissions.yaml': 'accepted/*:\n  permitted: [AC, SLOW]\n',
      }),
    ).catch((e: unknown) => e);
    expect((error as PackageError).message).toBe(
      'submissions/submissions.yaml: accepted/*.permitted: unknown verdict "SLOW" (expected AC, WA, TLE or RTE)',
    );
  });

  it('reads type as a list or as words in one string, and languages as codes', async () => {
    const load = async (yaml: string) =>
      loadProblemPackage(
        await temp.package({
          ...MINIMAL,
          'problem.yaml': `problem_format_version: 2025-09\nname: X\n${yaml}`,
          'output_validator/v.py': 'import sys\nsys.exit(42)\n',
        }),
      );
    expect(await load('type: pass-fail interactive\n')).toMatchObject({ interactive: true, type: 'pass-fail' });
    expect(await load('type: [scoring, interactive]\n')).toMatchObject({ interactive: true, type: 'scoring' });
    expect(await load('languages: all\n')).toMatchObject({ languages: null });
    expect(await load('languages: cpp python3 java\n')).toMatchObject({ languages: ['cpp', 'python', 'java'] });
    expect(await load('allow_file_writing: false\n')).toMatchObject({ allowWritingFiles: false });
  });

  it('lists what the judge ignores as warnings: args, .files, scoring keys of a pass-fail problem', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'problem_format_version: 2025-09\nname: X\n',
        'data/secret/test_group.yaml': 'args: [--fast]\nmax_score: 100\n',
        'data/secret/1.yaml': 'args: [--slow]\n',
        'data/secret/1.files/extra.txt': 'x\n',
        'include/default/lib.h': '#pragma once\n',
      }),
    );
    expect(problem.warnings).toEqual([
      'data/secret/test_group.yaml, data/secret/1.yaml: args: command-line arguments for submissions are not passed',
      'data/secret/test_group.yaml: max_score: not applied (only 2025-09 scoring problems use it)',
      'data/secret/1.files: test-case .files folders are not copied next to the submission',
    ]);
    // include/ is used: its files join every submission in their language.
    expect(problem.includes).toEqual({ default: [expect.objectContaining({ name: 'lib.h' })] });
  });
});

describe('2025-09 scoring', () => {
  it("spreads each group's max_score over its tests: sum, min, pass-fail, plain folders, samples worth nothing", async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        'problem.yaml': 'problem_format_version: 2025-09\nname: S\ntype: scoring\n',
        'data/sample/1.in': '1\n',
        'data/sample/1.ans': '1\n',
        'data/secret/test_group.yaml': 'max_score: 100\n',
        'data/secret/group1/test_group.yaml': 'max_score: 30\n',
        'data/secret/group1/1.in': '1\n',
        'data/secret/group1/1.ans': '1\n',
        'data/secret/group1/2.in': '2\n',
        'data/secret/group1/2.ans': '2\n',
        'data/secret/group2/test_group.yaml': 'max_score: 70\nscore_aggregation: sum\n',
        'data/secret/group2/1.in': '1\n',
        'data/secret/group2/1.ans': '1\n',
        'data/secret/group2/more/2.in': '2\n',
        'data/secret/group2/more/2.ans': '2\n',
      }),
    );
    const config = (name: string) => {
      const find = (g: typeof problem.data): typeof problem.data | undefined =>
        g.name === name ? g : g.groups.map(find).find((x) => x !== undefined);
      const { acceptScore, rejectScore, scoreAggregation } = find(problem.data)?.config ?? {};
      return { acceptScore, rejectScore, scoreAggregation };
    };
    expect(problem.data.config).toMatchObject({ scoreAggregation: 'sum', ignoreSample: true });
    expect(config('sample')).toEqual({ acceptScore: 0, rejectScore: 0, scoreAggregation: 'sum' });
    // secret sums its groups; it has no test of its own to give a score to.
    expect(config('secret')).toEqual({ acceptScore: 0, rejectScore: 0, scoreAggregation: 'sum' });
    // pass-fail (the default for a group): every test worth the whole group, the minimum taken.
    expect(config('secret/group1')).toEqual({ acceptScore: 30, rejectScore: 0, scoreAggregation: 'min' });
    // sum: 70 over the group's two tests, one of them in a plain folder.
    expect(config('secret/group2')).toEqual({ acceptScore: 35, rejectScore: 0, scoreAggregation: 'sum' });
    expect(config('secret/group2/more')).toEqual({ acceptScore: 35, rejectScore: 0, scoreAggregation: 'sum' });
    expect(problem.warnings).toEqual([]);
  });

  it('names a bad max_score', async () => {
    const error: unknown = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'problem_format_version: 2025-09\nname: S\ntype: scoring\n',
        'data/secret/test_group.yaml': 'max_score: lots\n',
      }),
    ).catch((e: unknown) => e);
    expect((error as PackageError).message).toBe(
      'data/secret/test_group.yaml: max_score: expected a non-negative number or unbounded, got "lots"',
    );
  });
});

describe('inScope (submissions.yaml test globs)', () => {
  const rule = (tests: string | null): SubmissionExpectation => ({
    source: 's',
    tests,
    permitted: null,
    required: null,
    score: null,
    message: null,
  });

  it.each([
    [null, 'secret/a/1', true],
    ['secret', 'secret/group1/03', true],
    ['secret/group1', 'secret/group1/03', true],
    ['secret/group1', 'secret/group10/03', false],
    ['secret/*-easy', 'secret/02-easy', true],
    ['secret/*-easy', 'secret/x/02-easy', false],
    ['secret/{a,b}', 'secret/b/1', true],
    ['secret/{a,b}', 'secret/c/1', false],
    ['sample', 'secret/sample', false],
  ])('%s covers %s: %s', (glob, name, expected) => {
    expect(inScope(rule(glob), name)).toBe(expected);
  });
});
