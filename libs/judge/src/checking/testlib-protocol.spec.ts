import { describe, expect, it } from 'vitest';
import { ProblemFaultError } from '../errors';
import type { OutcomeContext } from './checker-protocol';
import { finished } from './__fixtures__/fake-box';
import { testlibProtocol } from './testlib-protocol';

const paths = { input: '{file:0}', answer: '{file:1}', output: '/box/team.out', feedbackDir: '/box/feedback/' };
const passFail: OutcomeContext = { scoring: false, role: 'checker' };
const scoring: OutcomeContext = { scoring: true, role: 'checker' };
const saying = (exitCode: number, message: string) =>
  finished({ status: exitCode === 0 ? 'ok' : 'nonzero-exit', exitCode, stderr: Buffer.from(message) });

describe('the testlib protocol', () => {
  it('calls the checker with input, output file, answer and no flags; the output is a file', () => {
    expect(testlibProtocol.outputVia).toBe('file');
    expect(testlibProtocol.feedbackFiles).toEqual([]);
    expect(testlibProtocol.checkerArgs(paths, ['case_sensitive'])).toEqual(['{file:0}', '/box/team.out', '{file:1}']);
    expect(testlibProtocol.interactorArgs?.(paths, [])).toEqual(['{file:0}', '/box/team.out', '{file:1}']);
  });

  it.each([
    [0, 'ok 3 numbers\n', 'AC'],
    [1, 'wrong answer expected 7, found 8', 'WA'],
    [2, 'wrong output format Unexpected end of file', 'WA'], // presentation error: no PE in the ICPC world
    // testlib built with ENABLE_UNEXPECTED_EOF (Polygon's interactors may be) has a code of its own for it.
    [8, 'unexpected eof Unexpected end of file - int32 expected', 'WA'],
  ] as const)('exit %i (%s) is %s, with its message as feedback', (exitCode, message, verdict) => {
    expect(testlibProtocol.outcome(saying(exitCode, message), passFail)).toEqual({
      verdict,
      score: null,
      feedback: message.trim(),
    });
  });

  it('exit 7 gives the points of its message; they accept only in a scoring problem and above 0', () => {
    expect(testlibProtocol.outcome(saying(7, 'points 2.5 half right'), scoring)).toEqual({
      verdict: 'AC',
      score: 2.5,
      feedback: 'points 2.5 half right',
    });
    expect(testlibProtocol.outcome(saying(7, 'points 0'), scoring)).toMatchObject({ verdict: 'WA', score: 0 });
    expect(testlibProtocol.outcome(saying(7, 'points 2.5'), passFail)).toMatchObject({ verdict: 'WA', score: 2.5 });
  });

  it('points without a number are the package’s fault', () => {
    expect(() => testlibProtocol.outcome(saying(7, 'partially correct'), scoring)).toThrow(
      new ProblemFaultError('testlib checker gave partial points without a number: partially correct'),
    );
  });

  it.each([
    [saying(3, 'FAIL answer file is empty'), 'testlib checker exited with 3: FAIL answer file is empty'],
    [saying(4, ''), 'testlib checker exited with 4'],
    [finished({ status: 'memory-limit', exitCode: null }), 'testlib checker memory limit exceeded (1024 KiB)'],
  ])('a failed check (3) or any other end is the package’s fault', (result, message) => {
    expect(() => testlibProtocol.outcome(result, passFail)).toThrow(new ProblemFaultError(message));
  });

  it('names the interactor when it ran as one', () => {
    expect(() => testlibProtocol.outcome(saying(3, 'FAIL'), { scoring: false, role: 'interactor' })).toThrow(
      'testlib interactor exited with 3: FAIL',
    );
  });
});
