import type { Verdict } from './verdict';
import type { SubmissionTestView } from './api';

/**
 * How much of a submission's judgement its author sees (docs/security-model.md, "Feedback levels"). Every figure
 * shown of a secret test is a channel out of the sandbox: a program that allocates `input % 97` MiB reads its
 * secret input back from the memory figure. Staff always see everything.
 *
 * - `full`: every test's verdict, time and memory; samples with input, expected and actual output.
 * - `first-failure`: the verdict, the score, the largest time, and which test failed first (its position in the
 *   run and its name); sample tests in full; nothing else of secret tests.
 * - `verdict-only`: the verdict and the score.
 */
export const FEEDBACK_LEVELS = ['full', 'first-failure', 'verdict-only'] as const;
export type FeedbackLevel = (typeof FEEDBACK_LEVELS)[number];

export const FEEDBACK_LABELS: Readonly<Record<FeedbackLevel, string>> = {
  full: 'Full: every test',
  'first-failure': 'First failure: verdict, failed test, time',
  'verdict-only': 'Verdict only',
};

/** A problem's level until its authors choose one: practice shows everything, as it always has. */
export const DEFAULT_PROBLEM_FEEDBACK: FeedbackLevel = 'full';
/** A contest's (and an exam's) level when it sets none and the problem's own level is not stricter. */
export const DEFAULT_CONTEST_FEEDBACK: FeedbackLevel = 'first-failure';

export function isFeedbackLevel(value: unknown): value is FeedbackLevel {
  return typeof value === 'string' && (FEEDBACK_LEVELS as readonly string[]).includes(value);
}

/** The stricter of two levels (shows less). */
export function stricterFeedback(a: FeedbackLevel, b: FeedbackLevel): FeedbackLevel {
  return FEEDBACK_LEVELS.indexOf(a) >= FEEDBACK_LEVELS.indexOf(b) ? a : b;
}

/** Where a submission was made, with the level that place sets (null: none, the defaults apply). */
export type FeedbackPlace =
  | { kind: 'practice' }
  | { kind: 'contest'; level: FeedbackLevel | null }
  | { kind: 'assignment'; exam: boolean; level: FeedbackLevel | null };

/**
 * The level a submission's author sees. A contest's or an assignment's own level overrides the problem's (its
 * organisers decide, as in CMS and DOMjudge); without one, a contest or an exam shows at most `first-failure`,
 * a homework assignment and practice show what the problem allows.
 */
export function feedbackLevelFor(problem: FeedbackLevel | null, place: FeedbackPlace): FeedbackLevel {
  const own = problem ?? DEFAULT_PROBLEM_FEEDBACK;
  if (place.kind === 'practice') return own;
  if (place.level) return place.level;
  if (place.kind === 'contest' || place.exam) return stricterFeedback(own, DEFAULT_CONTEST_FEEDBACK);
  return own;
}

/** The first test that failed, as `first-failure` shows it ("Wrong Answer on test 3"). */
export interface FirstFailureView {
  /** Position in the run, from 1. */
  position: number;
  name: string;
  verdict: Verdict;
}

/**
 * The first test of a run that did not pass, with its position in the run (from 1), or null when every test did.
 * One rule for the API (restrictSubmission at `first-failure`) and the web page at `full` feedback.
 */
export function firstFailureOf(
  tests: readonly Pick<SubmissionTestView, 'name' | 'verdict'>[],
): FirstFailureView | null {
  const failed = tests.findIndex((t) => t.verdict !== 'AC');
  return failed < 0 ? null : { position: failed + 1, name: tests[failed].name, verdict: tests[failed].verdict };
}
