#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { isPackageError } from '@judge/problem-package';
import { JudgeRequestError, JudgeSystemError, ProblemFaultError } from '@judge/judge';
import { registerImages } from './commands/images.command';
import { registerLanguages } from './commands/languages.command';
import { registerRun } from './commands/run.command';
import { registerVerify } from './commands/verify.command';
import { SandboxUnavailableError, SettingsError } from '@judge/worker';

/** Exit codes: 0 judging happened (any verdict), 1 judge error or differing verdicts, 2 bad usage or input. */
const EXIT_USAGE = 2;
const EXIT_JUDGE_ERROR = 1;

export function buildProgram(): Command {
  const program = new Command('judge')
    .description('Judge solutions against ICPC/Kattis problem packages in a sandbox')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerRun(program);
  registerVerify(program);
  registerLanguages(program);
  registerImages(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // A judgement's failures are its result (CE or JE, classified in libs/judge/src/errors.ts). What reaches here
    // failed around one: the command line's input (a bad request, package or setting) or this machine.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (isPackageError(error) || error instanceof JudgeRequestError || error instanceof SettingsError) {
      process.stderr.write(`${pc.red('error:')} ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (
      error instanceof SandboxUnavailableError ||
      error instanceof ProblemFaultError ||
      error instanceof JudgeSystemError
    ) {
      process.stderr.write(`${pc.red('error:')} ${error.message}\n`);
      return EXIT_JUDGE_ERROR;
    }
    process.stderr.write(
      `${pc.red('internal error:')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_JUDGE_ERROR;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
