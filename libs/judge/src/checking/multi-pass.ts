import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunResult } from '@judge/sandbox';
import type { TestCase } from '@judge/problem-package';
import { ProblemFaultError } from '../errors';
import type { CheckOutcome } from './checker-protocol';

/** One run of the submission on a test and what decided it: the checker, or (null) the run itself (TLE, RE...). */
export interface PassOutcome {
  run: RunResult;
  check: CheckOutcome | null;
}

export interface MultiPassOutcome extends PassOutcome {
  /** Passes run, counting the last. */
  passes: number;
}

/**
 * A multi-pass test (2025-09 "Multi-pass validation"): the submission runs, the validator checks it, and when the
 * validator accepts (exit 42) and wrote `nextpass.in`, the submission runs again with that file as its input, up
 * to `maxPasses` runs. Each pass is a run of its own with the full limits; the verdict, score and feedback are the
 * last pass's. The validator's `input_file` is the pass's input, as in DOMjudge and problemtools. The package is at
 * fault (JE) when the validator writes `nextpass.in` and rejects, or asks for more passes than `maxPasses`.
 *
 * `runPass` runs one pass on `input` (the test itself with another `inputPath` after the first); `followingPass`
 * tells it to keep the validator's feedback folder. The reported run has the last pass's ending with the largest
 * CPU time, wall time and memory of all passes, since each pass is held to the limits on its own.
 */
export async function runPasses(
  test: TestCase,
  maxPasses: number,
  runPass: (input: TestCase, followingPass: boolean) => Promise<PassOutcome>,
): Promise<MultiPassOutcome> {
  let dir: string | null = null;
  let input = test;
  let cpuTimeMs = 0;
  let wallTimeMs = 0;
  let memoryBytes = 0;
  try {
    for (let pass = 1; ; pass++) {
      const { run, check } = await runPass(input, pass > 1);
      cpuTimeMs = Math.max(cpuTimeMs, run.cpuTimeMs);
      wallTimeMs = Math.max(wallTimeMs, run.wallTimeMs);
      memoryBytes = Math.max(memoryBytes, run.memoryBytes);
      const merged = { ...run, cpuTimeMs, wallTimeMs, memoryBytes };
      const next = check?.nextPass;
      if (check === null || next === undefined) return { run: merged, check, passes: pass };
      if (check.verdict !== 'AC') {
        throw new ProblemFaultError(
          `output validator wrote nextpass.in but rejected the output (pass ${pass}); it must exit 42 to ask for another pass`,
        );
      }
      if (pass >= maxPasses) {
        throw new ProblemFaultError(
          `output validator asked for pass ${pass + 1}, more than limits.validation_passes (${maxPasses})`,
        );
      }
      // The next input is a host file like any test input: the submission reads it on stdin, the validator by name.
      dir ??= await mkdtemp(path.join(os.tmpdir(), 'judge-pass-'));
      const inputPath = path.join(dir, `pass${pass + 1}.in`);
      await writeFile(inputPath, next, { mode: 0o644 });
      input = { ...test, inputPath };
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
