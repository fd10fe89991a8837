import { connectRuns, type Box, type RunResult, type RunSpec } from '@judge/sandbox';
import type { ProblemPackage, TestCase } from '@judge/problem-package';
import { ProblemFaultError } from '../errors';
import type { CheckOutcome } from './checker-protocol';
import { CheckerProgram } from './checker-program';
import { interactorRunLimits, nextPassBytes } from '../limits';
import { protocolFor } from './protocols';
import type { BuiltValidator } from './validator-cache';
import { submissionVerdict } from '../verdict-mapping';

export interface InteractiveOutcome {
  run: RunResult;
  /** The interactor's own run. */
  interactorRun: RunResult;
  /** Null when the run itself decides (TLE, RE, ...): the caller maps it. */
  check: CheckOutcome | null;
}

/**
 * Runs a submission against an interactor, each in its own box: the interactor's stdout is the submission's
 * stdin and the other way round (`connectRuns`: a writer ahead of its reader blocks, as on a pipe). The
 * interactor speaks the protocol of its kind (Kattis, testlib). Precedence as in problemtools: a rejection the
 * interactor gives before the submission ends stands; otherwise the submission's own failure (TLE, RE, ...)
 * wins; otherwise the interactor decides. Whichever of the two settles the verdict first stops the other, so a
 * test lasts at most about the submission's wall time limit (and the interactor's, which is bounded by it).
 */
export async function runInteractive(options: {
  problem: ProblemPackage;
  test: TestCase;
  flags: string[];
  submissionBox: Box;
  submission: Omit<RunSpec, 'stdin' | 'signal'>;
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
  const [submissionEnd, interactorEnd] = connectRuns();
  const stopSubmission = new AbortController();
  const stopInteractor = new AbortController();
  const onOuterAbort = () => {
    stopSubmission.abort();
    stopInteractor.abort();
  };
  if (options.signal?.aborted) onOuterAbort();
  options.signal?.addEventListener('abort', onOuterAbort);

  const submissionRun = options.submissionBox
    .run({ ...options.submission, stdin: { kind: 'connected', end: submissionEnd }, signal: stopSubmission.signal })
    .then((run) => {
      // The submission failed on its own: nothing the interactor says now can change the verdict.
      if (submissionVerdict(run, options.memoryErrorPatterns) !== null) stopInteractor.abort();
      return run;
    });
  const validatorSpec = await interactor.runSpec(
    test,
    (paths) => interactorArgs(paths, flags),
    interactorRunLimits(options.problem.limits, options.submission.limits),
    { stdin: { kind: 'connected', end: interactorEnd }, signal: stopInteractor.signal },
  );
  const decided = validatorBox.run(validatorSpec).then(async (run): Promise<Decision> => {
    const result = await interactor.collect(run);
    let outcome: CheckOutcome;
    try {
      outcome = protocol.outcome(result, context);
      if (result.nextPass) outcome = { ...outcome, nextPass: result.nextPass };
    } catch (error) {
      return { kind: 'failure', error, run };
    }
    // Each side reads the end of the other's output only once the other's run is over: an interactor that ended
    // first rejected while the submission still ran.
    const rejectedFirst = interactorEnd.endedFirst && outcome.verdict === 'WA';
    // The verdict is decided: the submission need not run on.
    if (rejectedFirst) stopSubmission.abort();
    return { kind: 'outcome', outcome, rejectedFirst, run };
  });
  const [run, decision] = await Promise.all([submissionRun, decided]);
  options.signal?.removeEventListener('abort', onOuterAbort);
  const interactorRun = decision.run;

  if (options.signal?.aborted) return { run, interactorRun, check: null };
  if (decision.kind === 'outcome' && decision.rejectedFirst) return { run, interactorRun, check: decision.outcome };
  if (submissionVerdict(run, options.memoryErrorPatterns) !== null) return { run, interactorRun, check: null };
  if (decision.kind === 'failure') throw decision.error;
  return { run, interactorRun, check: decision.outcome };
}

/** What the interactor's run says, and whether it rejected while the submission still ran. */
type Decision =
  | { kind: 'outcome'; outcome: CheckOutcome; rejectedFirst: boolean; run: RunResult }
  | { kind: 'failure'; error: unknown; run: RunResult };
