import { bytesToMib } from '@judge/contract';
import type { Box, RunResult } from '@judge/sandbox';
import { compileRunLimits, type CompileLimits } from './limits';
import { describeRun } from './verdict-mapping';
import {
  expandCommand,
  expandWord,
  languageEnv,
  languageMounts,
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
}

/** Compiles the sources already written into the box; the compiler runs inside the sandbox like anything else. */
export async function compileInBox(
  box: Box,
  language: ResolvedLanguage,
  sources: string[],
  className: string | undefined,
  limits: CompileLimits,
): Promise<CompileOutcome> {
  if (!language.compile) return { ok: true, output: '', timeMs: 0, sandboxFailure: null };
  const ctx = { sources, className, memoryMb: bytesToMib(limits.memoryBytes) };
  const run: RunResult = await box.run({
    argv: expandCommand(language.compile, language, ctx),
    env: languageEnv(language),
    boxWritable: true,
    mounts: languageMounts(language),
    stdin: { kind: 'null' },
    limits: compileRunLimits(limits, language.processes ?? 64),
  });
  const text = (run.stdout.toString('utf8') + run.stderr.toString('utf8')).trimEnd();
  if (run.status === 'sandbox-error') {
    return { ok: false, output: text, timeMs: run.cpuTimeMs, sandboxFailure: describeRun(run) };
  }
  if (run.status !== 'ok') {
    const why = run.status === 'nonzero-exit' ? '' : `compiler stopped: ${describeRun(run)}`;
    return { ok: false, output: [text, why].filter(Boolean).join('\n'), timeMs: run.cpuTimeMs, sandboxFailure: null };
  }
  if (language.artifact) {
    const artifact = expandWord(language.artifact, language, ctx);
    // The compiler may succeed without producing what we run (e.g. a Java file without the expected class).
    if ((await box.readFile(artifact, 0)) === null) {
      return {
        ok: false,
        output: [text, `compiler produced no ${artifact}`].filter(Boolean).join('\n'),
        timeMs: run.cpuTimeMs,
        sandboxFailure: null,
      };
    }
  }
  return { ok: true, output: text, timeMs: run.cpuTimeMs, sandboxFailure: null };
}
