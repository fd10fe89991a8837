import { describe, expect, it } from 'vitest';
import { ProblemFaultError } from '../errors';
import type { OutcomeContext } from './checker-protocol';
import { defaultProtocol, runDefaultValidator } from './default-protocol';
import { finished, makeTest } from './__fixtures__/fake-box';

const asChecker: OutcomeContext = { scoring: false, role: 'checker' };

describe('the default protocol', () => {
  it('is called like diff: the answer and the flags, the output on stdin', () => {
    const paths = { input: '/p/1.in', answer: '/p/1.ans', output: '-', feedbackDir: '' };
    expect(defaultProtocol.outputVia).toBe('stdin');
    expect(defaultProtocol.checkerArgs(paths, ['float_tolerance', '1e-6'])).toEqual([
      '/p/1.ans',
      'float_tolerance',
      '1e-6',
    ]);
    expect(defaultProtocol.interactorArgs).toBeUndefined();
  });

  it('exit 0 accepts and exit 1 rejects, the message on stdout', () => {
    expect(defaultProtocol.outcome(finished({ status: 'ok', exitCode: 0 }), asChecker)).toEqual({
      verdict: 'AC',
      score: null,
      feedback: '',
    });
    const rejected = finished({ exitCode: 1, stdout: Buffer.from('wrong answer on token 1') });
    expect(defaultProtocol.outcome(rejected, asChecker)).toEqual({
      verdict: 'WA',
      score: null,
      feedback: 'wrong answer on token 1',
    });
  });

  it('exit 2 (bad flags) and any other end are the package’s fault', () => {
    const badFlags = finished({ exitCode: 2, stderr: Buffer.from('unknown flag "fuzzy"') });
    expect(() => defaultProtocol.outcome(badFlags, asChecker)).toThrow(new ProblemFaultError('unknown flag "fuzzy"'));
    expect(() => defaultProtocol.outcome(finished({ exitCode: 9 }), asChecker)).toThrow(ProblemFaultError);
  });
});

describe('the built-in default validator', () => {
  it('answers as a program speaking the default protocol would', async () => {
    const { test, dispose } = await makeTest('3.0 abc\n');
    try {
      const same = await runDefaultValidator(test, Buffer.from('3 ABC'), ['float_tolerance', '0.5']);
      expect(defaultProtocol.outcome(same, asChecker)).toEqual({ verdict: 'AC', score: null, feedback: '' });

      const differs = await runDefaultValidator(test, Buffer.from('3.0 abd\n'), []);
      expect(differs.run).toMatchObject({ status: 'nonzero-exit', exitCode: 1 });
      expect(defaultProtocol.outcome(differs, asChecker)).toMatchObject({ verdict: 'WA' });
      expect(defaultProtocol.outcome(differs, asChecker).feedback).toMatch(/^wrong answer/);

      const badFlags = await runDefaultValidator(test, Buffer.from('3.0 abc\n'), ['no_such_flag']);
      expect(badFlags.run).toMatchObject({ status: 'nonzero-exit', exitCode: 2 });
      expect(() => defaultProtocol.outcome(badFlags, asChecker)).toThrow(ProblemFaultError);
    } finally {
      await dispose();
    }
  });
});
