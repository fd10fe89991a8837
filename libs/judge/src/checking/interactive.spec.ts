import { once } from 'node:events';
import type { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunLimits, RunResult, RunSpec } from '@judge/sandbox';
import type { TestCase, ValidatorKind } from '@judge/problem-package';
import { ProblemFaultError } from '../errors';
import { runInteractive } from './interactive';
import { builtValidator, FakeBox, makeTest, problemOfType, ran } from './__fixtures__/fake-box';

let test: TestCase;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ test, dispose } = await makeTest('42\n'));
});

afterEach(async () => {
  await dispose();
});

const OK = ran({ status: 'ok', exitCode: 0 });
const SUBMISSION_LIMITS: RunLimits = {
  cpuTimeMs: 1000,
  wallTimeMs: 3000,
  memoryBytes: 256 << 20,
  processes: 16,
  stdoutBytes: 8 << 20,
  stderrBytes: 64 << 10,
  fileSizeBytes: 16 << 20,
  openFiles: 256,
};

/** A submission that runs until the judge stops it. */
const runsUntilStopped = (spec: RunSpec) =>
  new Promise<RunResult>((resolve) =>
    spec.signal?.addEventListener('abort', () => resolve(ran({ status: 'aborted', exitCode: null }))),
  );

/** A submission that closes its output and ends with `result`, once `after` has settled. */
const endsWith =
  (result: RunResult, after: Promise<unknown> = Promise.resolve()) =>
  async (spec: RunSpec) => {
    await after;
    (spec.stdoutTo as Writable).end();
    await once(spec.stdoutTo as Writable, 'finish');
    return result;
  };

/** An interactor that reads until the submission's output ends, then ends with `result`. */
const afterSubmissionEnds = (result: RunResult) => async (spec: RunSpec) => {
  // The judge's pipe from the submission: its writing side finishes when the submission's output ends.
  const pipe = spec.stdin.kind === 'stream' ? (spec.stdin.stream as PassThrough) : null;
  if (pipe && !pipe.writableFinished) await once(pipe, 'finish');
  return result;
};

function judge(
  kind: ValidatorKind,
  submission: (spec: RunSpec) => Promise<RunResult>,
  interactor: (spec: RunSpec, box: FakeBox) => Promise<RunResult> | RunResult,
) {
  const submissionBox = new FakeBox(submission);
  const validatorBox = new FakeBox(interactor);
  const outcome = runInteractive({
    problem: { ...problemOfType('pass-fail'), interactive: true },
    test,
    flags: ['strict'],
    submissionBox,
    submission: { argv: ['./main'], boxWritable: false, limits: SUBMISSION_LIMITS },
    memoryErrorPatterns: [],
    validator: builtValidator(kind),
    validatorBox,
  });
  return { outcome, submissionBox, validatorBox };
}

describe('an interactive run, Kattis interactor', () => {
  it('is called with input, answer, feedback folder and flags, the submission on its stdin and stdout', async () => {
    const { outcome, validatorBox, submissionBox } = judge(
      'kattis',
      endsWith(OK),
      afterSubmissionEnds(ran({ exitCode: 42 })),
    );
    expect((await outcome).check).toEqual({ verdict: 'AC', score: null, feedback: '' });
    const spec = validatorBox.runs[0];
    expect(spec.argv).toEqual(['./main', '{file:0}', '{file:1}', '/box/feedback/', 'strict']);
    expect(spec.stdin).toMatchObject({ kind: 'stream', stream: submissionBox.runs[0].stdoutTo });
    expect(spec.stdoutTo).toBe((submissionBox.runs[0].stdin as { stream: unknown }).stream);
    expect(validatorBox.log).toEqual(['mkdir feedback', 'clear feedback', 'run']);
  });

  it('a rejection while the submission still runs stands, and stops the submission', async () => {
    const { outcome } = judge('kattis', runsUntilStopped, (_spec, box) => {
      box.files.set('feedback/judgemessage.txt', Buffer.from('guessed 7 times too many'));
      return ran({ exitCode: 43 });
    });
    const { run, check } = await outcome;
    expect(check).toEqual({ verdict: 'WA', score: null, feedback: 'guessed 7 times too many' });
    expect(run.status).toBe('aborted');
  });

  it("after the submission ended, the submission's own failure wins over a rejection", async () => {
    const tle = ran({ status: 'cpu-time-limit', exitCode: null });
    const { outcome } = judge('kattis', endsWith(tle), afterSubmissionEnds(ran({ exitCode: 43 })));
    expect(await outcome).toEqual({ run: tle, check: null });
  });

  it("after the submission ended well, the interactor's verdict, messages and score decide", async () => {
    const { outcome } = judge('kattis', endsWith(OK), async (spec, box) => {
      const result = await afterSubmissionEnds(ran({ exitCode: 43 }))(spec);
      box.files.set('feedback/teammessage.txt', Buffer.from('no final answer'));
      box.files.set('feedback/score.txt', Buffer.from('0'));
      return result;
    });
    expect((await outcome).check).toEqual({ verdict: 'WA', score: 0, feedback: 'no final answer' });
  });

  it("an interactor that crashes is the package's fault, unless the submission failed on its own", async () => {
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    const crashing = () => {
      crashed();
      return ran({ exitCode: 1, stderr: Buffer.from('bad input file') });
    };
    const re = ran({ exitCode: 1 });
    expect(await judge('kattis', endsWith(re, crash), crashing).outcome).toEqual({ run: re, check: null });
    await expect(judge('kattis', endsWith(OK), crashing).outcome).rejects.toThrow(
      new ProblemFaultError('interactor exited with 1: bad input file'),
    );
  });
});

describe('an interactive run, testlib interactor', () => {
  it('is called with input, its log file and answer, and rejects by exit code', async () => {
    const { outcome, validatorBox } = judge('testlib', runsUntilStopped, () =>
      ran({ exitCode: 1, stderr: Buffer.from('wrong answer 31 queries') }),
    );
    const { run, check } = await outcome;
    expect(check).toEqual({ verdict: 'WA', score: null, feedback: 'wrong answer 31 queries' });
    expect(run.status).toBe('aborted');
    expect(validatorBox.runs[0].argv).toEqual(['./main', '{file:0}', '/box/team.out', '{file:1}']);
    expect(validatorBox.log).toEqual(['run']);
  });

  it('exit 0 after the submission ended accepts', async () => {
    const { outcome } = judge('testlib', endsWith(OK), afterSubmissionEnds(ran({ status: 'ok', exitCode: 0 })));
    expect((await outcome).check).toEqual({ verdict: 'AC', score: null, feedback: '' });
  });
});
