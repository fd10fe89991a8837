import type { RunLimitsInput, RunLimitsSpec } from '@judge/contract';
import { RUN_COMPILE_LIMITS, compileWallTimeMs } from '@judge/judge';
import { badRequest } from '../common/app-error';
import type { AppConfig } from '../config/app-config';

export type RunSettings = Pick<
  AppConfig,
  | 'RUN_DEFAULT_TIME_MS'
  | 'RUN_MAX_TIME_MS'
  | 'RUN_DEFAULT_MEMORY_KB'
  | 'RUN_MAX_MEMORY_KB'
  | 'RUN_DEFAULT_OUTPUT_KB'
  | 'RUN_MAX_OUTPUT_KB'
  | 'RUN_OUTPUT_CHARS'
>;

/** A run's wall clock when it asks for none, as a judged run's: 2 × its CPU time + 1 s (limits.ts). */
export const wallTimeFor = (cpuTimeMs: number): number => cpuTimeMs * 2 + 1000;

/**
 * The limits a run runs with: each one asked for, else the default (the setting's, or the language's when higher); one above the setting's maximum is
 * refused (400 LIMIT_TOO_HIGH, naming the maximum) rather than lowered behind the caller's back.
 */
export function runLimits(
  input: RunLimitsInput = {},
  settings: RunSettings,
  /** The language's own defaults (languages.yaml `runDefaults`), used when above the settings'. */
  language: { timeMs?: number; memoryMb?: number } = {},
): RunLimitsSpec {
  const defaultTimeMs = Math.max(settings.RUN_DEFAULT_TIME_MS, language.timeMs ?? 0);
  const defaultMemoryKb = Math.max(settings.RUN_DEFAULT_MEMORY_KB, (language.memoryMb ?? 0) * 1024);
  const cpuTimeMs = within('timeMs', input.timeMs, defaultTimeMs, settings.RUN_MAX_TIME_MS);
  const wallTimeMs = within(
    'wallTimeMs',
    input.wallTimeMs,
    wallTimeFor(cpuTimeMs),
    wallTimeFor(settings.RUN_MAX_TIME_MS),
  );
  const memoryKb = within('memoryKb', input.memoryKb, defaultMemoryKb, settings.RUN_MAX_MEMORY_KB);
  const outputKb = within('outputKb', input.outputKb, settings.RUN_DEFAULT_OUTPUT_KB, settings.RUN_MAX_OUTPUT_KB);
  return {
    cpuTimeMs,
    wallTimeMs,
    memoryBytes: memoryKb * 1024,
    outputBytes: outputKb * 1024,
    outputChars: settings.RUN_OUTPUT_CHARS,
    ...compileLimits(input),
  };
}

/**
 * The compiler's limits, only when some are asked for (the runner's defaults, RUN_COMPILE_LIMITS, are also the
 * maxima): a CPU time alone gets 2 × it on the wall clock, a wall clock alone at most as much CPU time.
 */
function compileLimits(
  input: RunLimitsInput,
): Pick<RunLimitsSpec, 'compileCpuTimeMs' | 'compileWallTimeMs' | 'compileMemoryBytes'> {
  const { compileTimeMs, compileWallTimeMs: wall, compileMemoryKb } = input;
  if (compileTimeMs === undefined && wall === undefined && compileMemoryKb === undefined) return {};
  const max = RUN_COMPILE_LIMITS;
  const cpuTimeMs = within(
    'compileTimeMs',
    compileTimeMs,
    Math.min(max.cpuTimeMs, wall ?? max.cpuTimeMs),
    max.cpuTimeMs,
  );
  return {
    compileCpuTimeMs: cpuTimeMs,
    compileWallTimeMs: within(
      'compileWallTimeMs',
      wall,
      Math.min(compileWallTimeMs(cpuTimeMs), max.wallTimeMs),
      max.wallTimeMs,
    ),
    compileMemoryBytes:
      within('compileMemoryKb', compileMemoryKb, max.memoryBytes / 1024, max.memoryBytes / 1024) * 1024,
  };
}

function within(name: string, asked: number | undefined, fallback: number, max: number): number {
  if (asked === undefined) return Math.min(fallback, max);
  if (asked > max) throw badRequest('LIMIT_TOO_HIGH', `limits.${name}: ${asked} is above the maximum, ${max}`);
  return asked;
}
