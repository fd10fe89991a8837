import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Box, BoxEntry, RunResult, RunSpec } from '@judge/sandbox';
import type { ProblemPackage, ProblemType, TestCase, ValidatorKind } from '@judge/problem-package';
import type { CheckerResult } from '../checker-protocol';
import type { BuiltValidator } from '../validator-cache';

/** A run that ended; by default with exit code 1. */
export function ran(over: Partial<RunResult> = {}): RunResult {
  return {
    status: 'nonzero-exit',
    exitCode: 1,
    signal: null,
    cpuTimeMs: 5,
    wallTimeMs: 6,
    memoryBytes: 1 << 20,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
    ...over,
  };
}

/** A checker's run with the feedback files it wrote. */
export function finished(run: Partial<RunResult>, feedback: Record<string, string> = {}): CheckerResult {
  return {
    run: ran(run),
    feedback: new Map(Object.entries(feedback).map(([name, text]) => [name, Buffer.from(text)])),
  };
}

/** A compiled C checker of the given kind; its program is /validator/main. */
export function builtValidator(kind: ValidatorKind): BuiltValidator {
  return {
    dir: '/cache/validators/0123',
    kind,
    language: {
      id: 'c',
      name: 'C',
      extensions: ['c'],
      tools: { cc: ['gcc'] },
      source: 'main.c',
      run: ['./main'],
      toolPaths: { cc: '/usr/bin/gcc' },
    },
  };
}

/** A box that keeps its files in memory, logs what is done to it and answers runs with `onRun`. */
export class FakeBox implements Box {
  readonly id = 'fake';
  readonly sandboxPath = '/box';
  readonly uid = 60000;
  readonly files = new Map<string, Buffer>();
  readonly log: string[] = [];
  readonly runs: RunSpec[] = [];

  constructor(private readonly onRun: (spec: RunSpec, box: FakeBox) => Promise<RunResult> | RunResult) {}

  writeFile(relativePath: string, data: Buffer | string): Promise<void> {
    this.log.push(`write ${relativePath}`);
    this.files.set(relativePath, Buffer.from(data));
    return Promise.resolve();
  }

  readFile(relativePath: string, maxBytes: number): Promise<Buffer | null> {
    return Promise.resolve(this.files.get(relativePath)?.subarray(0, maxBytes) ?? null);
  }

  listFiles(): Promise<BoxEntry[] | null> {
    const entries = [...this.files].map(([path, data]) => ({
      path,
      kind: 'file' as const,
      mode: 0o644,
      size: data.length,
    }));
    return Promise.resolve(entries);
  }

  makeDir(relativePath: string): Promise<void> {
    this.log.push(`mkdir ${relativePath}`);
    return Promise.resolve();
  }

  clearDir(relativePath: string): Promise<void> {
    this.log.push(`clear ${relativePath}`);
    for (const name of [...this.files.keys()]) if (name.startsWith(`${relativePath}/`)) this.files.delete(name);
    return Promise.resolve();
  }

  removeFile(relativePath: string): Promise<void> {
    this.log.push(`remove ${relativePath}`);
    this.files.delete(relativePath);
    return Promise.resolve();
  }

  async run(spec: RunSpec): Promise<RunResult> {
    this.log.push('run');
    this.runs.push(spec);
    try {
      return await this.onRun(spec, this);
    } finally {
      // As a real box does: a connected run's peer reads end of file once the run is over.
      if (spec.stdin.kind === 'connected') spec.stdin.end.finish();
    }
  }

  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

/** A test whose input and answer are real files; `private` makes them unreadable by box users (mode 0600). */
export async function makeTest(
  answer: string,
  options: { private?: boolean } = {},
): Promise<{ test: TestCase; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'checker-test-'));
  const mode = options.private ? 0o600 : 0o644;
  const inputPath = path.join(dir, '1.in');
  const answerPath = path.join(dir, '1.ans');
  await writeFile(inputPath, '3\n', { mode });
  await writeFile(answerPath, answer, { mode });
  return {
    test: { name: 'secret/1', group: 'secret', inputPath, answerPath, sample: false },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A problem with the spec's default limits and no tests of its own (the checker is given them one by one). */
export function problemOfType(type: ProblemType): ProblemPackage {
  return {
    root: '/problems/p',
    shortName: 'p',
    name: 'P',
    formatVersion: 'legacy',
    type,
    interactive: false,
    multiPass: false,
    submitAnswer: false,
    languages: null,
    allowWritingFiles: false,
    warnings: [],
    validation: 'custom',
    validatorScores: type === 'scoring',
    validatorFlags: [],
    limits: {
      timeLimitMs: 1000,
      timeLimitSource: 'problem.yaml',
      timeMultiplier: 5,
      timeSafetyMargin: 2,
      timeResolutionS: 1,
      memoryMb: 2048,
      outputMb: 8,
      compilationTimeS: 60,
      compilationMemoryMb: 2048,
      validationTimeS: 60,
      validationMemoryMb: 2048,
      validationOutputMb: 8,
      validationPasses: 2,
      codeKb: 128,
    },
    outputValidator: null,
    data: {
      name: '',
      path: '/problems/p/data',
      config: {
        onReject: 'break',
        acceptScore: 1,
        rejectScore: 0,
        range: null,
        scoreAggregation: 'sum',
        verdictAggregation: 'first_error',
        ignoreSample: false,
        acceptIfAnyAccepted: false,
        outputValidatorFlags: [],
        inputValidatorFlags: [],
      },
      tests: [],
      groups: [],
    },
    submissions: [],
    statementPath: null,
    raw: {},
  };
}
