import { PassThrough } from 'node:stream';
import type { Box, RunResult, RunSpec } from '@judge/sandbox';
import type { ProblemPackage, TestCase } from '@judge/problem-package';
import type { CheckOutcome } from './output-checker';
import {
  KATTIS_ACCEPT,
  KATTIS_REJECT,
  kattisArgs,
  prepareFeedbackDir,
  readKattisFeedback,
  validatorFailure,
  validatorRunSpec,
} from './output-checker';
import { validatorRunLimits } from '../limits';
import type { BuiltValidator } from './validator-cache';
import { submissionVerdict } from '../verdict-mapping';

export interface InteractiveOutcome {
  run: RunResult;
  /** Null when the run itself decides (TLE, RE, ...): the caller maps it. */
  check: CheckOutcome | null;
}

/**
 * Runs a submission against an interactor, each in its own box: the interactor's stdout is the submission's
 * stdin and the other way round. Precedence as in problemtools: a rejection the interactor gives before the
 * submission ends stands; otherwise the submission's own failure (TLE, RE, ...) wins; otherwise the interactor
 * decides.
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
}): Promise<InteractiveOutcome> {
  const { validator, validatorBox, test } = options;
  await prepareFeedbackDir(validatorBox);
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
  let rejectedFirst = false;
  const submissionRun = options.submissionBox.run({
    ...options.submission,
    stdin: { kind: 'stream', stream: toSubmission },
    stdoutTo: toValidator,
    signal: stopSubmission.signal,
  });
  const validatorSpec = await validatorRunSpec(
    validator,
    validatorBox,
    test,
    kattisArgs(options.flags),
    validatorRunLimits(options.problem.limits),
    { stdin: { kind: 'stream', stream: toValidator }, stdoutTo: toSubmission, signal: options.signal },
  );
  const validatorRun = validatorBox.run(validatorSpec).then((run) => {
    if (!submissionEnded && run.status === 'nonzero-exit' && run.exitCode === KATTIS_REJECT) {
      rejectedFirst = true;
      // The verdict is decided: the submission need not run on.
      stopSubmission.abort();
    }
    return run;
  });
  const [run, vrun] = await Promise.all([submissionRun, validatorRun]);
  options.signal?.removeEventListener('abort', onOuterAbort);

  if (options.signal?.aborted) return { run, check: null };
  if (rejectedFirst) return { run, check: { verdict: 'WA', ...(await readKattisFeedback(validatorBox)) } };
  if (submissionVerdict(run, options.memoryErrorPatterns) !== null) return { run, check: null };
  if (vrun.status === 'nonzero-exit' && (vrun.exitCode === KATTIS_ACCEPT || vrun.exitCode === KATTIS_REJECT)) {
    const feedback = await readKattisFeedback(validatorBox);
    return { run, check: { verdict: vrun.exitCode === KATTIS_ACCEPT ? 'AC' : 'WA', ...feedback } };
  }
  throw validatorFailure(vrun, 'interactor');
}
