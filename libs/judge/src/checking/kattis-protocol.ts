import { ProblemFaultError } from '../errors';
import { checkerFailure, feedbackText, type CheckerProtocol } from './checker-protocol';

export const KATTIS_ACCEPT = 42;
export const KATTIS_REJECT = 43;

/**
 * The Kattis (problem package format) output validator: `validator input answer feedback_dir [flags] <
 * team_output`, exit 42 accepts and 43 rejects; it explains itself in judgemessage.txt and teammessage.txt and
 * may give points in score.txt. An interactor is called the same way, with the submission on its stdin/stdout.
 */
export const kattisProtocol: CheckerProtocol = {
  name: 'kattis',
  outputVia: 'stdin',
  feedbackFiles: ['judgemessage.txt', 'teammessage.txt', 'score.txt'],
  checkerArgs: (paths, flags) => [paths.input, paths.answer, paths.feedbackDir, ...flags],
  interactorArgs: (paths, flags) => [paths.input, paths.answer, paths.feedbackDir, ...flags],
  outcome(result, { role }) {
    const { run } = result;
    if (run.status !== 'nonzero-exit' || (run.exitCode !== KATTIS_ACCEPT && run.exitCode !== KATTIS_REJECT))
      throw checkerFailure(run, role === 'interactor' ? 'interactor' : 'output validator');
    const scoreText = feedbackText(result, 'score.txt');
    const score = scoreText === '' ? null : Number(scoreText);
    if (score !== null && !Number.isFinite(score))
      throw new ProblemFaultError(`output validator wrote a bad score.txt: "${scoreText.slice(0, 50)}"`);
    const feedback = [feedbackText(result, 'teammessage.txt'), feedbackText(result, 'judgemessage.txt')]
      .filter(Boolean)
      .join('\n');
    return { verdict: run.exitCode === KATTIS_ACCEPT ? 'AC' : 'WA', score, feedback };
  },
};
