import { readFile, stat } from 'node:fs/promises';
import { bytesToMib, type Verdict } from '@judge/contract';
import type { Box, Mount, RunLimits, RunResult, RunSpec } from '@judge/sandbox';
import type { ProblemPackage, TestCase } from '@judge/problem-package';
import { validatorRunLimits } from '../limits';
import { defaultValidate, parseDefaultValidatorFlags } from '../validators/default-validator';
import { ProblemFaultError } from '../errors';
import { expandCommand, languageEnv, languageMounts } from '../languages/language-registry';
import { describeRun } from '../verdict-mapping';
import type { BuiltValidator } from './validator-cache';

export interface CheckOutcome {
  verdict: Verdict;
  /** Score reported by the validator (Kattis score.txt, testlib points), else null. */
  score: number | null;
  feedback: string;
}

const FEEDBACK_BYTES = 64 * 1024;
const FEEDBACK_DIR = 'feedback';
export const KATTIS_ACCEPT = 42;
export const KATTIS_REJECT = 43;

/** What the validator sees: its build, the test's input and answer; answers are never shown to submissions. */
const V_DIR = '/validator';

/** Builds a validator's arguments from the paths of the test's input and answer as it sees them. */
export type ValidatorArgs = (input: string, answer: string) => string[];

/**
 * The test's input and answer for a validator run: inherited read-only descriptors when box users may read
 * the files, else copies in the validator's own box (a setter's package may hold files of mode 0600).
 */
async function testFiles(box: Box, test: TestCase): Promise<{ paths: [string, string]; files: string[] }> {
  const files: string[] = [];
  const paths: string[] = [];
  for (const [hostPath, name] of [
    [test.inputPath, 'input'],
    [test.answerPath, 'answer'],
  ] as const) {
    if (((await stat(hostPath)).mode & 0o004) !== 0) {
      paths.push(`{file:${files.length}}`);
      files.push(hostPath);
    } else {
      await box.writeFile(`judge/${name}`, await readFile(hostPath));
      paths.push(`/box/judge/${name}`);
    }
  }
  return { paths: [paths[0], paths[1]], files };
}

/** The validator's build, read-only in its box. */
export function validatorBuildMount(validator: BuiltValidator): Mount {
  return { hostPath: validator.dir, sandboxPath: V_DIR };
}

/** The sandbox run of a custom validator in its box, for one test (used by plain and interactive checking). */
export async function validatorRunSpec(
  validator: BuiltValidator,
  box: Box,
  test: TestCase,
  args: ValidatorArgs,
  limits: RunLimits,
  io: Pick<RunSpec, 'stdin' | 'stdoutTo' | 'signal'>,
): Promise<RunSpec> {
  const mounts: Mount[] = [validatorBuildMount(validator), ...languageMounts(validator.language)];
  const run = expandCommand(validator.language.run, validator.language, {
    sources: ['main.py'],
    memoryMb: bytesToMib(limits.memoryBytes),
  });
  const { paths, files } = await testFiles(box, test);
  return {
    argv: [...run, ...args(...paths)],
    env: languageEnv(validator.language),
    cwd: V_DIR,
    files,
    boxWritable: true,
    mounts,
    limits,
    ...io,
  };
}

/** Kattis protocol arguments: input answer feedback_dir [flags]. */
export function kattisArgs(flags: string[]): ValidatorArgs {
  return (input, answer) => [input, answer, `/box/${FEEDBACK_DIR}/`, ...flags];
}

/** testlib's order: input, output, answer. */
const testlibArgs: ValidatorArgs = (input, answer) => [input, '/box/team.out', answer];

export async function prepareFeedbackDir(box: Box): Promise<void> {
  await box.makeDir(FEEDBACK_DIR);
  await box.clearDir(FEEDBACK_DIR);
}

/** judgemessage.txt / teammessage.txt / score.txt, read without following links. */
export async function readKattisFeedback(box: Box): Promise<{ feedback: string; score: number | null }> {
  const read = async (name: string) =>
    (await box.readFile(`${FEEDBACK_DIR}/${name}`, FEEDBACK_BYTES))?.toString('utf8').trim() ?? '';
  const [judge, team, scoreText] = await Promise.all([
    read('judgemessage.txt'),
    read('teammessage.txt'),
    read('score.txt'),
  ]);
  const score = scoreText === '' ? null : Number(scoreText);
  if (score !== null && !Number.isFinite(score))
    throw new ProblemFaultError(`output validator wrote a bad score.txt: "${scoreText.slice(0, 50)}"`);
  return { feedback: [team, judge].filter(Boolean).join('\n'), score };
}

export function validatorFailure(run: RunResult, what = 'output validator'): ProblemFaultError {
  const stderr = run.stderr.toString('utf8').trim().slice(0, 2000);
  const how = run.status === 'nonzero-exit' ? `exited with ${run.exitCode}` : describeRun(run);
  return new ProblemFaultError(`${what} ${how}${stderr ? `: ${stderr}` : ''}`);
}

/** testlib: `checker input output answer`; 0 OK, 1 WA, 2 PE, 3 FAIL, 7 partial points ("points X" in its message). */
function testlibOutcome(run: RunResult, scoring: boolean): CheckOutcome {
  const message = run.stderr.toString('utf8').trim().slice(0, 4000);
  if (run.status === 'ok') return { verdict: 'AC', score: null, feedback: message };
  if (run.status === 'nonzero-exit') {
    switch (run.exitCode) {
      case 1:
      case 2: // presentation error: the ICPC world has no PE, it is a wrong answer
        return { verdict: 'WA', score: null, feedback: message };
      case 7: {
        const points = /points\s+([-+0-9.eE]+)/.exec(message);
        const score = points ? Number(points[1]) : NaN;
        if (!Number.isFinite(score))
          throw new ProblemFaultError(`testlib checker gave partial points without a number: ${message}`);
        return { verdict: scoring && score > 0 ? 'AC' : 'WA', score, feedback: message };
      }
    }
  }
  throw validatorFailure(run, 'testlib checker');
}

/** Decides one test's output: the default validator in-process, a custom one in the sandbox. */
export class OutputChecker {
  private feedbackReady = false;

  constructor(
    private readonly problem: ProblemPackage,
    private readonly validator: BuiltValidator | null,
    private readonly box: Box | null,
  ) {}

  async check(test: TestCase, output: Buffer, flags: string[], signal?: AbortSignal): Promise<CheckOutcome> {
    if (!this.validator || !this.box) {
      let options;
      try {
        options = parseDefaultValidatorFlags(flags);
      } catch (error) {
        throw new ProblemFaultError((error as Error).message);
      }
      const answer = await readFile(test.answerPath);
      const result = defaultValidate(answer, output, options);
      return { verdict: result.accepted ? 'AC' : 'WA', score: null, feedback: result.message };
    }
    const limits = validatorRunLimits(this.problem.limits);
    const scoring = this.problem.type === 'scoring';
    if (this.validator.kind === 'testlib') {
      await this.box.writeFile('team.out', output);
      const spec = await validatorRunSpec(this.validator, this.box, test, testlibArgs, limits, {
        stdin: { kind: 'null' },
        signal,
      });
      return testlibOutcome(await this.box.run(spec), scoring);
    }
    if (!this.feedbackReady) {
      await prepareFeedbackDir(this.box);
      this.feedbackReady = true;
    } else {
      await this.box.clearDir(FEEDBACK_DIR);
    }
    const run = await this.box.run(
      await validatorRunSpec(this.validator, this.box, test, kattisArgs(flags), limits, {
        stdin: { kind: 'buffer', data: output },
        signal,
      }),
    );
    if (run.status === 'nonzero-exit' && (run.exitCode === KATTIS_ACCEPT || run.exitCode === KATTIS_REJECT)) {
      const { feedback, score } = await readKattisFeedback(this.box);
      return { verdict: run.exitCode === KATTIS_ACCEPT ? 'AC' : 'WA', score, feedback };
    }
    throw validatorFailure(run);
  }
}
