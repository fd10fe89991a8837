import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultValidate,
  type DefaultValidatorOptions,
  InvalidValidatorFlagsError,
  parseDefaultValidatorFlags,
} from './default-validator';

const fixturesDir = join(__dirname, '__fixtures__', 'default-validator');

function validate(answer: string | Buffer, output: string | Buffer, flags: string[] = []) {
  return defaultValidate(Buffer.from(answer), Buffer.from(output), parseDefaultValidatorFlags(flags));
}

function parseError(flags: string[]): InvalidValidatorFlagsError {
  try {
    parseDefaultValidatorFlags(flags);
  } catch (error) {
    if (error instanceof InvalidValidatorFlagsError) return error;
    throw error;
  }
  throw new Error(`flags ${JSON.stringify(flags)} were accepted`);
}

// Each folder holds judge.ans, user.out, flags.txt (one line) and expected.txt (accept or reject).
describe('default validator fixtures', () => {
  const cases = readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('has the fixture cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(fixturesDir, name);
      const flags = readFileSync(join(dir, 'flags.txt'), 'utf8').split(/\s+/).filter(Boolean);
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').trim();
      expect(['accept', 'reject']).toContain(expected);

      const result = defaultValidate(
        readFileSync(join(dir, 'judge.ans')),
        readFileSync(join(dir, 'user.out')),
        parseDefaultValidatorFlags(flags),
      );
      expect(result.accepted, result.message).toBe(expected === 'accept');
      if (result.accepted) expect(result.message).toBe('');
      else expect(result.message).toMatch(/^wrong answer /);
    });
  }
});

describe('parseDefaultValidatorFlags', () => {
  const defaults: DefaultValidatorOptions = {
    caseSensitive: false,
    spaceChangeSensitive: false,
    floatAbsoluteTolerance: null,
    floatRelativeTolerance: null,
  };

  it('defaults to case- and space-insensitive string comparison', () => {
    expect(parseDefaultValidatorFlags([])).toEqual(defaults);
  });

  it('reads every flag', () => {
    expect(parseDefaultValidatorFlags(['case_sensitive', 'space_change_sensitive'])).toEqual({
      ...defaults,
      caseSensitive: true,
      spaceChangeSensitive: true,
    });
    expect(parseDefaultValidatorFlags(['float_absolute_tolerance', '1e-6'])).toEqual({
      ...defaults,
      floatAbsoluteTolerance: 1e-6,
    });
    expect(parseDefaultValidatorFlags(['float_relative_tolerance', '.25'])).toEqual({
      ...defaults,
      floatRelativeTolerance: 0.25,
    });
    expect(
      parseDefaultValidatorFlags([
        'float_relative_tolerance',
        '1E-4',
        'case_sensitive',
        'float_absolute_tolerance',
        '2',
      ]),
    ).toEqual({ ...defaults, caseSensitive: true, floatRelativeTolerance: 1e-4, floatAbsoluteTolerance: 2 });
  });

  it('float_tolerance sets both tolerances', () => {
    expect(parseDefaultValidatorFlags(['float_tolerance', '0.001'])).toEqual({
      ...defaults,
      floatAbsoluteTolerance: 0.001,
      floatRelativeTolerance: 0.001,
    });
  });

  it('accepts a zero tolerance', () => {
    expect(parseDefaultValidatorFlags(['float_tolerance', '0']).floatAbsoluteTolerance).toBe(0);
  });

  it('rejects unknown flags, naming them', () => {
    const error = parseError(['case_sensitive', 'ignore_case']);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidValidatorFlagsError');
    expect(error.flag).toBe('ignore_case');
    expect(error.message).toBe('unknown default validator flag "ignore_case"');
  });

  it('flag names are case-sensitive', () => {
    expect(parseError(['Case_Sensitive']).message).toContain('"Case_Sensitive"');
  });

  it('rejects a flag joined with its value in one argument', () => {
    expect(parseError(['float_tolerance 1e-6']).message).toContain('"float_tolerance 1e-6"');
  });

  it('rejects a tolerance without a value', () => {
    const error = parseError(['case_sensitive', 'float_tolerance']);
    expect(error.flag).toBe('float_tolerance');
    expect(error.message).toBe('default validator flag "float_tolerance" needs a value');
  });

  it.each(['abc', '0x1p-3', 'inf', 'nan', '1e400', '1e', '', ' 0.5', '-0.5', '1,5', 'case_sensitive'])(
    'rejects the tolerance value %j',
    (value) => {
      const error = parseError(['float_absolute_tolerance', value]);
      expect(error.flag).toBe('float_absolute_tolerance');
      expect(error.message).toContain('"float_absolute_tolerance"');
      expect(error.message).toContain(`invalid value "${value}"`);
    },
  );

  it('rejects a tolerance given twice', () => {
    const error = parseError(['float_relative_tolerance', '0.1', 'float_relative_tolerance', '0.2']);
    expect(error.flag).toBe('float_relative_tolerance');
    expect(error.message).toContain('more than once');
  });

  it('rejects float_tolerance combined with another tolerance', () => {
    expect(parseError(['float_tolerance', '0.1', 'float_absolute_tolerance', '0.2']).message).toContain(
      'cannot be combined with "float_tolerance"',
    );
    expect(parseError(['float_relative_tolerance', '0.1', 'float_tolerance', '0.2']).flag).toBe('float_tolerance');
  });
});

describe('defaultValidate messages', () => {
  it('accepts with an empty message', () => {
    expect(validate('1 2\n', '1 2\n')).toEqual({ accepted: true, message: '' });
  });

  it('names the token and both values on a mismatch', () => {
    expect(validate('1 2 5\n', '1 2 6\n').message).toBe('wrong answer on token 3: expected "5", got "6" (line 1)');
  });

  it('gives both line numbers when they differ', () => {
    expect(validate('1 2\n3\n', '1\n2\n4\n').message).toBe(
      'wrong answer on token 3: expected "3", got "4" (line 3 of output, line 2 of answer)',
    );
  });

  it('reports missing output', () => {
    expect(validate('1 2 3\n', '1 2\n').message).toBe(
      'wrong answer on token 3: expected "3", got end of output (line 2 of output, line 1 of answer)',
    );
    expect(validate('42\n', '').message).toBe(
      'wrong answer on token 1: expected "42", got end of output, output is empty (line 1)',
    );
    expect(validate('42\n', ' \n').message).toBe(
      'wrong answer on token 1: expected "42", got end of output, output contains only whitespace (line 2 of output, line 1 of answer)',
    );
  });

  it('reports trailing output', () => {
    expect(validate('1 2\n', '1 2 3\n').message).toBe(
      'wrong answer on token 3: expected end of output, got trailing output "3" (line 1 of output)',
    );
  });

  it('explains a float outside the tolerances', () => {
    expect(validate('1.5\n', '1.7\n', ['float_absolute_tolerance', '0.1']).message).toBe(
      'wrong answer on token 1: expected "1.5", got "1.7", absolute error 0.2 > 0.1 (line 1)',
    );
    expect(validate('8\n', '10.5\n', ['float_tolerance', '0.25']).message).toBe(
      'wrong answer on token 1: expected "8", got "10.5", absolute error 2.5 > 0.25, relative error 0.313 > 0.25 (line 1)',
    );
    expect(validate('0\n', '1\n', ['float_relative_tolerance', '0.01']).message).toBe(
      'wrong answer on token 1: expected "0", got "1", relative error undefined as the answer is 0 (line 1)',
    );
  });

  it('prints enough digits to show that the error exceeds the tolerance', () => {
    expect(validate('1.5\n', '2.0000001\n', ['float_absolute_tolerance', '0.5']).message).toContain(
      'absolute error 0.5000001 > 0.5',
    );
  });

  it('says when a float was expected but the output is not a number', () => {
    expect(validate('1.5\n', '1,5\n', ['float_tolerance', '1e-6']).message).toBe(
      'wrong answer on token 1: expected "1.5", got "1,5", which is not a decimal number (line 1)',
    );
  });

  it('describes whitespace differences', () => {
    const flags = ['space_change_sensitive'];
    expect(validate('1 2\n', '1\t2\n', flags).message).toBe(
      'wrong answer on whitespace after token 1: expected space, got tab (line 1)',
    );
    expect(validate('42\n', '42', flags).message).toBe(
      'wrong answer on whitespace after token 1: expected newline, got end of output (line 1)',
    );
    expect(validate('42\n', '42\r\n', flags).message).toBe(
      'wrong answer on whitespace after token 1: expected newline, got carriage return (line 1)',
    );
    expect(validate('42\n', ' 42\n', flags).message).toBe(
      'wrong answer on whitespace before the first token: expected "42", got space (line 1)',
    );
    expect(validate('a\nb\n', 'a\nb\n\n', flags).message).toBe(
      'wrong answer on whitespace after token 2: expected end of output, got newline (line 3)',
    );
    expect(validate('a b\n', 'a\x0bb\n', flags).message).toBe(
      'wrong answer on whitespace after token 1: expected space, got vertical tab (line 1)',
    );
    expect(validate('a\n b\n', 'a\nb\n', flags).message).toBe(
      'wrong answer on whitespace after token 1: expected space, got "b" (line 2)',
    );
  });

  it('escapes quotes, control characters and bytes that are not UTF-8, and keeps UTF-8 text', () => {
    expect(validate('a"b\\c\n', 'a\x01\n').message).toBe(
      'wrong answer on token 1: expected "a\\"b\\\\c", got "a\\x01" (line 1)',
    );
    expect(validate(Buffer.from('été\n'), Buffer.from([0xe9, 0x74, 0xe9, 0x0a])).message).toBe(
      'wrong answer on token 1: expected "été", got "\\xe9t\\xe9" (line 1)',
    );
  });

  it('shows at most about 100 characters of each token, around the first difference', () => {
    const answer = 'x'.repeat(10_000) + 'A' + 'y'.repeat(10_000);
    const output = 'x'.repeat(10_000) + 'B' + 'y'.repeat(10_000);
    const message = validate(answer, output).message;
    const [, shownAnswer, shownOutput] = /expected "([^"]*)", got "([^"]*)"/.exec(message) ?? [];
    expect(shownAnswer).toMatch(/^\.\.\.x+Ay+\.\.\.$/);
    expect(shownOutput).toMatch(/^\.\.\.x+By+\.\.\.$/);
    expect(shownAnswer.length).toBeLessThanOrEqual(110);
    expect(shownOutput.length).toBeLessThanOrEqual(110);
    expect(message.length).toBeLessThan(300);
  });

  it('bounds escaped binary tokens and trailing output too', () => {
    const binary = Buffer.alloc(5_000, 0x81);
    const message = defaultValidate(Buffer.from('ok\n'), Buffer.concat([Buffer.from('ok '), binary]), {
      caseSensitive: false,
      spaceChangeSensitive: false,
      floatAbsoluteTolerance: null,
      floatRelativeTolerance: null,
    }).message;
    expect(message).toMatch(/^wrong answer on token 2: expected end of output, got trailing output "(\\x81)+\.\.\."/);
    expect(message.length).toBeLessThan(200);
  });

  it('does not cut a UTF-8 character when truncating', () => {
    const message = validate('ok\n', `ok ${'€'.repeat(1_000)}\n`).message;
    expect(message).toContain(`"${'€'.repeat(100)}..."`);
  });
});

// Correctness on large inputs: the validator walks bytes instead of splitting strings (no timing assertions).
describe('defaultValidate on large inputs', () => {
  const tokens = 2_000_000;
  const line = Buffer.from('123456789\n'); // 20 MB in all
  const big = Buffer.alloc(line.length * tokens);
  for (let i = 0; i < tokens; i++) line.copy(big, i * line.length);

  it('accepts 20 MB of equal tokens in every mode', { timeout: 60_000 }, () => {
    expect(validate(big, big).accepted).toBe(true);
    expect(validate(big, big, ['space_change_sensitive', 'case_sensitive']).accepted).toBe(true);
    expect(validate(big, big, ['float_tolerance', '1e-9']).accepted).toBe(true);
  });

  it('finds a difference in the last of 2 million tokens', { timeout: 60_000 }, () => {
    const output = Buffer.from(big);
    output[output.length - 2] = 0x30; // 123456780
    expect(validate(big, output).message).toBe(
      `wrong answer on token ${tokens}: expected "123456789", got "123456780" (line ${tokens})`,
    );
  });

  it('compares a single 20 MB token', { timeout: 60_000 }, () => {
    const token = Buffer.alloc(20_000_000, 0x61);
    const upper = Buffer.alloc(20_000_000, 0x41);
    expect(validate(token, upper).accepted).toBe(true);
    expect(validate(token, upper, ['case_sensitive']).accepted).toBe(false);
  });
});
