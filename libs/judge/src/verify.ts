import type { JudgeResult } from '@judge/contract';
import type { PackageSubmission, ProblemPackage } from '@judge/problem-package';
import type { VerifyReport } from './api';
import type { JudgeEngine } from './judge-engine';
import { failedJudgement, faultOf, JudgeRequestError } from './errors';

export interface VerifyOptions {
  timeLimitMs?: number;
  /** Submissions judged at once, each in its own boxes (default 1). */
  parallel?: number;
  /**
   * A submission in a language this host cannot run (unknown, or its tools not installed) fails the check
   * instead of being skipped: what CI wants, where every shipped language is installed.
   */
  requireAllLanguages?: boolean;
  onResult?: (entry: VerifyReport['submissions'][number]) => void;
}

/**
 * Judges every submission in the package's submissions/ folders and compares the verdict with the expected one,
 * as problemtools' verifyproblem does. Submissions in languages this host lacks are reported as skipped, or as
 * failures with `requireAllLanguages`.
 */
export async function verifyProblem(
  engine: JudgeEngine,
  problem: ProblemPackage,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const { timeLimitMs, source } = await engine.timeLimit(problem, options.timeLimitMs);
  const entries: VerifyReport['submissions'] = [];
  let next = 0;
  const worker = async () => {
    while (next < problem.submissions.length) {
      const index = next++;
      const entry = await verifyOne(engine, problem, problem.submissions[index], timeLimitMs, options);
      entries[index] = entry;
      options.onResult?.(entry);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, worker));
  return { submissions: entries, timeLimitMs, timeLimitSource: source };
}

async function verifyOne(
  engine: JudgeEngine,
  problem: ProblemPackage,
  submission: PackageSubmission,
  timeLimitMs: number,
  options: VerifyOptions,
): Promise<VerifyReport['submissions'][number]> {
  let result: JudgeResult;
  try {
    result = await engine.judge({
      problem,
      source: { path: submission.path },
      timeLimitMs,
      entryPoint: submission.entryPoint,
    });
  } catch (error) {
    if (!(error instanceof JudgeRequestError)) throw error;
    const notJudged = { path: submission.path, expected: submission.expected, result: emptyResult() };
    const languageMissing = error.code === 'LANGUAGE_UNAVAILABLE' || error.code === 'UNKNOWN_LANGUAGE';
    if (languageMissing && options.requireAllLanguages) return { ...notJudged, ok: false, unavailable: error.message };
    if (languageMissing) return { ...notJudged, ok: true, skipped: error.message };
    // Files a submission may not have (an object file, a link): its own fault, a CE as a runner would judge it.
    if (faultOf(error) !== 'submission') throw error;
    result = failedJudgement(error, engine.maxScore(problem));
  }
  // Partially accepted (scoring problems): some but not all of the points, whatever the verdict.
  const ok =
    submission.folder === 'partially_accepted'
      ? result.score > 0 && result.maxScore !== null && result.score < result.maxScore
      : submission.expected.includes(result.verdict);
  return { path: submission.path, expected: submission.expected, result, ok };
}

function emptyResult(): JudgeResult {
  return { verdict: 'JE', score: 0, maxScore: null, compileOutput: '', tests: [], groups: [] };
}
