import { isPartialScore, type JudgeResult, type TestCaseResult, type Verdict } from '@judge/contract';
import {
  inScope,
  type PackageSubmission,
  type ProblemPackage,
  type SubmissionExpectation,
} from '@judge/problem-package';
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

type Entry = VerifyReport['submissions'][number];

/**
 * Judges every submission in the package's submissions/ folders and compares the result with what the package
 * expects of it (folder, `@EXPECTED_RESULTS@`/`@EXPECTED_SCORE@` tags, submissions.yaml rules), as problemtools'
 * verifyproblem does. Submissions in languages this host lacks are reported as skipped, or as failures with
 * `requireAllLanguages`.
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
  return { submissions: entries, timeLimitMs, timeLimitSource: source, warnings: problem.warnings };
}

async function verifyOne(
  engine: JudgeEngine,
  problem: ProblemPackage,
  submission: PackageSubmission,
  timeLimitMs: number,
  options: VerifyOptions,
): Promise<Entry> {
  const base = {
    path: submission.path,
    expected: submission.expected,
    expectedScore: submission.expectedScore,
    warnings: submission.warnings,
    failures: [] as string[],
  };
  let result: JudgeResult;
  try {
    result = await engine.judge({
      problem,
      source: { path: submission.path },
      language: submission.language ?? undefined,
      timeLimitMs,
      entryPoint: submission.entryPoint,
    });
  } catch (error) {
    // Anything else failing (the sandbox, a box that cannot be removed) is this submission's JE, reported
    // with the rest: one judge error does not hide the package's other results.
    if (!(error instanceof JudgeRequestError)) {
      const result = failedJudgement(error, engine.maxScore(problem));
      return { ...base, result, ok: false, failures: checkExpectations(submission, result) };
    }
    const notJudged = { ...base, result: emptyResult() };
    const languageMissing = error.code === 'LANGUAGE_UNAVAILABLE' || error.code === 'UNKNOWN_LANGUAGE';
    if (languageMissing && options.requireAllLanguages) return { ...notJudged, ok: false, unavailable: error.message };
    // A package may ship solutions in languages its problem does not take (the spec's own example does).
    if (languageMissing || error.code === 'LANGUAGE_NOT_ALLOWED')
      return { ...notJudged, ok: true, skipped: error.message };
    // Files a submission may not have (an object file, a link), a source too large or not text: its own fault, a CE
    // as a queued submission would get.
    if (faultOf(error) !== 'submission') throw error;
    result = failedJudgement(error, engine.maxScore(problem));
  }
  const failures = checkExpectations(submission, result);
  return { ...base, result, ok: failures.length === 0, failures };
}

/** Every expectation the result misses, one line each; nothing expected is nothing missed. */
export function checkExpectations(submission: PackageSubmission, result: JudgeResult): string[] {
  const failures: string[] = [];
  if (submission.folder === 'partially_accepted') {
    // Scoring problems: some but not all of the points (strictly between 0 and the maximum), whatever the verdict,
    // as problemtools judges this folder. The same bounds as a partial result in the UI (contract's resultState).
    if (!isPartialScore(result.score, result.maxScore)) {
      const what =
        result.maxScore !== null && result.score >= result.maxScore
          ? ' (the full score)'
          : result.score <= 0
            ? ' (no points)'
            : '';
      failures.push(
        `partially_accepted: expected a score above 0 and below ${result.maxScore ?? 'the maximum'}, got ${result.score}${what}`,
      );
    }
  } else if (submission.expected.length > 0 && !meets(submission.expected, result.verdict)) {
    failures.push(`expected ${submission.expected.join(' or ')}, got ${result.verdict}`);
  }
  if (submission.expectedScore !== null && Math.abs(result.score - submission.expectedScore) > 1e-6) {
    failures.push(`expected score ${submission.expectedScore}, got ${result.score}`);
  }
  for (const expectation of submission.expectations) {
    const missed = checkRule(expectation, result);
    if (missed) failures.push(`${expectation.source}: ${missed}`);
  }
  return failures;
}

function checkRule(rule: SubmissionExpectation, result: JudgeResult): string | null {
  // A submission that never ran (CE, JE) counts as one outcome over all of its tests.
  const outcomes: Pick<TestCaseResult, 'verdict' | 'feedback'>[] =
    result.tests.length > 0
      ? result.tests.filter((t) => inScope(rule, t.name))
      : [{ verdict: result.verdict, feedback: result.compileOutput }];
  const verdicts = outcomes.map((t) => t.verdict);
  if (rule.permitted) {
    const other = verdicts.find((v) => !meets(rule.permitted ?? [], v));
    if (other) return `permitted ${names(rule.permitted)}, got ${other}`;
  }
  if (rule.required && !verdicts.some((v) => meets(rule.required ?? [], v))) {
    return `required ${names(rule.required)} on some test, got ${summary(verdicts)}`;
  }
  if (rule.score) {
    const group = rule.tests === null ? null : result.groups.find((g) => g.name === rule.tests);
    const score = rule.tests === null ? result.score : group?.score;
    if (score === undefined) return `score: no score for ${rule.tests}`;
    const [min, max] = rule.score;
    if (score < min - 1e-6 || score > max + 1e-6) {
      return `score ${min === max ? min : `${min}..${max}`} expected, got ${score}`;
    }
  }
  if (rule.message !== null && !outcomes.some((t) => t.feedback.includes(rule.message ?? ''))) {
    return `message "${rule.message}" in no test's feedback`;
  }
  return null;
}

/**
 * Whether a verdict is one of the expected ones. An expected run-time error also takes MLE: neither DOMjudge
 * (whose memory-limit result is "not in use internally": a program out of memory is a run-error) nor problemtools
 * (which reports it as RTE) tells them apart, so their packages file memory exhaustion under run-time errors.
 */
export function meets(expected: readonly Verdict[], got: Verdict): boolean {
  return expected.includes(got) || (got === 'MLE' && expected.includes('RE'));
}

/** The spec's names: RTE for RE. */
function names(verdicts: Verdict[]): string {
  return verdicts.map((v) => (v === 'RE' ? 'RTE' : v)).join(', ');
}

function summary(verdicts: Verdict[]): string {
  if (verdicts.length === 0) return 'no test run';
  const counts = new Map<Verdict, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v === 'RE' ? 'RTE' : v} on ${n}`).join(', ');
}

function emptyResult(): JudgeResult {
  return { verdict: 'JE', score: 0, maxScore: null, compileOutput: '', tests: [], groups: [] };
}
