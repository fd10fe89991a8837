import { describe, expect, it } from 'vitest';
import type { JudgeResult, TestCaseResult, Verdict } from '@judge/contract';
import type { PackageSubmission, SubmissionExpectation } from '@judge/problem-package';
import { problemOfType } from './checking/__fixtures__/fake-box';
import type { JudgeEngine } from './judge-engine';
import { checkExpectations, verifyProblem } from './verify';

function test(name: string, verdict: Verdict, feedback = ''): TestCaseResult {
  return {
    name,
    group: name.slice(0, name.lastIndexOf('/')),
    verdict,
    timeMs: 1,
    wallMs: 1,
    memoryKb: 1,
    score: null,
    feedback,
  };
}

function result(verdict: Verdict, tests: TestCaseResult[], score = verdict === 'AC' ? 1 : 0): JudgeResult {
  return { verdict, score, maxScore: 1, compileOutput: '', tests, groups: [] };
}

function submission(extra: Partial<PackageSubmission>): PackageSubmission {
  return {
    path: '/p/submissions/x/a.py',
    folder: 'x',
    expected: [],
    expectedScore: null,
    expectations: [],
    language: null,
    warnings: [],
    ...extra,
  };
}

function rule(extra: Partial<SubmissionExpectation>): SubmissionExpectation {
  return {
    source: 'submissions.yaml: x/a.py',
    tests: null,
    permitted: null,
    required: null,
    score: null,
    message: null,
    ...extra,
  };
}

// Judged up to the first rejected test, as a pass-fail problem is.
const WA_ON_STRICT = result('WA', [
  test('sample/1', 'AC'),
  test('secret/1-tolerant', 'AC'),
  test('secret/3-strict', 'WA', 'wrong answer on token 1'),
]);

describe('what judge verify expects of a submission', () => {
  it('compares the verdict with the expected ones', () => {
    expect(checkExpectations(submission({ expected: ['WA'] }), WA_ON_STRICT)).toEqual([]);
    expect(checkExpectations(submission({ expected: ['AC', 'TLE'] }), WA_ON_STRICT)).toEqual([
      'expected AC or TLE, got WA',
    ]);
  });

  it('takes MLE for an expected run-time error, as DOMjudge and problemtools file memory exhaustion', () => {
    const mle = result('MLE', [test('secret/1', 'MLE')]);
    expect(checkExpectations(submission({ expected: ['RE'] }), mle)).toEqual([]);
    expect(checkExpectations(submission({ expected: ['TLE'] }), mle)).toEqual(['expected TLE, got MLE']);
    expect(checkExpectations(submission({ expectations: [rule({ required: ['RE'] })] }), mle)).toEqual([]);
  });

  it('expects nothing of a submission the package says nothing about', () => {
    expect(checkExpectations(submission({}), WA_ON_STRICT)).toEqual([]);
  });

  it('checks @EXPECTED_SCORE@', () => {
    expect(checkExpectations(submission({ expectedScore: 0 }), WA_ON_STRICT)).toEqual([]);
    expect(checkExpectations(submission({ expectedScore: 1 }), WA_ON_STRICT)).toEqual(['expected score 1, got 0']);
  });

  it('checks permitted and required over the tests a rule names, and says which rule failed', () => {
    const tolerant = rule({ tests: 'secret/*-tolerant', permitted: ['AC'] });
    const strict = rule({ tests: 'secret/3-strict', required: ['WA'] });
    expect(checkExpectations(submission({ expectations: [tolerant, strict] }), WA_ON_STRICT)).toEqual([]);
    const everywhere = rule({ source: 'submissions.yaml: x/a.py > secret', tests: 'secret', permitted: ['AC'] });
    const tle = rule({ required: ['TLE'] });
    expect(checkExpectations(submission({ expectations: [everywhere, tle] }), WA_ON_STRICT)).toEqual([
      'submissions.yaml: x/a.py > secret: permitted AC, got WA',
      'submissions.yaml: x/a.py: required TLE on some test, got AC on 2, WA on 1',
    ]);
  });

  it('counts a submission that never ran as one outcome', () => {
    const ce = { ...result('CE', []), compileOutput: 'syntax error' };
    expect(checkExpectations(submission({ expectations: [rule({ permitted: ['AC', 'WA'] })] }), ce)).toEqual([
      'submissions.yaml: x/a.py: permitted AC, WA, got CE',
    ]);
  });

  it('expects a partially_accepted submission to score strictly between 0 and the maximum', () => {
    const partial = submission({ folder: 'partially_accepted', expected: ['AC'] });
    const scored = (verdict: Verdict, score: number): JudgeResult => ({ ...result(verdict, []), score, maxScore: 100 });
    expect(checkExpectations(partial, scored('AC', 30))).toEqual([]);
    // By score alone, as problemtools judges the folder.
    expect(checkExpectations(partial, scored('WA', 30))).toEqual([]);
    expect(checkExpectations(partial, scored('AC', 100))).toEqual([
      'partially_accepted: expected a score above 0 and below 100, got 100 (the full score)',
    ]);
    expect(checkExpectations(partial, scored('WA', 0))).toEqual([
      'partially_accepted: expected a score above 0 and below 100, got 0 (no points)',
    ]);
    // A pass-fail problem's AC is 1 of 1: never partial.
    expect(checkExpectations(partial, result('AC', []))).toEqual([
      'partially_accepted: expected a score above 0 and below 1, got 1 (the full score)',
    ]);
  });

  it('checks score ranges and messages', () => {
    const scored = { ...WA_ON_STRICT, score: 40, maxScore: 100 };
    expect(checkExpectations(submission({ expectations: [rule({ score: [30, 50] })] }), scored)).toEqual([]);
    expect(checkExpectations(submission({ expectations: [rule({ score: [60, 60] })] }), scored)).toEqual([
      'submissions.yaml: x/a.py: score 60 expected, got 40',
    ]);
    expect(checkExpectations(submission({ expectations: [rule({ message: 'token 1' })] }), scored)).toEqual([]);
    expect(checkExpectations(submission({ expectations: [rule({ message: 'overflow' })] }), scored)).toEqual([
      'submissions.yaml: x/a.py: message "overflow" in no test\'s feedback',
    ]);
  });
});

describe('judge verify', () => {
  it('reports a judge error as that submission JE and judges the others', async () => {
    const problem = {
      ...problemOfType('pass-fail'),
      submissions: [
        submission({ path: '/p/submissions/accepted/a.py', expected: ['AC'] }),
        submission({ path: '/p/submissions/accepted/b.py', expected: ['AC'] }),
      ],
    };
    const engine = {
      timeLimit: () => Promise.resolve({ timeLimitMs: 1000, source: 'problem.yaml' }),
      maxScore: () => 1,
      judge: ({ source }: { source: { path: string } }) =>
        source.path.endsWith('a.py')
          ? Promise.reject(new Error("EBUSY: resource busy or locked, rmdir '/var/lib/judge/boxes/3000000'"))
          : Promise.resolve(result('AC', [test('secret/1', 'AC')])),
    } as unknown as JudgeEngine;
    const report = await verifyProblem(engine, problem);
    expect(report.submissions.map((s) => [s.result.verdict, s.ok])).toEqual([
      ['JE', false],
      ['AC', true],
    ]);
    expect(report.submissions[0].result.judgeError).toMatch(/EBUSY/);
  });
});
