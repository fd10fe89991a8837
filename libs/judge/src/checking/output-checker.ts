import type { Box } from '@judge/sandbox';
import type { ProblemPackage, TestCase } from '@judge/problem-package';
import { type CheckOutcome, type CheckerProtocol, type CheckerResult } from './checker-protocol';
import { CheckerProgram } from './checker-program';
import { defaultProtocol, runDefaultValidator } from './default-protocol';
import { nextPassBytes, validatorRunLimits } from '../limits';
import { protocolFor } from './protocols';
import type { BuiltValidator } from './validator-cache';

/**
 * Decides one test's output: the package's checker program in its box when there is one, speaking the
 * protocol of its kind, else the built-in default validator in this process.
 */
export class OutputChecker {
  private readonly protocol: CheckerProtocol;
  private readonly run: (
    test: TestCase,
    output: Buffer,
    flags: readonly string[],
    signal?: AbortSignal,
    followingPass?: boolean,
  ) => Promise<CheckerResult>;

  constructor(
    private readonly problem: ProblemPackage,
    validator: BuiltValidator | null,
    box: Box | null,
  ) {
    if (validator && box) {
      const passBytes = problem.multiPass ? nextPassBytes(problem.limits) : null;
      const program = new CheckerProgram(validator, box, protocolFor(validator.kind), passBytes);
      this.protocol = program.protocol;
      this.run = (test, output, flags, signal, followingPass) =>
        program.check(test, output, flags, validatorRunLimits(this.problem.limits), signal, followingPass);
    } else {
      this.protocol = defaultProtocol;
      this.run = runDefaultValidator;
    }
  }

  /** `followingPass`: a multi-pass test's second or later pass, whose feedback folder carries over. */
  async check(
    test: TestCase,
    output: Buffer,
    flags: string[],
    signal?: AbortSignal,
    followingPass = false,
  ): Promise<CheckOutcome> {
    const result = await this.run(test, output, flags, signal, followingPass);
    const outcome = this.protocol.outcome(result, { scoring: this.problem.type === 'scoring', role: 'checker' });
    return result.nextPass ? { ...outcome, nextPass: result.nextPass } : outcome;
  }
}
