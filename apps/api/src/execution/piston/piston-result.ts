import { constants } from 'node:os';
import type { RunLimitsInput, RunView } from '@judge/contract';
import type { PistonLimits } from './piston-request';

/** One stage (compile or run) of a Piston result. */
export interface PistonStage {
  stdout: string;
  stderr: string;
  /** stdout then stderr: a run's two streams are kept apart, so their interleaving is not known. */
  output: string;
  code: number | null;
  signal: string | null;
  message: string | null;
  /** Piston's (isolate's) status: RE, SG, TO, OL, XX; null when the stage exited normally. */
  status: string | null;
  cpu_time?: number;
  wall_time?: number;
  /** Bytes. */
  memory?: number;
}

/** The answer of POST /api/v2/execute. */
export interface PistonResult {
  language: string;
  version: string;
  run: PistonStage;
  compile?: PistonStage;
}

/**
 * Piston's limits as a run's (RunLimitsInput: ms and KiB). Piston's timeouts are wall clocks and its cpu_times CPU
 * time; a wall clock alone leaves the CPU time at its default, lowered to the clock (`defaultCpuTimeMs`).
 */
export function runLimitsOf(limits: PistonLimits, defaultCpuTimeMs: number): RunLimitsInput {
  const kib = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.max(1, Math.ceil(bytes / 1024)));
  const timeMs =
    limits.runCpuTimeMs ??
    (limits.runTimeoutMs === undefined ? undefined : Math.min(defaultCpuTimeMs, limits.runTimeoutMs));
  const input: RunLimitsInput = {
    timeMs,
    wallTimeMs: limits.runTimeoutMs,
    memoryKb: kib(limits.runMemoryBytes),
    compileTimeMs: limits.compileCpuTimeMs,
    compileWallTimeMs: limits.compileTimeoutMs,
    compileMemoryKb: kib(limits.compileMemoryBytes),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/**
 * A finished run as Piston reports it. `compiled`: whether Piston shows a compile stage for the language (our
 * interpreted languages have a syntax check as their compile step; its error is shown as the run's, as Piston's
 * interpreter would fail). A compile error leaves no run stage, and Piston then repeats the compile stage as `run`.
 */
export function pistonResult(
  run: RunView,
  runtime: { language: string; version: string },
  compiled: boolean,
): PistonResult {
  const head = { language: runtime.language, version: runtime.version };
  const compileOutput = run.compileOutput ?? '';
  if (run.verdict === 'CE') {
    const stage = compileErrorStage(compileOutput);
    return compiled ? { ...head, run: stage, compile: stage } : { ...head, run: stage };
  }
  const runStage = programStage(run);
  if (!compiled) return { ...head, run: runStage };
  return { ...head, run: runStage, compile: textStage(compileOutput, 0) };
}

function programStage(run: RunView): PistonStage {
  const stdout = run.stdout ?? '';
  const stderr = run.stderr ?? '';
  const measures = { cpu_time: run.timeMs ?? 0, wall_time: run.wallMs ?? 0, memory: (run.memoryKb ?? 0) * 1024 };
  const base = { stdout, stderr, output: stdout + stderr, ...measures };
  const signal = run.signal ? signalName(run.signal) : null;
  switch (run.verdict) {
    case 'TLE':
      return { ...base, code: null, signal: 'SIGKILL', status: 'TO', message: 'Time limit exceeded' };
    case 'MLE':
      return { ...base, code: null, signal: 'SIGKILL', status: 'SG', message: 'Memory limit exceeded' };
    case 'OLE':
      return { ...base, code: null, signal: 'SIGKILL', status: 'OL', message: 'stdout length exceeded' };
    case 'RE':
      if (signal) return { ...base, code: null, signal, status: 'SG', message: `Caught fatal signal ${run.signal}` };
      return {
        ...base,
        code: run.exitCode ?? 1,
        signal: null,
        status: 'RE',
        message: `Exited with error status ${run.exitCode ?? 1}`,
      };
    default:
      return { ...base, code: run.exitCode ?? 0, signal: null, status: null, message: null };
  }
}

/** What the compiler printed, as one stage: its messages go to stderr (the two streams come joined). */
function textStage(text: string, code: number): PistonStage {
  const status = code === 0 ? null : 'RE';
  const message = code === 0 ? null : `Exited with error status ${code}`;
  return { stdout: '', stderr: text, output: text, code, signal: null, status, message };
}

/**
 * A compile error. The compiler's own exit code is not kept, so an error is exit status 1; a compiler the sandbox
 * stopped (compile.ts adds "compiler stopped: ...") is shown as Piston shows a stage it killed.
 */
function compileErrorStage(text: string): PistonStage {
  const stopped = /compiler stopped: (.*)$/.exec(text)?.[1];
  if (stopped === undefined) return textStage(text, 1);
  const base = { stdout: '', stderr: text, output: text, code: null, signal: 'SIGKILL' };
  if (/time limit/.test(stopped)) return { ...base, status: 'TO', message: 'Time limit exceeded' };
  if (/memory limit/.test(stopped)) return { ...base, status: 'SG', message: 'Memory limit exceeded' };
  const number = /signal (\d+)/.exec(stopped)?.[1];
  const signal = number ? signalName(Number(number)) : null;
  return { ...base, signal: signal ?? 'SIGKILL', status: 'SG', message: stopped };
}

/** SIGKILL for 9: Piston names signals. */
export function signalName(signal: number): string | null {
  const entry = Object.entries(constants.signals).find(([, n]) => n === signal);
  return entry ? entry[0] : null;
}
