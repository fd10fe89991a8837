import { type RunLimitsSpec, type RunOutcome, type RunVerdict } from '@judge/contract';
import type { Box, RunResult, SandboxEngine } from '@judge/sandbox';
import type { SubmissionSource } from './api';
import { compileInBox } from './compile';
import { faultOf } from './errors';
import { chooseProgram } from './languages/program-files';
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

/** One program run once: its files, language, input and limits (no problem, no tests, no validator). */
export interface RunOnceRequest {
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
    for (const file of program.files) await box.writeFile(file.name, file.content);
    const compiled = await compileInBox(box, language, program, runCompileLimits(request.limits));
    if (compiled.sandboxFailure)
      return failedRun('JE', '', outputChars, `judge: compiling: ${compiled.sandboxFailure}`);
    if (!compiled.ok) return failedRun('CE', compiled.output, outputChars);
    const ctx = {
      sources: program.sources,
      entry: program.entry,
      className: program.className,
      memoryMb: Math.floor(request.limits.memoryBytes / (1024 * 1024)),
    };
    const run = await box.run({
      argv: [...expandCommand(language.run, language, ctx), ...request.args],
      env: languageEnv(language),
      boxWritable: false,
      mounts: languageMounts(language),
      stdin: { kind: 'buffer', data: Buffer.from(request.stdin, 'utf8') },
      limits: programRunLimits(request.limits, language.processes),
      signal: request.signal,
    });
    return runOutcome(run, compiled.output, language.memoryErrorPatterns ?? [], outputChars);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (faultOf(error) === 'submission') return failedRun('CE', message, outputChars);
    return failedRun('JE', '', outputChars, `judge: ${message}`);
  } finally {
    await box?.destroy();
  }
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
