import { readFile, stat } from 'node:fs/promises';
import { bytesToMib } from '@judge/contract';
import type { Box, Mount, RunLimits, RunResult, RunSpec } from '@judge/sandbox';
import type { TestCase } from '@judge/problem-package';
import { expandCommand, languageEnv, languageMounts } from '../languages/language-registry';
import { FEEDBACK_BYTES, type CheckerPaths, type CheckerProtocol, type CheckerResult } from './checker-protocol';
import type { BuiltValidator } from './validator-cache';

/** What the validator sees: its build, the test's input and answer; answers are never shown to submissions. */
const V_DIR = '/validator';
const FEEDBACK_DIR = 'feedback';
/** The contestant's output, for protocols that take it as a file (box-relative). */
const OUTPUT_FILE = 'team.out';
/** Where a multi-pass validator asks for another pass: the next pass's input, in its feedback folder. */
export const NEXT_PASS_FILE = 'nextpass.in';

/** The validator's build, read-only in its box. */
export function validatorBuildMount(validator: BuiltValidator): Mount {
  return { hostPath: validator.dir, sandboxPath: V_DIR };
}

/**
 * What a testlib interactor wrote to its output file (testlib's `tout`) in its box, for the checker that Polygon
 * runs after an interaction; empty when it wrote nothing.
 */
export async function interactorOutput(box: Box, maxBytes: number): Promise<Buffer> {
  return (await box.readFile(OUTPUT_FILE, maxBytes)) ?? Buffer.alloc(0);
}

/**
 * A package's checker program (output validator, testlib checker or interactor) in its own box, called the
 * way its protocol says. One per judgement: the box is reused across tests.
 */
export class CheckerProgram {
  private feedbackReady = false;

  /** `nextPassBytes`: a multi-pass problem's validator, whose `nextpass.in` is read up to that size. */
  constructor(
    private readonly validator: BuiltValidator,
    private readonly box: Box,
    readonly protocol: CheckerProtocol,
    private readonly nextPassBytes: number | null = null,
  ) {}

  /** Checks one contestant output. */
  async check(
    test: TestCase,
    output: Buffer,
    flags: readonly string[],
    limits: RunLimits,
    signal?: AbortSignal,
    followingPass = false,
  ): Promise<CheckerResult> {
    await this.prepare(followingPass);
    const viaFile = this.protocol.outputVia === 'file';
    if (viaFile) await this.box.writeFile(OUTPUT_FILE, output);
    const spec = await this.runSpec(test, (paths) => this.protocol.checkerArgs(paths, flags), limits, {
      stdin: viaFile ? { kind: 'null' } : { kind: 'buffer', data: output },
      signal,
    });
    return this.collect(await this.box.run(spec));
  }

  /**
   * Readies the box for a run: an empty feedback folder when the protocol reads one. A following pass of a
   * multi-pass test keeps what the validator wrote there before, except `nextpass.in` (as the spec says).
   */
  async prepare(followingPass = false): Promise<void> {
    if (this.protocol.feedbackFiles.length === 0) return;
    if (!this.feedbackReady) {
      await this.box.makeDir(FEEDBACK_DIR);
      this.feedbackReady = true;
    }
    if (followingPass) await this.box.removeFile(`${FEEDBACK_DIR}/${NEXT_PASS_FILE}`);
    else await this.box.clearDir(FEEDBACK_DIR);
  }

  /** The sandbox run of the checker for one test, with the arguments its protocol builds from the paths. */
  async runSpec(
    test: TestCase,
    args: (paths: CheckerPaths) => string[],
    limits: RunLimits,
    io: Pick<RunSpec, 'stdin' | 'signal'>,
  ): Promise<RunSpec> {
    const { validator } = this;
    const mounts: Mount[] = [validatorBuildMount(validator), ...languageMounts(validator.language)];
    const run = expandCommand(validator.language.run, validator.language, {
      sources: ['main.py'],
      memoryMb: bytesToMib(limits.memoryBytes),
    });
    const { paths, files } = await testFiles(this.box, test);
    return {
      argv: [...run, ...args(paths)],
      env: languageEnv(validator.language),
      cwd: V_DIR,
      files,
      boxWritable: true,
      mounts,
      limits,
      ...io,
    };
  }

  /** The finished run with the feedback files its protocol reads, read without following links. */
  async collect(run: RunResult): Promise<CheckerResult> {
    const feedback = new Map<string, Buffer>();
    for (const name of this.protocol.feedbackFiles) {
      const data = await this.box.readFile(`${FEEDBACK_DIR}/${name}`, FEEDBACK_BYTES);
      if (data !== null) feedback.set(name, data);
    }
    if (this.nextPassBytes === null) return { run, feedback };
    const nextPass = await this.box.readFile(`${FEEDBACK_DIR}/${NEXT_PASS_FILE}`, this.nextPassBytes);
    return { run, feedback, ...(nextPass === null ? {} : { nextPass }) };
  }
}

/**
 * The test's files as the checker sees them: the input and answer are inherited read-only descriptors when box
 * users may read the files, else copies in the checker's own box (a setter's package may hold files of mode 0600).
 */
async function testFiles(box: Box, test: TestCase): Promise<{ paths: CheckerPaths; files: string[] }> {
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
  return {
    paths: { input: paths[0], answer: paths[1], output: `/box/${OUTPUT_FILE}`, feedbackDir: `/box/${FEEDBACK_DIR}/` },
    files,
  };
}
