import { ProblemFaultError } from '../errors';
import { checkerFailure, type CheckerProtocol } from './checker-protocol';

/**
 * testlib: `checker input output answer`; exit 0 OK, 1 WA, 2 PE, 3 FAIL, 8 unexpected EOF, 7 partial points ("points X" in its
 * message, which it writes to stderr). An interactor is `interactor input output answer`, with the submission
 * on its stdin/stdout and `output` the log it writes; its exit codes are the checker's.
 */
export const testlibProtocol: CheckerProtocol = {
  name: 'testlib',
  outputVia: 'file',
  feedbackFiles: [],
  checkerArgs: (paths) => [paths.input, paths.output, paths.answer],
  interactorArgs: (paths) => [paths.input, paths.output, paths.answer],
  outcome({ run }, { scoring, role }) {
    const message = run.stderr.toString('utf8').trim().slice(0, 4000);
    if (run.status === 'ok') return { verdict: 'AC', score: null, feedback: message };
    if (run.status === 'nonzero-exit') {
      switch (run.exitCode) {
        case 1:
        case 2: // presentation error: the ICPC world has no PE, it is a wrong answer
        case 8: // unexpected end of the output, when testlib is built with ENABLE_UNEXPECTED_EOF
          return { verdict: 'WA', score: null, feedback: message };
        case 7: {
          const points = /points\s+([-+0-9.eE]+)/.exec(message);
          const score = points ? Number(points[1]) : NaN;
          if (!Number.isFinite(score))
            throw new ProblemFaultError(`testlib ${role} gave partial points without a number: ${message}`);
          return { verdict: scoring && score > 0 ? 'AC' : 'WA', score, feedback: message };
        }
      }
    }
    throw checkerFailure(run, `testlib ${role}`);
  },
};
