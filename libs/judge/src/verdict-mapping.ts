import { signalName, type Verdict } from '@judge/contract';
import type { RunResult, RunStatus } from '@judge/sandbox';

/**
 * The one table from what the sandbox saw to what the submission is told. A successful exit is not a verdict
 * yet: its output still goes to the validator (null here).
 */
export const SUBMISSION_VERDICT: Readonly<Record<RunStatus, Verdict | null>> = {
  ok: null,
  'nonzero-exit': 'RE',
  signaled: 'RE',
  'cpu-time-limit': 'TLE',
  'wall-time-limit': 'TLE',
  'memory-limit': 'MLE',
  'output-limit': 'OLE',
  aborted: 'JE',
  'sandbox-error': 'JE',
};

/** Verdict of a submission's run; runtimes that report their own heap exhaustion on stderr count as MLE. */
export function submissionVerdict(run: RunResult, memoryErrorPatterns: readonly string[] = []): Verdict | null {
  const verdict = SUBMISSION_VERDICT[run.status];
  if (verdict === 'RE' && memoryErrorPatterns.length > 0) {
    const stderr = run.stderr.toString('utf8');
    if (memoryErrorPatterns.some((p) => stderr.includes(p))) return 'MLE';
  }
  return verdict;
}

/** Short human description of a run that did not end normally, for feedback and compile output. */
export function describeRun(run: RunResult): string {
  switch (run.status) {
    case 'ok':
      return 'exited normally';
    case 'nonzero-exit':
      return `exit code ${run.exitCode}`;
    case 'signaled': {
      const name = signalName(run.signal ?? 0);
      return `killed by signal ${run.signal}${name ? ` (${name})` : ''}`;
    }
    case 'cpu-time-limit':
      return `CPU time limit exceeded (${run.cpuTimeMs} ms)`;
    case 'wall-time-limit':
      return `wall time limit exceeded (${run.wallTimeMs} ms)`;
    case 'memory-limit':
      return `memory limit exceeded (${Math.round(run.memoryBytes / 1024)} KiB)`;
    case 'output-limit':
      return 'output limit exceeded';
    case 'aborted':
      return 'aborted';
    case 'sandbox-error':
      return `sandbox error: ${run.error ?? 'unknown'}`;
  }
}
