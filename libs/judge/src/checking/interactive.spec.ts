import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

/** A run that goes on until the judge stops it. */
const runsUntilStopped = (spec: RunSpec) =>
  new Promise<RunResult>((resolve) => {
    const stopped = () => resolve(ran({ status: 'aborted', exitCode: null }));
    if (spec.signal?.aborted) stopped();
    spec.signal?.addEventListener('abort', stopped);
  });

/** A submission that ends with `result`, once `after` has settled. */
const endsWith =
  (result: RunResult, after: Promise<unknown> = Promise.resolve()) =>
  async () => {
    await after;
    return result;
  };

/** An interactor that reads until the submission's output ends (its run is over), then ends with `result`. */
const afterSubmissionEnds =
  (result: RunResult) => async (_spec: RunSpec, _box: FakeBox, submissionOver: Promise<void>) => {
    await submissionOver;
    return result;
  };

function judge(
  kind: ValidatorKind,
  submission: (spec: RunSpec) => Promise<RunResult>,
  interactor: (spec: RunSpec, box: FakeBox, submissionOver: Promise<void>) => Promise<RunResult> | RunResult,
) {
  let over!: () => void;
  const submissionOver = new Promise<void>((resolve) => (over = resolve));
  const submissionBox = new FakeBox((spec) => submission(spec).finally(() => setImmediate(over)));
  const validatorBox = new FakeBox((spec, box) => interactor(spec, box, submissionOver));
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
    // Each run holds one side of the same connection.
    const ends = [submissionBox.runs[0].stdin, spec.stdin].map((stdin) =>
      stdin.kind === 'connected' ? stdin.end.side : null,
    );
    expect(ends.sort()).toEqual([0, 1]);
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

  it("the interactor's clock ends a second after the submission's; its CPU time is a validator's", () => {
    const { validatorBox } = judge('kattis', endsWith(OK), afterSubmissionEnds(ran({ exitCode: 42 })));
    return vi.waitFor(() => {
      expect(validatorBox.runs[0].limits).toMatchObject({ cpuTimeMs: 60_000, wallTimeMs: 4000 });
    });
  });

  it('a submission that fails on its own stops the interactor, whose verdict no longer counts', async () => {
    const tle = ran({ status: 'wall-time-limit', exitCode: null });
    const { run, interactorRun, check } = await judge('kattis', endsWith(tle), runsUntilStopped).outcome;
    expect({ run, check }).toEqual({ run: tle, check: null });
    expect(interactorRun.status).toBe('aborted');
  });

  it("after the submission ended, the submission's own failure wins over a rejection", async () => {
    const tle = ran({ status: 'cpu-time-limit', exitCode: null });
    const { outcome } = judge('kattis', endsWith(tle), afterSubmissionEnds(ran({ exitCode: 43 })));
    expect(await outcome).toMatchObject({ run: tle, check: null });
  });

  it("after the submission ended well, the interactor's verdict, messages and score decide", async () => {
    const { outcome } = judge('kattis', endsWith(OK), async (spec, box, submissionOver) => {
      const result = await afterSubmissionEnds(ran({ exitCode: 43 }))(spec, box, submissionOver);
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
    expect(await judge('kattis', endsWith(re, crash), crashing).outcome).toMatchObject({ run: re, check: null });
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
