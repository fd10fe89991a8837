import { readFile } from 'node:fs/promises';
import type { RunResult } from '@judge/sandbox';
import type { TestCase } from '@judge/problem-package';
import { ProblemFaultError } from '../errors';
import { defaultValidate, parseDefaultValidatorFlags } from '../validators/default-validator';
import { checkerFailure, type CheckerProtocol, type CheckerResult } from './checker-protocol';

/**
 * The built-in default validator (problemtools' token comparison, tuned by the package's flags), called like
 * `diff answer - < team_output`: exit 0 when the output matches, 1 when it does not, with the reason on stdout,
 * and 2 with the reason on stderr when the flags make no sense. It runs in this process (runDefaultValidator).
 */
export const defaultProtocol: CheckerProtocol = {
  name: 'default',
  outputVia: 'stdin',
  feedbackFiles: [],
  checkerArgs: (paths, flags) => [paths.answer, ...flags],
  outcome({ run }) {
    const stdout = run.stdout.toString('utf8');
    if (run.status === 'ok') return { verdict: 'AC', score: null, feedback: stdout };
    if (run.status === 'nonzero-exit' && run.exitCode === 1) return { verdict: 'WA', score: null, feedback: stdout };
    if (run.status === 'nonzero-exit' && run.exitCode === 2) throw new ProblemFaultError(run.stderr.toString('utf8'));
    throw checkerFailure(run, 'default validator');
  },
};

/** Checks one output with the built-in validator: what a program speaking the default protocol would leave. */
export async function runDefaultValidator(
  test: TestCase,
  output: Buffer,
  flags: readonly string[],
): Promise<CheckerResult> {
  const [answerPath, ...options] = defaultProtocol.checkerArgs(
    { input: test.inputPath, answer: test.answerPath, output: '-', feedbackDir: '' },
    flags,
  );
  let parsed;
  try {
    parsed = parseDefaultValidatorFlags(options);
  } catch (error) {
    return exited(2, '', (error as Error).message);
  }
  const result = defaultValidate(await readFile(answerPath), output, parsed);
  return exited(result.accepted ? 0 : 1, result.message, '');
}

function exited(exitCode: number, stdout: string, stderr: string): CheckerResult {
  const run: RunResult = {
    status: exitCode === 0 ? 'ok' : 'nonzero-exit',
    exitCode,
    signal: null,
    cpuTimeMs: 0,
    wallTimeMs: 0,
    memoryBytes: 0,
    stdout: Buffer.from(stdout, 'utf8'),
    stderr: Buffer.from(stderr, 'utf8'),
  };
  return { run, feedback: new Map() };
}
