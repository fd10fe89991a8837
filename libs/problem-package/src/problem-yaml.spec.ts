import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, TempDirs, type Tree } from './__fixtures__/tree';
import { loadProblemPackage, PackageError } from './index';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

async function load(tree: Tree, name?: string) {
  return loadProblemPackage(await temp.package(tree, name));
}

async function loadError(tree: Tree): Promise<PackageError> {
  const error: unknown = await load(tree).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

describe('problem.yaml, legacy format', () => {
  it('fills in the spec defaults for a minimal package', async () => {
    const folder = await temp.package(MINIMAL, 'hello');
    const problem = await loadProblemPackage(folder);
    expect(problem.root).toBe(await realpath(folder));
    expect(problem.shortName).toBe('hello');
    expect(problem.name).toBe('Hello World');
    expect(problem.formatVersion).toBe('legacy');
    expect(problem.type).toBe('pass-fail');
    expect(problem.interactive).toBe(false);
    expect(problem.validation).toBe('default');
    expect(problem.validatorScores).toBe(false);
    expect(problem.validatorFlags).toEqual([]);
    expect(problem.outputValidator).toBeNull();
    expect(problem.statementPath).toBeNull();
    expect(problem.raw).toEqual({ name: 'Hello World' });
    expect(problem.limits).toEqual({
      timeLimitMs: null,
      timeLimitSource: null,
      timeMultiplier: 5,
      timeSafetyMargin: 2,
      timeResolutionS: 1,
      memoryMb: 2048,
      outputMb: 8,
      codeKb: 128,
      compilationTimeS: 60,
      compilationMemoryMb: 2048,
      validationTimeS: 60,
      validationMemoryMb: 2048,
      validationOutputMb: 8,
      validationPasses: 2,
    });
    await problem.dispose();
  });

  it('reads every legacy key', async () => {
    const problem = await load({
      ...MINIMAL,
      'problem.yaml': [
        'problem_format_version: legacy',
        'type: scoring',
        'name:',
        '  sv: Hej världen',
        '  en: Hello World',
        'validation: custom interactive score',
        'validator_flags: float_tolerance 1e-6  case_sensitive',
        'limits:',
        '  time_multiplier: 3',
        '  time_safety_margin: 1.5',
        '  memory: 512',
        '  output: 16',
        '  code: 64',
        '  compilation_time: 30',
        '  compilation_memory: 1024',
        '  validation_time: 20',
        '  validation_memory: 256',
        '  validation_output: 4',
        'author: Somebody',
        'some_future_key: [1, 2]',
        '',
      ].join('\n'),
      'output_validators/check/check.cpp': 'int main() { return 42; }\n',
    });
    expect(problem.name).toBe('Hello World');
    expect(problem.type).toBe('scoring');
    expect(problem.interactive).toBe(true);
    expect(problem.validation).toBe('custom');
    expect(problem.validatorScores).toBe(true);
    expect(problem.validatorFlags).toEqual(['float_tolerance', '1e-6', 'case_sensitive']);
    expect(problem.limits).toMatchObject({
      timeMultiplier: 3,
      timeSafetyMargin: 1.5,
      memoryMb: 512,
      outputMb: 16,
      codeKb: 64,
      compilationTimeS: 30,
      compilationMemoryMb: 1024,
      validationTimeS: 20,
      validationMemoryMb: 256,
      validationOutputMb: 4,
      validationPasses: 2,
    });
    expect(problem.raw.some_future_key).toEqual([1, 2]);
  });

  it('picks the first localised name when there is no English one', async () => {
    const problem = await load({ ...MINIMAL, 'problem.yaml': 'name:\n  sv: Hej\n  de: Hallo\n' });
    expect(problem.name).toBe('Hej');
  });

  it('takes the name from the LaTeX statement, then from the folder, when problem.yaml has none', async () => {
    const fromStatement = await load({
      ...MINIMAL,
      'problem.yaml': 'type: pass-fail\n',
      'problem_statement/problem.en.tex': '\\problemname{Sum of Two}\nAdd them.\n',
    });
    expect(fromStatement.name).toBe('Sum of Two');
    const fromFolder = await load({ ...MINIMAL, 'problem.yaml': '' }, 'twosum');
    expect(fromFolder.name).toBe('twosum');
  });
});

describe('problem.yaml, 2023-07 draft', () => {
  it('reads the draft keys and uses its multiplier defaults', async () => {
    const problem = await load({
      ...MINIMAL,
      'problem.yaml': [
        'problem_format_version: 2023-07-draft',
        'name: Guess',
        'uuid: 8ee7605a-8c4a-4b33-8bf2-2c4e2e0e5a11',
        'type: [scoring, interactive]',
        'limits:',
        '  time_limit: 2.5',
        '  memory: 1024',
        '',
      ].join('\n'),
      'output_validator/validator.py': 'print(42)\n',
    });
    expect(problem.formatVersion).toBe('2023-07-draft');
    expect(problem.name).toBe('Guess');
    expect(problem.type).toBe('scoring');
    expect(problem.interactive).toBe(true);
    expect(problem.validation).toBe('custom');
    expect(problem.validatorScores).toBe(true);
    expect(problem.validatorFlags).toEqual([]);
    expect(problem.limits).toMatchObject({
      timeLimitMs: 2500,
      timeLimitSource: 'problem.yaml',
      timeMultiplier: 2,
      timeSafetyMargin: 1.5,
      timeResolutionS: 1,
      memoryMb: 1024,
      outputMb: 8,
    });
  });

  it('reads time_multipliers, time_resolution and a localised name', async () => {
    const problem = await load({
      ...MINIMAL,
      'problem.yaml': [
        'problem_format_version: "2023-07"',
        'name: { de: Hallo, en: Hello }',
        'type: pass-fail',
        'limits:',
        '  time_multipliers: { ac_to_time_limit: 3, time_limit_to_tle: 1.2 }',
        '  time_resolution: 0.5',
        '',
      ].join('\n'),
    });
    expect(problem.name).toBe('Hello');
    expect(problem.validation).toBe('default');
    expect(problem.limits).toMatchObject({
      timeLimitMs: null,
      timeMultiplier: 3,
      timeSafetyMargin: 1.2,
      timeResolutionS: 0.5,
    });
  });

  it('requires a name', async () => {
    const error = await loadError({ ...MINIMAL, 'problem.yaml': 'problem_format_version: 2023-07-draft\n' });
    expect(error.code).toBe('PROBLEM_YAML_INVALID');
    expect(error.message).toBe('problem.yaml: name: required in problem_format_version 2023-07-draft');
  });
});

describe('multi-pass and submit-answer problems', () => {
  const VALIDATOR = { 'output_validator/validate.py': 'import sys\nsys.exit(42)\n' };
  const modern = (type: string, extra = '') => `problem_format_version: 2023-07\nname: X\ntype: ${type}\n${extra}`;

  it.each(['multi-pass', '[pass-fail, multi-pass]', 'pass-fail multi-pass', '[scoring, multi-pass, interactive]'])(
    'reads type %s as multi-pass, with 2 passes by default',
    async (type) => {
      const problem = await load({ ...MINIMAL, ...VALIDATOR, 'problem.yaml': modern(type) });
      expect(problem.multiPass).toBe(true);
      expect(problem.submitAnswer).toBe(false);
      expect(problem.limits.validationPasses).toBe(2);
    },
  );

  it('reads limits.validation_passes', async () => {
    const problem = await load({
      ...MINIMAL,
      ...VALIDATOR,
      'problem.yaml': modern('multi-pass', 'limits:\n  validation_passes: 5\n'),
    });
    expect(problem.limits.validationPasses).toBe(5);
  });

  it.each([1, 2.5, 'two'])('refuses validation_passes: %j', async (passes) => {
    const error = await loadError({
      ...MINIMAL,
      ...VALIDATOR,
      'problem.yaml': modern('multi-pass', `limits:\n  validation_passes: ${passes}\n`),
    });
    expect(error.message).toBe('problem.yaml: limits.validation_passes: expected a whole number of at least 2');
  });

  it("reads DOMjudge's legacy validation: custom multi-pass", async () => {
    const problem = await load({
      ...MINIMAL,
      'output_validators/v/validate.py': 'import sys\nsys.exit(42)\n',
      'problem.yaml': 'name: X\nvalidation: custom multi-pass\nlimits:\n  validation_passes: 3\n',
    });
    expect(problem.multiPass).toBe(true);
    expect(problem.interactive).toBe(false);
    expect(problem.validation).toBe('custom');
    expect(problem.limits.validationPasses).toBe(3);
  });

  it('needs an output validator for multi-pass, and one that is not a testlib checker', async () => {
    const missing = await loadError({ ...MINIMAL, 'problem.yaml': modern('multi-pass') });
    expect(missing.code).toBe('VALIDATOR_MISSING');
    expect(missing.message).toBe(
      'output_validator/: no output validator (C, C++ or Python sources) found, but multi-pass problems need one to write nextpass.in',
    );
    const testlib = await loadError({
      ...MINIMAL,
      'output_validator/check.cpp': '#include "testlib.h"\nint main() {}\n',
      'problem.yaml': modern('multi-pass'),
    });
    expect(testlib.code).toBe('UNSUPPORTED_PROBLEM_TYPE');
    expect(testlib.message).toContain('a testlib checker cannot run a multi-pass problem');
  });

  it('refuses submit-answer with legacy validation: custom multi-pass', async () => {
    const error = await loadError({
      ...MINIMAL,
      'output_validators/v/validate.py': 'import sys\nsys.exit(42)\n',
      'problem.yaml': 'name: X\ntype: submit-answer\nvalidation: custom multi-pass\n',
    });
    expect(error.message).toBe(
      'problem.yaml: type: "submit-answer" excludes validation: custom interactive and multi-pass',
    );
  });

  it.each(['submit-answer', 'pass-fail submit-answer', '[scoring, submit-answer]'])(
    'reads type %s as submit-answer, with or without a validator',
    async (type) => {
      const problem = await load({ ...MINIMAL, 'problem.yaml': modern(type) });
      expect(problem.submitAnswer).toBe(true);
      expect(problem.multiPass).toBe(false);
      expect(problem.validation).toBe('default');
    },
  );

  it.each([
    ['[submit-answer, multi-pass]', 'problem.yaml: type: "submit-answer" and "multi-pass" exclude each other'],
    ['submit-answer interactive', 'problem.yaml: type: "submit-answer" and "interactive" exclude each other'],
    ['[]', 'problem.yaml: type: expected at least one problem type'],
  ])('refuses type %s', async (type, message) => {
    const error = await loadError({ ...MINIMAL, ...VALIDATOR, 'problem.yaml': modern(type) });
    expect(error.code).toBe('PROBLEM_YAML_INVALID');
    expect(error.message).toBe(message);
  });
});

describe('time limit from the package', () => {
  it('reads .timelimit when problem.yaml has no time_limit', async () => {
    const problem = await load({ ...MINIMAL, '.timelimit': '2.5\n' });
    expect(problem.limits.timeLimitMs).toBe(2500);
    expect(problem.limits.timeLimitSource).toBe('.timelimit');
  });

  it('prefers problem.yaml time_limit over .timelimit', async () => {
    const problem = await load({
      ...MINIMAL,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: X\nlimits:\n  time_limit: 1\n',
      '.timelimit': '7\n',
    });
    expect(problem.limits.timeLimitMs).toBe(1000);
    expect(problem.limits.timeLimitSource).toBe('problem.yaml');
  });

  it('refuses a .timelimit that is not a positive number', async () => {
    const error = await loadError({ ...MINIMAL, '.timelimit': 'two seconds\n' });
    expect(error.code).toBe('TIMELIMIT_INVALID');
    expect(error.message).toBe('.timelimit: expected a positive number of seconds, got "two seconds"');
  });
});

describe('problem.yaml errors', () => {
  it('reports a missing problem.yaml', async () => {
    const tree = { ...MINIMAL };
    delete tree['problem.yaml'];
    const error = await loadError(tree);
    expect(error.code).toBe('PROBLEM_YAML_MISSING');
    expect(error.message).toMatch(/^problem\.yaml: missing at the package root/);
  });

  it('reports malformed YAML with its line', async () => {
    const error = await loadError({ ...MINIMAL, 'problem.yaml': 'name: Hello\nlimits: {memory: 5\n' });
    expect(error.code).toBe('PROBLEM_YAML_INVALID');
    expect(error.message).toMatch(/^problem\.yaml: invalid YAML \(line \d+\): /);
  });

  it.each([
    ['limits:\n  memory: lots\n', 'problem.yaml: limits.memory: expected a positive number'],
    ['limits:\n  memory: -1\n', 'problem.yaml: limits.memory: expected a positive number'],
    ['limits:\n  time_multiplier: 0\n', 'problem.yaml: limits.time_multiplier: expected a positive number'],
    ['limits: 5\n', 'problem.yaml: limits: expected a map'],
    ['name: [a, b]\n', 'problem.yaml: name: expected a string or a map of language codes to names'],
    ['type: [pass-fail, scoring]\n', 'problem.yaml: type: "pass-fail" and "scoring" exclude each other'],
    ['type: golf\n', 'problem.yaml: type: unknown problem type "golf"'],
    ['validation: magic\n', 'problem.yaml: validation: must start with "default" or "custom", got "magic"'],
    [
      'validation: custom fancy\n',
      'problem.yaml: validation: unknown keyword "fancy" (expected interactive, score or multi-pass)',
    ],
    ['- just\n- a list\n', 'problem.yaml: expected a mapping of keys to values at the top level'],
  ])('%j → %s', async (yaml, message) => {
    const error = await loadError({ ...MINIMAL, 'problem.yaml': yaml });
    expect(error.code).toBe('PROBLEM_YAML_INVALID');
    expect(error.message).toBe(message);
  });

  it('refuses an unknown format version', async () => {
    const error = await loadError({ ...MINIMAL, 'problem.yaml': 'problem_format_version: 1999-01\n' });
    expect(error.code).toBe('UNSUPPORTED_FORMAT_VERSION');
    expect(error.message).toContain('problem_format_version: "1999-01"');
  });

  it('says when the source is neither a folder nor a zip', async () => {
    const dir = await temp.make();
    const error: unknown = await loadProblemPackage(path.join(dir, 'nope')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PACKAGE_NOT_FOUND' });
  });
});

describe('problem.yaml keywords', () => {
  it('reads a list (2023-07) and a space-separated string (legacy), once each', async () => {
    const listed = await load({
      ...MINIMAL,
      'problem.yaml': 'problem_format_version: 2023-07-draft\nname: Sum\nkeywords: [math, greedy, math]\n',
    });
    expect(listed.keywords).toEqual(['math', 'greedy']);
    const legacy = await load({ ...MINIMAL, 'problem.yaml': 'name: Sum\nkeywords: dp  graphs\n' });
    expect(legacy.keywords).toEqual(['dp', 'graphs']);
    expect((await load(MINIMAL)).keywords).toEqual([]);
  });

  it('refuses keywords that are not text', async () => {
    const error = await loadError({ ...MINIMAL, 'problem.yaml': 'name: Sum\nkeywords: {a: 1}\n' });
    expect(error.message).toContain('keywords');
  });
});
