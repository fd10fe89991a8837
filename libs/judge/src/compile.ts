import { bytesToMib } from '@judge/contract';
import type { Box, RunResult } from '@judge/sandbox';
import { compileRunLimits, type CompileLimits } from './limits';
import { describeRun } from './verdict-mapping';
import {
  expandCommand,
  expandWord,
  languageEnv,
  languageMounts,
  type CommandContext,
  type ResolvedLanguage,
} from './languages/language-registry';

export type { CompileLimits } from './limits';

export interface CompileOutcome {
  ok: boolean;
  /** Compiler messages (stdout and stderr), or why compiling stopped. */
  output: string;
  timeMs: number;
  /** A sandbox failure is ours (JE), not a compile error. */
  sandboxFailure: string | null;
  /** The compiler hit a limit (time, memory): a fact of this host's load as much as of the source. */
  stopped?: boolean;
  /** Served from the compile cache: no compiler ran. */
  cached?: boolean;
}

/** The files a compile command names: {sources}, {entry} and {className} (see languages.yaml). */
export interface CompiledFiles {
  sources: string[];
  entry?: string;
  className?: string;
}

/**
 * Compiles the sources already written into the box; the compiler runs inside the sandbox like anything else. With
 * `compileEach` the command runs once per source file and the first failure is the outcome.
 */
export async function compileInBox(
  box: Box,
  language: ResolvedLanguage,
  files: CompiledFiles,
  limits: CompileLimits,
  /** Sees each compiler run (the judge gathers their security events). */
  onRun?: (run: RunResult) => void,
  /** Flags after the language's command (a run's compiler options, already checked against its allow-list). */
  extraArgs: readonly string[] = [],
): Promise<CompileOutcome> {
  if (!language.compile) return { ok: true, output: '', timeMs: 0, sandboxFailure: null };
  const ctx = { ...files, memoryMb: bytesToMib(limits.memoryBytes) };
  if (!language.compileEach) return compileOnce(box, language, ctx, limits, true, onRun, extraArgs);
  let timeMs = 0;
  const outputs: string[] = [];
  for (const source of files.sources) {
    const outcome = await compileOnce(box, language, { ...ctx, sources: [source] }, limits, false, onRun, extraArgs);
    timeMs += outcome.timeMs;
    if (outcome.output) outputs.push(outcome.output);
    if (!outcome.ok) return { ...outcome, output: outputs.join('\n'), timeMs };
  }
  return checkArtifact(box, language, ctx, { ok: true, output: outputs.join('\n'), timeMs, sandboxFailure: null });
}

async function compileOnce(
  box: Box,
  language: ResolvedLanguage,
  ctx: CommandContext,
  limits: CompileLimits,
  withArtifact = true,
  onRun?: (run: RunResult) => void,
  extraArgs: readonly string[] = [],
): Promise<CompileOutcome> {
  const run: RunResult = await box.run({
    argv: [...expandCommand(language.compile ?? [], language, ctx), ...extraArgs],
    env: languageEnv(language),
    boxWritable: true,
    mounts: languageMounts(language),
    stdin: { kind: 'null' },
    limits: compileRunLimits(limits, language.processes ?? 64),
  });
  onRun?.(run);
  const text = (run.stdout.toString('utf8') + run.stderr.toString('utf8')).trimEnd();
  if (run.status === 'sandbox-error') {
    return { ok: false, output: text, timeMs: run.cpuTimeMs, sandboxFailure: describeRun(run) };
  }
  if (run.status !== 'ok') {
    const why = run.status === 'nonzero-exit' ? '' : `compiler stopped: ${describeRun(run)}`;
    return {
      ok: false,
      output: [text, why].filter(Boolean).join('\n'),
      timeMs: run.cpuTimeMs,
      sandboxFailure: null,
      stopped: run.status !== 'nonzero-exit',
    };
  }
  const outcome = { ok: true, output: text, timeMs: run.cpuTimeMs, sandboxFailure: null };
  return withArtifact ? checkArtifact(box, language, ctx, outcome) : outcome;
}

/** The compiler may succeed without producing what we run (e.g. a Java file without the expected class). */
async function checkArtifact(
  box: Box,
  language: ResolvedLanguage,
  ctx: CommandContext,
  outcome: CompileOutcome,
): Promise<CompileOutcome> {
  if (!language.artifact) return outcome;
  const artifact = expandWord(language.artifact, language, ctx);
  if ((await box.readFile(artifact, 0)) !== null) return outcome;
  return {
    ...outcome,
    ok: false,
    output: [outcome.output, `compiler produced no ${artifact}`].filter(Boolean).join('\n'),
  };
}
