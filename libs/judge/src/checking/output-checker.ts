import type { Box } from '@judge/sandbox';
import type { ProblemPackage, TestCase } from '@judge/problem-package';
import { type CheckOutcome, type CheckerProtocol, type CheckerResult } from './checker-protocol';
import { CheckerProgram } from './checker-program';
import { defaultProtocol, runDefaultValidator } from './default-protocol';
import { validatorRunLimits } from '../limits';
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
  ) => Promise<CheckerResult>;

  constructor(
    private readonly problem: ProblemPackage,
    validator: BuiltValidator | null,
    box: Box | null,
  ) {
    if (validator && box) {
      const program = new CheckerProgram(validator, box, protocolFor(validator.kind));
      this.protocol = program.protocol;
      this.run = (test, output, flags, signal) =>
        program.check(test, output, flags, validatorRunLimits(this.problem.limits), signal);
    } else {
      this.protocol = defaultProtocol;
      this.run = runDefaultValidator;
    }
  }

  async check(test: TestCase, output: Buffer, flags: string[], signal?: AbortSignal): Promise<CheckOutcome> {
    const result = await this.run(test, output, flags, signal);
    return this.protocol.outcome(result, { scoring: this.problem.type === 'scoring', role: 'checker' });
  }
}
