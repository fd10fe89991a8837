import { describe, expect, it } from 'vitest';
import { ProblemFaultError } from '../errors';
import type { OutcomeContext } from './checker-protocol';
import { finished } from './__fixtures__/fake-box';
import { kattisProtocol } from './kattis-protocol';

const paths = { input: '{file:0}', answer: '{file:1}', output: '/box/team.out', feedbackDir: '/box/feedback/' };
const asChecker: OutcomeContext = { scoring: false, role: 'checker' };

describe('the Kattis protocol', () => {
  it('calls the validator with input, answer, feedback folder and flags, the output on stdin', () => {
    expect(kattisProtocol.outputVia).toBe('stdin');
    expect(kattisProtocol.checkerArgs(paths, ['case_sensitive'])).toEqual([
      '{file:0}',
      '{file:1}',
      '/box/feedback/',
      'case_sensitive',
    ]);
    expect(kattisProtocol.interactorArgs?.(paths, [])).toEqual(['{file:0}', '{file:1}', '/box/feedback/']);
  });

  it('reads judgemessage.txt, teammessage.txt and score.txt', () => {
    expect(kattisProtocol.feedbackFiles).toEqual(['judgemessage.txt', 'teammessage.txt', 'score.txt']);
  });

  it('exit 42 accepts, exit 43 rejects', () => {
    expect(kattisProtocol.outcome(finished({ exitCode: 42 }), asChecker)).toEqual({
      verdict: 'AC',
      score: null,
      feedback: '',
    });
    expect(kattisProtocol.outcome(finished({ exitCode: 43 }), asChecker)).toEqual({
      verdict: 'WA',
      score: null,
      feedback: '',
    });
  });

  it("the team's message comes first, then the judge's, each trimmed", () => {
    const result = finished({ exitCode: 43 }, { 'judgemessage.txt': ' expected 7\n', 'teammessage.txt': 'too big\n' });
    expect(kattisProtocol.outcome(result, asChecker).feedback).toBe('too big\nexpected 7');
    const judgeOnly = finished({ exitCode: 43 }, { 'judgemessage.txt': 'expected 7', 'teammessage.txt': '  ' });
    expect(kattisProtocol.outcome(judgeOnly, asChecker).feedback).toBe('expected 7');
  });

  it('score.txt gives the score, with either verdict', () => {
    expect(kattisProtocol.outcome(finished({ exitCode: 42 }, { 'score.txt': '37.5\n' }), asChecker)).toMatchObject({
      verdict: 'AC',
      score: 37.5,
    });
    expect(kattisProtocol.outcome(finished({ exitCode: 43 }, { 'score.txt': '0' }), asChecker)).toMatchObject({
      verdict: 'WA',
      score: 0,
    });
    expect(kattisProtocol.outcome(finished({ exitCode: 42 }, { 'score.txt': '' }), asChecker).score).toBeNull();
  });

  it('a score.txt that is not a number is the package’s fault', () => {
    const result = finished({ exitCode: 42 }, { 'score.txt': 'lots' });
    expect(() => kattisProtocol.outcome(result, asChecker)).toThrow(ProblemFaultError);
    expect(() => kattisProtocol.outcome(result, asChecker)).toThrow('output validator wrote a bad score.txt: "lots"');
  });

  it.each([
    [{ status: 'ok', exitCode: 0 }, 'output validator exited normally'],
    [{ exitCode: 1, stderr: Buffer.from('cannot open input\n') }, 'output validator exited with 1: cannot open input'],
    [{ status: 'signaled', exitCode: null, signal: 11 }, 'output validator killed by signal 11 (SIGSEGV)'],
    [{ status: 'cpu-time-limit', exitCode: null }, 'output validator CPU time limit exceeded (5 ms)'],
  ] as const)('any other end is the package’s fault: %o', (run, message) => {
    expect(() => kattisProtocol.outcome(finished(run), asChecker)).toThrow(new ProblemFaultError(message));
  });

  it('names the interactor when it ran as one', () => {
    expect(() => kattisProtocol.outcome(finished({ exitCode: 3 }), { scoring: false, role: 'interactor' })).toThrow(
      'interactor exited with 3',
    );
  });
});
