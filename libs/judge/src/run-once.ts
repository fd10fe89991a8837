import { isUtf8 } from 'node:buffer';
import { KiB, MiB, type RunLimitsSpec, type RunOutcome, type RunSettings, type RunVerdict } from '@judge/contract';
import { readZipFiles, type ZipLimits } from '@judge/problem-package';
import type { Box, RunResult, SandboxEngine } from '@judge/sandbox';
import type { SubmissionSource } from './api';
import { compileInBox, type CompileLimits, type CompileOutcome } from './compile';
import { faultOf } from './errors';
import { chooseProgram, type ProgramFiles } from './languages/program-files';
import {
  expandCommand,
  languageBoxOptions,
  languageEnv,
  languageMounts,
  type ResolvedLanguage,
} from './languages/language-registry';
import { programRunLimits, runBoxBytes, runCompileLimits } from './limits';
import type { SubmissionFiles } from './submission-files';
import { describeRun, submissionVerdict } from './verdict-mapping';

/**
 * A run's additional files (RunSettings.additionalFiles): a zip of at most 512 KiB (it comes base64 in a JSON body
 * of at most 1 MB), 10 MiB and 256 entries once inflated (Judge0's extract limit is 10 MiB too).
 */
export const ADDITIONAL_FILES_LIMITS: Readonly<ZipLimits> = {
  maxZipBytes: 512 * KiB,
  maxUncompressedBytes: 10 * MiB,
  maxEntries: 256,
};

/** Runs of one program a run may ask for (RunSettings.numberOfRuns), as Judge0's MAX_NUMBER_OF_RUNS. */
export const MAX_NUMBER_OF_RUNS = 20;

/** One program run once (or `numberOfRuns` times): its files, language, input, limits and settings. */
export interface RunOnceRequest extends RunSettings {
  source: SubmissionSource;
  language: string;
  entryPoint?: string;
  stdin: string;
  args: string[];
  limits: RunLimitsSpec;
  signal?: AbortSignal;
}

export interface RunOnceDeps {
  sandbox: SandboxEngine;
  /** The engine's own checks of a submission's files and language (JudgeEngine.prepareSubmission). */
  prepare: (source: SubmissionSource, language: string) => Promise<SubmissionFiles & { language: ResolvedLanguage }>;
  /**
   * The engine's compile step, through its compile cache (JudgeEngine): the same program with the same options
   * and limits is compiled once. Absent: compileInBox.
   */
  compile?: (
    box: Box,
    language: ResolvedLanguage,
    program: ProgramFiles,
    limits: CompileLimits,
    extraArgs: readonly string[],
  ) => Promise<CompileOutcome>;
}

/**
 * Compiles (in the sandbox, as a submission is) and runs a program once with the given stdin and arguments.
 * Every failure ends in an outcome, classified as judgements are (errors.ts): the caller's fault is CE, the
 * judge's JE.
 */
export async function runOnce(deps: RunOnceDeps, request: RunOnceRequest): Promise<RunOutcome> {
  const { outputChars } = request.limits;
  let box: Box | null = null;
  try {
    const prepared = await deps.prepare(request.source, request.language);
    const { language } = prepared;
    const choice = chooseProgram(language, { ...prepared, entryPoint: request.entryPoint });
    if (!choice.ok) return failedRun('CE', choice.problem, outputChars);
    const program = choice.program;
    box = await deps.sandbox.createBox(languageBoxOptions(language, runBoxBytes()));
    // The additional files first: the program's own files win a clash of names.
    if (request.additionalFiles) {
      const zip = Buffer.from(request.additionalFiles, 'base64');
      for (const file of await readZipFiles(zip, ADDITIONAL_FILES_LIMITS, 'additional_files')) {
        await box.writeFile(file.name, file.content, file.mode);
      }
    }
    for (const file of program.files) await box.writeFile(file.name, file.content);
    const onlyChecksSyntax = language.compile !== undefined && language.artifact === undefined;
    const compiled =
      request.syntaxCheck === false && onlyChecksSyntax
        ? { ok: true, output: '', sandboxFailure: undefined }
        : // Additional files may take part in the compile (a header): such a run is compiled, never cached.
          deps.compile && !request.additionalFiles
          ? await deps.compile(box, language, program, runCompileLimits(request.limits), request.compilerOptions ?? [])
          : await compileInBox(
              box,
              language,
              program,
              runCompileLimits(request.limits),
              undefined,
              request.compilerOptions ?? [],
            );
    if (compiled.sandboxFailure)
      return failedRun('JE', '', outputChars, `judge: compiling: ${compiled.sandboxFailure}`);
    if (!compiled.ok) return failedRun('CE', compiled.output, outputChars);
    const ctx = {
      sources: program.sources,
      entry: program.entry,
      className: program.className,
      memoryMb: Math.floor(request.limits.memoryBytes / (1024 * 1024)),
    };
    const argv = [...expandCommand(language.run, language, ctx), ...request.args];
    const spec = {
      // A shell that gives the program its stdout as stderr too, then becomes the program (exec): one process.
      argv: request.redirectStderrToStdout ? ['/bin/sh', '-c', 'exec "$@" 2>&1', 'sh', ...argv] : argv,
      env: languageEnv(language),
      boxWritable: false,
      mounts: languageMounts(language),
      stdin: { kind: 'buffer', data: Buffer.from(request.stdin, 'utf8') },
      limits: programRunLimits(request.limits, language.processes),
      signal: request.signal,
    } as const;
    const runs = Math.min(Math.max(request.numberOfRuns ?? 1, 1), MAX_NUMBER_OF_RUNS);
    const outcomes: RunOutcome[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await box.run(spec);
      const outcome = runOutcome(run, compiled.output, language.memoryErrorPatterns ?? [], outputChars);
      outcomes.push(outcome);
      // As Judge0: the runs stop at the first that does not end well.
      if (outcome.verdict !== 'OK') break;
    }
    return combineRuns(outcomes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (faultOf(error) === 'submission') return failedRun('CE', message, outputChars);
    return failedRun('JE', '', outputChars, `judge: ${message}`);
  } finally {
    await box?.destroy();
  }
}

/** Several runs of one program as one outcome: the last run's, with the average time and the largest memory. */
export function combineRuns(outcomes: readonly RunOutcome[]): RunOutcome {
  const last = outcomes[outcomes.length - 1];
  if (outcomes.length <= 1) return last;
  const average = (pick: (o: RunOutcome) => number) =>
    Math.round(outcomes.reduce((sum, o) => sum + pick(o), 0) / outcomes.length);
  return {
    ...last,
    timeMs: average((o) => o.timeMs),
    wallMs: average((o) => o.wallMs),
    memoryKb: Math.max(...outcomes.map((o) => o.memoryKb)),
  };
}

/** The verdict of a run: the submissions' table (verdict-mapping.ts), with a clean exit as OK. */
export function runVerdict(run: RunResult, memoryErrorPatterns: readonly string[] = []): RunVerdict {
  const verdict = submissionVerdict(run, memoryErrorPatterns);
  if (verdict === null) return 'OK';
  // The table gives no WA or AC for a run: nothing is compared.
  return verdict === 'WA' || verdict === 'AC' ? 'OK' : verdict;
}

/** Text cut to `chars` characters (code points, never half of one), and whether anything was cut. */
export function cutText(text: string, chars: number): { text: string; truncated: boolean } {
  if (text.length <= chars) return { text, truncated: false };
  const points = Array.from(text);
  if (points.length <= chars) return { text, truncated: false };
  return { text: points.slice(0, chars).join(''), truncated: true };
}

/** What the sandbox saw, as the run's outcome. */
export function runOutcome(
  run: RunResult,
  compileOutput: string,
  memoryErrorPatterns: readonly string[],
  outputChars: number,
): RunOutcome {
  const verdict = runVerdict(run, memoryErrorPatterns);
  const stdout = cutText(run.stdout.toString('utf8'), outputChars);
  const stderr = cutText(run.stderr.toString('utf8'), outputChars);
  // Bytes that are not UTF-8 are kept as they are too, for a client that takes them base64 (Judge0's).
  const raw = (bytes: Buffer, name: 'stdoutBase64' | 'stderrBase64') =>
    isUtf8(bytes) ? {} : { [name]: bytes.subarray(0, outputChars).toString('base64') };
  const compiled = cutText(compileOutput, outputChars);
  return {
    verdict,
    compileOutput: compiled.text,
    stdout: stdout.text,
    stderr: stderr.text,
    exitCode: run.exitCode,
    signal: run.signal,
    timeMs: run.cpuTimeMs,
    wallMs: run.wallTimeMs,
    memoryKb: Math.round(run.memoryBytes / 1024),
    stdoutTruncated: stdout.truncated,
    stderrTruncated: stderr.truncated,
    compileOutputTruncated: compiled.truncated,
    ...(verdict === 'JE' ? { judgeError: `judge: ${describeRun(run)}` } : {}),
    ...raw(run.stdout, 'stdoutBase64'),
    ...raw(run.stderr, 'stderrBase64'),
  };
}

/** A run that never ran: a compile error (the caller's) or a judge error (ours). */
export function failedRun(
  verdict: 'CE' | 'JE',
  compileOutput: string,
  outputChars: number,
  judgeError?: string,
): RunOutcome {
  const compiled = cutText(compileOutput, outputChars);
  return {
    verdict,
    compileOutput: compiled.text,
    stdout: '',
    stderr: '',
    exitCode: null,
    signal: null,
    timeMs: 0,
    wallMs: 0,
    memoryKb: 0,
    stdoutTruncated: false,
    stderrTruncated: false,
    compileOutputTruncated: compiled.truncated,
    ...(judgeError === undefined ? {} : { judgeError }),
  };
}
