import type { RunEvent, RunLimits, RunResult, RunStatus } from './types';

/** Why an engine killed a run itself (the limits it watches from outside, and cancellation). */
export type KillReason = Extract<RunStatus, 'cpu-time-limit' | 'wall-time-limit' | 'output-limit' | 'aborted'>;

const SIGKILL = 9;
/** RLIMIT_CPU's soft limit sends SIGXCPU, RLIMIT_FSIZE's sends SIGXFSZ. */
const SIGXCPU = 24;
const SIGXFSZ = 25;
/** A peak this close to the memory limit means the run was held at it. */
const AT_MEMORY_LIMIT = 0.98;

/** What an engine measured and saw of one finished run: plain data, the same for every engine. */
export interface RunFacts {
  /** The engine's own evidence that the sandbox failed (it could not start, its helper reported an error). */
  setupError: string | null;
  /** Set when the engine killed the run. */
  killedFor: KillReason | null;
  /** The program's exit status as a shell shows it (128 + n: killed by signal n); null when none was reported. */
  exitStatus: number | null;
  /** What a missing exit status means in this engine: the message of the sandbox error it then is. */
  noExitStatusError: string;
  /** The run's CPU time (not rounded), peak memory and OOM kills, from its cgroup. */
  cpuTimeMs: number;
  memoryPeakBytes: number;
  oomKills: number;
  /** New processes or threads the cgroup refused at the process limit (0 when the engine cannot tell). */
  processLimitHits?: number;
  wallTimeMs: number;
  limits: Pick<RunLimits, 'cpuTimeMs' | 'memoryBytes'> & Partial<Pick<RunLimits, 'processes' | 'stdoutBytes'>>;
}

export type RunClassification = Pick<RunResult, 'status' | 'exitCode' | 'signal' | 'error'>;

/**
 * The status of a finished run. The order is the point, first match wins:
 *
 * 1. The sandbox failed (setupError): nothing the program did counts.
 * 2. Killed for CPU or wall time while at its memory limit: memory. A program reclaiming at its limit burns
 *    time before the OOM killer acts.
 * 3. Killed by the engine: that reason (output limit, time limits, aborted).
 * 4. The OOM killer killed something in the run: memory.
 * 5. CPU time over the limit, or SIGXCPU (RLIMIT_CPU): CPU time, unless at its memory limit (memory, as in 2: the
 *    kernel's reclaim at the limit burnt the time; RLIMIT_CPU can stop it before the OOM killer acts). This also
 *    catches a run that ended just before the engine's CPU watch looked.
 * 6. SIGXFSZ (RLIMIT_FSIZE): output limit.
 * 7. No exit status reported and none of the above: the sandbox's failure (noExitStatusError).
 * 8. SIGKILL while at its memory limit: memory (the kernel's kill that the OOM counter did not show).
 * 9. Any other signal: signaled; else exit code 0 is ok, anything else nonzero-exit.
 */
export function classifyRun(facts: RunFacts): RunClassification {
  if (facts.setupError !== null) return sandboxFailure(facts.setupError);
  const { exitStatus, killedFor, limits } = facts;
  const signal = exitStatus !== null && exitStatus > 128 && exitStatus <= 128 + 64 ? exitStatus - 128 : null;
  const exitCode = signal === null ? exitStatus : null;
  const outcome = (status: RunStatus): RunClassification => ({ status, exitCode, signal });

  const atMemoryLimit = facts.memoryPeakBytes >= limits.memoryBytes * AT_MEMORY_LIMIT;
  if ((killedFor === 'cpu-time-limit' || killedFor === 'wall-time-limit') && atMemoryLimit)
    return outcome('memory-limit');
  if (killedFor) return outcome(killedFor);
  if (facts.oomKills > 0) return outcome('memory-limit');
  if (facts.cpuTimeMs > limits.cpuTimeMs || signal === SIGXCPU)
    return outcome(atMemoryLimit ? 'memory-limit' : 'cpu-time-limit');
  if (signal === SIGXFSZ) return outcome('output-limit');
  if (exitStatus === null) return sandboxFailure(facts.noExitStatusError);
  if (signal === SIGKILL && atMemoryLimit) return outcome('memory-limit');
  if (signal !== null) return outcome('signaled');
  return outcome(exitCode === 0 ? 'ok' : 'nonzero-exit');
}

/**
 * The security events a finished run shows (security-events.ts in the contract), one per kind:
 * - process-limit: the cgroup refused new processes or threads at the limit (count: how many);
 * - fork-bomb: that, and the run was then killed for time: its processes kept multiplying until stopped;
 * - output-flood: stdout went past its limit and the run was stopped;
 * - file-size-limit: a file reached RLIMIT_FSIZE (SIGXFSZ).
 * A sandbox failure shows none: nothing the program did counts.
 */
export function runEvents(facts: RunFacts, run: RunClassification): RunEvent[] {
  if (run.status === 'sandbox-error') return [];
  const events: RunEvent[] = [];
  const hits = facts.processLimitHits ?? 0;
  const limit = facts.limits.processes;
  if (hits > 0) {
    const at = limit === undefined ? 'at the process limit' : `at the limit of ${limit}`;
    events.push({ kind: 'process-limit', detail: `${hits} new processes or threads refused ${at}`, count: hits });
    if (facts.killedFor === 'cpu-time-limit' || facts.killedFor === 'wall-time-limit')
      events.push({ kind: 'fork-bomb', detail: `killed at the process limit (${facts.killedFor})`, count: 1 });
  }
  if (run.status === 'output-limit' && run.signal !== SIGXFSZ) {
    const limitText = facts.limits.stdoutBytes === undefined ? '' : ` of ${facts.limits.stdoutBytes} bytes`;
    events.push({ kind: 'output-flood', detail: `output stopped at its limit${limitText}`, count: 1 });
  }
  if (run.signal === SIGXFSZ)
    events.push({ kind: 'file-size-limit', detail: 'a file reached the file size limit (SIGXFSZ)', count: 1 });
  return events;
}

/** The whole result of a finished run: its classification, its measurements (whole ms) and its output. */
export function runResult(facts: RunFacts, output: { stdout: Buffer; stderr: Buffer }): RunResult {
  const classification = classifyRun(facts);
  return {
    ...classification,
    events: runEvents(facts, classification),
    cpuTimeMs: Math.round(facts.cpuTimeMs),
    wallTimeMs: Math.round(facts.wallTimeMs),
    memoryBytes: facts.memoryPeakBytes,
    stdout: output.stdout,
    stderr: output.stderr,
  };
}

function sandboxFailure(error: string): RunClassification {
  return { status: 'sandbox-error', exitCode: null, signal: null, error };
}
