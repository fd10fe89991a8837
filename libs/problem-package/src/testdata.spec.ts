import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, TempDirs, type Tree } from './__fixtures__/tree';
import { allTestCases, loadProblemPackage, PackageError, type TestGroup } from './index';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

async function loadError(tree: Tree): Promise<PackageError> {
  const error: unknown = await loadProblemPackage(await temp.package(tree)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

function pair(name: string): Tree {
  return { [`${name}.in`]: `${name}\n`, [`${name}.ans`]: `${name}\n` };
}

function findGroup(group: TestGroup, name: string): TestGroup {
  if (group.name === name) return group;
  for (const sub of group.groups) {
    if (name === sub.name || name.startsWith(`${sub.name}/`)) return findGroup(sub, name);
  }
  throw new Error(`no group ${name}`);
}

const DEFAULT_CONFIG = {
  onReject: 'break',
  acceptScore: 1,
  rejectScore: 0,
  range: null,
  scoreAggregation: 'sum',
  verdictAggregation: 'worst_error',
  ignoreSample: false,
  acceptIfAnyAccepted: false,
  outputValidatorFlags: [],
  inputValidatorFlags: [],
};

describe('test data', () => {
  it('runs every test of a scoring problem unless a group says on_reject: break', async () => {
    const scoring = await loadProblemPackage(
      await temp.package({
        'problem.yaml': 'name: S\ntype: scoring\n',
        ...pair('data/secret/g1/01'),
        ...pair('data/secret/g2/01'),
        'data/secret/g2/testdata.yaml': 'on_reject: break\n',
      }),
    );
    expect(findGroup(scoring.data, 'secret/g1').config.onReject).toBe('continue');
    expect(findGroup(scoring.data, 'secret/g2').config.onReject).toBe('break');
    const passFail = await loadProblemPackage(
      await temp.package({ 'problem.yaml': 'name: P\n', ...pair('data/secret/01') }),
    );
    expect(findGroup(passFail.data, 'secret').config.onReject).toBe('break');
  });

  it('orders tests and nested groups by plain string order, sample first', async () => {
    const folder = await temp.package({
      'problem.yaml': 'name: Groups\n',
      ...pair('data/sample/b'),
      ...pair('data/sample/a'),
      ...pair('data/secret/2'),
      ...pair('data/secret/10'),
      ...pair('data/secret/g2/01'),
      ...pair('data/secret/g10/01'),
      ...pair('data/secret/g10/sub/x'),
      ...pair('data/secret/g10/Z'),
      // Not test cases: other extensions, hidden files, 2023-07 .files folders.
      'data/sample/a.interaction': '> 1\n',
      'data/sample/a.hint': 'think\n',
      'data/secret/2.desc': 'small\n',
      'data/secret/2.png': 'png',
      'data/secret/2.files/input.txt': 'extra\n',
      'data/secret/.hidden.in': 'x\n',
      'data/secret/lonely.ans': 'answer without input\n',
    });
    const problem = await loadProblemPackage(folder);
    const data = await realpath(path.join(folder, 'data'));

    expect(problem.data.name).toBe('');
    expect(problem.data.path).toBe(data);
    expect(problem.data.groups.map((g) => g.name)).toEqual(['sample', 'secret']);
    const secret = findGroup(problem.data, 'secret');
    expect(secret.tests.map((t) => t.name)).toEqual(['secret/10', 'secret/2']);
    expect(secret.groups.map((g) => g.name)).toEqual(['secret/g10', 'secret/g2']);
    expect(findGroup(problem.data, 'secret/g10').tests.map((t) => t.name)).toEqual(['secret/g10/01', 'secret/g10/Z']);

    expect(allTestCases(problem.data).map((t) => t.name)).toEqual([
      'sample/a',
      'sample/b',
      'secret/10',
      'secret/2',
      'secret/g10/01',
      'secret/g10/Z',
      'secret/g10/sub/x',
      'secret/g2/01',
    ]);
    const first = allTestCases(problem.data)[0];
    expect(first).toEqual({
      name: 'sample/a',
      group: 'sample',
      inputPath: path.join(data, 'sample', 'a.in'),
      answerPath: path.join(data, 'sample', 'a.ans'),
      sample: true,
    });
    const deep = findGroup(problem.data, 'secret/g10/sub');
    expect(deep.path).toBe(path.join(data, 'secret', 'g10', 'sub'));
    expect(deep.tests[0]).toMatchObject({ group: 'secret/g10/sub', sample: false });
    expect(allTestCases(secret)).toHaveLength(6);
  });

  it('uses the default grader settings without testdata.yaml', async () => {
    const problem = await loadProblemPackage(await temp.package(MINIMAL));
    expect(problem.data.config).toEqual(DEFAULT_CONFIG);
    expect(findGroup(problem.data, 'secret').config).toEqual(DEFAULT_CONFIG);
  });

  it('inherits testdata.yaml keys from the nearest ancestor that sets them', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        'problem.yaml': 'name: Subtasks\ntype: scoring\n',
        'data/testdata.yaml': [
          'on_reject: continue',
          'grader_flags: ignore_sample first_error min',
          'accept_score: 2',
          'output_validator_flags: float_tolerance 1e-4',
          '',
        ].join('\n'),
        ...pair('data/sample/1'),
        'data/secret/testdata.yaml': 'accept_score: 5\nrange: 0 100\ngrader_flags: sum\n',
        ...pair('data/secret/g1/1'),
        'data/secret/g1/testdata.yaml': 'grader_flags: "max always_accept accept_if_any_accepted"\nreject_score: -1\n',
        ...pair('data/secret/g2/1'),
        'data/secret/g3/testdata.yaml': 'range: -inf +inf\ninput_validator_flags: "n 100"\n',
        ...pair('data/secret/g3/1'),
      }),
    );
    expect(problem.data.config).toEqual({
      ...DEFAULT_CONFIG,
      onReject: 'continue',
      acceptScore: 2,
      scoreAggregation: 'min',
      verdictAggregation: 'first_error',
      ignoreSample: true,
      outputValidatorFlags: ['float_tolerance', '1e-4'],
    });
    const inherited = {
      ...DEFAULT_CONFIG,
      onReject: 'continue',
      acceptScore: 5,
      range: [0, 100],
      outputValidatorFlags: ['float_tolerance', '1e-4'],
    };
    // The sample group inherits from data/ only; ignore_sample stays on the root.
    expect(findGroup(problem.data, 'sample').config).toMatchObject({
      acceptScore: 2,
      scoreAggregation: 'min',
      ignoreSample: false,
    });
    expect(findGroup(problem.data, 'secret').config).toEqual(inherited);
    expect(findGroup(problem.data, 'secret/g1').config).toEqual({
      ...inherited,
      rejectScore: -1,
      scoreAggregation: 'max',
      verdictAggregation: 'always_accept',
      acceptIfAnyAccepted: true,
    });
    expect(findGroup(problem.data, 'secret/g2').config).toEqual(inherited);
    expect(findGroup(problem.data, 'secret/g3').config).toEqual({
      ...inherited,
      range: [-Infinity, Infinity],
      inputValidatorFlags: ['n', '100'],
    });
  });

  it('applies the deprecated problem.yaml grading keys to every group, as problemtools does', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'name: Old\ntype: scoring\ngrading:\n  on_reject: grade\n  accept_score: 3\n',
        'data/secret/testdata.yaml': 'accept_score: 9\n',
      }),
    );
    expect(findGroup(problem.data, 'secret').config).toMatchObject({ onReject: 'continue', acceptScore: 3 });
  });

  it('reads 2023-07 test_group.yaml and *_validator_args', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'problem_format_version: 2023-07-draft\nname: New\n',
        'data/secret/test_group.yaml': 'output_validator_args: [case_sensitive, space_change_sensitive]\n',
      }),
    );
    expect(findGroup(problem.data, 'secret').config.outputValidatorFlags).toEqual([
      'case_sensitive',
      'space_change_sensitive',
    ]);
  });

  it('names the file and key of a bad testdata.yaml value', async () => {
    const error = await loadError({ ...MINIMAL, 'data/secret/testdata.yaml': 'on_reject: sometimes\n' });
    expect(error.code).toBe('TESTDATA_YAML_INVALID');
    expect(error.message).toBe('data/secret/testdata.yaml: on_reject: expected "break" or "continue", got "sometimes"');

    const range = await loadError({ ...MINIMAL, 'data/testdata.yaml': 'range: 1 2 3\n' });
    expect(range.message).toBe('data/testdata.yaml: range: expected two numbers "min max" (inf allowed), got "1 2 3"');

    const score = await loadError({ ...MINIMAL, 'data/testdata.yaml': 'accept_score: [1]\n' });
    expect(score.message).toBe('data/testdata.yaml: accept_score: expected a number, got [1]');

    const yaml = await loadError({ ...MINIMAL, 'data/sample/testdata.yaml': 'on_reject: [\n' });
    expect(yaml.code).toBe('TESTDATA_YAML_INVALID');
    expect(yaml.message).toMatch(/^data\/sample\/testdata\.yaml: invalid YAML/);
  });

  it('refuses custom graders', async () => {
    const error = await loadError({ ...MINIMAL, 'data/testdata.yaml': 'grading: custom\n' });
    expect(error.code).toBe('UNSUPPORTED_GRADING');
    expect(error.message).toBe('data/testdata.yaml: grading: custom graders are not supported');
  });

  it('refuses an input without an answer, naming it', async () => {
    const error = await loadError({ ...MINIMAL, 'data/secret/3.in': '3\n' });
    expect(error.code).toBe('TESTDATA_MISSING_ANSWER');
    expect(error.message).toBe('data/secret/3.in: no answer file 3.ans next to it');
  });

  it('refuses a package without test cases', async () => {
    const error = await loadError({
      'problem.yaml': 'name: Empty\n',
      'data/sample/readme.txt': 'nothing here\n',
      'data/secret/group/notes.md': 'nor here\n',
    });
    expect(error.code).toBe('TESTDATA_EMPTY');
    expect(error.message).toBe('data/: no test cases (.in/.ans pairs) in data/sample or data/secret');
  });

  it('refuses a package without data/', async () => {
    const error = await loadError({ 'problem.yaml': 'name: Nothing\n' });
    expect(error.code).toBe('TESTDATA_MISSING');
    expect(error.message).toMatch(/^data\/: folder missing/);
  });
});
