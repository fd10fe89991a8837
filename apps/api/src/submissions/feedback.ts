import { firstFailureOf } from '@judge/contract';
import type { FeedbackLevel, SubmissionEvent, SubmissionTestView, SubmissionView } from '@judge/contract';

/**
 * What a feedback level leaves of a submission as the API would show it in full (docs/security-model.md,
 * "Feedback levels"). Applied to every submission that leaves the API for someone who is not staff: single
 * reads, lists, contest and assignment lists, and the event stream (restrictEvent).
 *
 * A sample test is one shown with its input (SubmissionsService.view attaches it from the problem's samples):
 * its data is public, so what the program did on it reveals nothing secret, and `first-failure` keeps it whole.
 */
export function restrictSubmission(view: SubmissionView, level: FeedbackLevel): SubmissionView {
  if (level === 'full') return { ...view, feedback: 'full' };
  if (level === 'verdict-only') {
    return {
      ...view,
      feedback: 'verdict-only',
      timeMs: null,
      memoryKb: null,
      tests: [],
      groups: [],
      firstFailure: undefined,
    };
  }
  return {
    ...view,
    feedback: 'first-failure',
    // The largest time stays (a coarse figure, capped by the time limit); memory is the figure that leaked.
    memoryKb: null,
    tests: view.tests.filter(isSample),
    firstFailure: firstFailureOf(view.tests),
  };
}

/**
 * An event of the submission's stream at a level, or null when the level shows nothing of it. Below `full`, a
 * secret test's verdict as it finishes is a bit per test out of the box: only sample tests (named in `samples`:
 * a test event carries no sample data) are streamed, at `first-failure`; the final `done` carries what
 * restrictSubmission leaves.
 */
export function restrictEvent(
  event: SubmissionEvent,
  level: FeedbackLevel,
  samples: ReadonlySet<string> = new Set(),
): SubmissionEvent | null {
  if (level === 'full' || event.type === 'status') return event;
  if (event.type === 'done') return { type: 'done', submission: restrictSubmission(event.submission, level) };
  return level === 'first-failure' && (samples.has(event.test.name) || isSample(event.test)) ? event : null;
}

function isSample(test: SubmissionTestView): boolean {
  return test.input !== undefined;
}
