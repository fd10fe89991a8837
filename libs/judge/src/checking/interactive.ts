import { PassThrough } from 'node:stream';
import type { Box, RunResult, RunSpec } from '@judge/sandbox';
import type { ProblemPackage, TestCase } from '@judge/problem-package';
import { ProblemFaultError } from '../errors';
import type { CheckOutcome } from './checker-protocol';
import { CheckerProgram } from './checker-program';
import { nextPassBytes, validatorRunLimits } from '../limits';
import { protocolFor } from './protocols';
import type { BuiltValidator } from './validator-cache';
import { submissionVerdict } from '../verdict-mapping';

export interface InteractiveOutcome {
  run: RunResult;
  /** Null when the run itself decides (TLE, RE, ...): the caller maps it. */
  check: CheckOutcome | null;
}

/**
 * Runs a submission against an interactor, each in its own box: the interactor's stdout is the submission's
 * stdin and the other way round. The interactor speaks the protocol of its kind (Kattis, testlib). Precedence
 * as in problemtools: a rejection the interactor gives before the submission ends stands; otherwise the
 * submission's own failure (TLE, RE, ...) wins; otherwise the interactor decides.
 */
export async function runInteractive(options: {
  problem: ProblemPackage;
  test: TestCase;
  flags: string[];
  submissionBox: Box;
  submission: Omit<RunSpec, 'stdin' | 'stdoutTo' | 'signal'>;
  memoryErrorPatterns: readonly string[];
  validator: BuiltValidator;
  validatorBox: Box;
  signal?: AbortSignal;
  /** A multi-pass test's second or later pass: the feedback folder carries over. */
  followingPass?: boolean;
}): Promise<InteractiveOutcome> {
  const { validator, validatorBox, test, flags } = options;
  const protocol = protocolFor(validator.kind);
  const { interactorArgs } = protocol;
  if (!interactorArgs) throw new ProblemFaultError(`${protocol.name} validators cannot be interactors`);
  const { problem } = options;
  const passBytes = problem.multiPass ? nextPassBytes(problem.limits) : null;
  const interactor = new CheckerProgram(validator, validatorBox, protocol, passBytes);
  const context = { scoring: problem.type === 'scoring', role: 'interactor' } as const;
  await interactor.prepare(options.followingPass);
  const toSubmission = new PassThrough();
  const toValidator = new PassThrough();
  const stopSubmission = new AbortController();
  const onOuterAbort = () => stopSubmission.abort();
  options.signal?.addEventListener('abort', onOuterAbort);

  // The interactor sees the end of the submission's output only once the submission has ended (the judge
  // closes the pipe then). So a rejection before this point came while the submission was still running.
  let submissionEnded = false;
  toValidator.once('finish', () => {
    submissionEnded = true;
  });
  const submissionRun = options.submissionBox.run({
    ...options.submission,
    stdin: { kind: 'stream', stream: toSubmission },
    stdoutTo: toValidator,
    signal: stopSubmission.signal,
  });
  const validatorSpec = await interactor.runSpec(
    test,
    (paths) => interactorArgs(paths, flags),
    validatorRunLimits(options.problem.limits),
    { stdin: { kind: 'stream', stream: toValidator }, stdoutTo: toSubmission, signal: options.signal },
  );
  const decided = validatorBox.run(validatorSpec).then(async (run): Promise<Decision> => {
    const whileSubmissionRan = !submissionEnded;
    const result = await interactor.collect(run);
    let outcome: CheckOutcome;
    try {
      outcome = protocol.outcome(result, context);
      if (result.nextPass) outcome = { ...outcome, nextPass: result.nextPass };
    } catch (error) {
      return { kind: 'failure', error };
    }
    const rejectedFirst = whileSubmissionRan && outcome.verdict === 'WA';
    // The verdict is decided: the submission need not run on.
    if (rejectedFirst) stopSubmission.abort();
    return { kind: 'outcome', outcome, rejectedFirst };
  });
  const [run, decision] = await Promise.all([submissionRun, decided]);
  options.signal?.removeEventListener('abort', onOuterAbort);

  if (options.signal?.aborted) return { run, check: null };
  if (decision.kind === 'outcome' && decision.rejectedFirst) return { run, check: decision.outcome };
  if (submissionVerdict(run, options.memoryErrorPatterns) !== null) return { run, check: null };
  if (decision.kind === 'failure') throw decision.error;
  return { run, check: decision.outcome };
}

/** What the interactor's run says, and whether it rejected while the submission still ran. */
type Decision =
  { kind: 'outcome'; outcome: CheckOutcome; rejectedFirst: boolean } | { kind: 'failure'; error: unknown };
