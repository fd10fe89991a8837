import { describe, expect, it } from 'vitest';
import { classifyRun, runEvents, runResult, type RunFacts } from './run-status';

const MiB = 1 << 20;

/** A run that exited 0 well inside its limits: 1 s of CPU and 64 MiB allowed. */
function facts(overrides: Partial<RunFacts> = {}): RunFacts {
  return {
    setupError: null,
    killedFor: null,
    exitStatus: 0,
    noExitStatusError: 'no exit status',
    cpuTimeMs: 10,
    memoryPeakBytes: 4 * MiB,
    oomKills: 0,
    wallTimeMs: 20,
    limits: { cpuTimeMs: 1000, memoryBytes: 64 * MiB },
    ...overrides,
  };
}

// 98% of 64 MiB is 65,766,277.12 bytes: a peak of 63 MiB (66,060,288) is at the limit, 62 MiB is not.
const AT_LIMIT = 63 * MiB;
const BELOW_LIMIT = 62 * MiB;

const status = (overrides: Partial<RunFacts>) => classifyRun(facts(overrides)).status;

describe('classifyRun', () => {
  it('reads the exit status as a shell shows it: 128 + n is signal n', () => {
    expect(classifyRun(facts())).toEqual({ status: 'ok', exitCode: 0, signal: null });
    expect(classifyRun(facts({ exitStatus: 3 }))).toEqual({ status: 'nonzero-exit', exitCode: 3, signal: null });
    expect(classifyRun(facts({ exitStatus: 128 + 11 }))).toEqual({ status: 'signaled', exitCode: null, signal: 11 });
    // 128 itself and anything past 128 + 64 are exit codes, not signals.
    expect(classifyRun(facts({ exitStatus: 128 }))).toEqual({ status: 'nonzero-exit', exitCode: 128, signal: null });
    expect(classifyRun(facts({ exitStatus: 200 }))).toEqual({ status: 'nonzero-exit', exitCode: 200, signal: null });
  });

  it('puts a sandbox failure before everything the program did', () => {
    expect(
      classifyRun(facts({ setupError: 'cannot start', killedFor: 'wall-time-limit', oomKills: 1, exitStatus: 1 })),
    ).toEqual({ status: 'sandbox-error', exitCode: null, signal: null, error: 'cannot start' });
  });

  it('calls a time-limit kill at the memory limit memory, and other kills by their reason', () => {
    expect(status({ killedFor: 'cpu-time-limit', memoryPeakBytes: AT_LIMIT })).toBe('memory-limit');
    expect(status({ killedFor: 'wall-time-limit', memoryPeakBytes: AT_LIMIT })).toBe('memory-limit');
    expect(status({ killedFor: 'wall-time-limit', memoryPeakBytes: BELOW_LIMIT })).toBe('wall-time-limit');
    // Output and cancellation are what they are, whatever the memory.
    expect(status({ killedFor: 'output-limit', memoryPeakBytes: AT_LIMIT })).toBe('output-limit');
    expect(status({ killedFor: 'aborted', memoryPeakBytes: AT_LIMIT })).toBe('aborted');
  });

  it('keeps the kill reason over what the kill itself caused', () => {
    // Killed with SIGKILL by the engine: status 137, and no exit status at all when it never reported one.
    expect(classifyRun(facts({ killedFor: 'wall-time-limit', exitStatus: 128 + 9 }))).toEqual({
      status: 'wall-time-limit',
      exitCode: null,
      signal: 9,
    });
    expect(status({ killedFor: 'aborted', exitStatus: null })).toBe('aborted');
    // The engine's kill comes before an OOM kill and before CPU time measured over the limit.
    expect(status({ killedFor: 'output-limit', oomKills: 1 })).toBe('output-limit');
    expect(status({ killedFor: 'wall-time-limit', cpuTimeMs: 1500 })).toBe('wall-time-limit');
  });

  it('calls an OOM kill memory, before CPU time and signals', () => {
    expect(status({ oomKills: 1, exitStatus: 128 + 9 })).toBe('memory-limit');
    expect(status({ oomKills: 1, cpuTimeMs: 1500, exitStatus: 128 + 24 })).toBe('memory-limit');
    // A program that caught its child's OOM kill and exited 0 still went over.
    expect(status({ oomKills: 1, exitStatus: 0 })).toBe('memory-limit');
  });

  it('calls CPU time over the limit, or SIGXCPU, a CPU time limit', () => {
    // Ended before the engine's watch looked: the measurement decides, whatever the exit.
    expect(status({ cpuTimeMs: 1000.5, exitStatus: 0 })).toBe('cpu-time-limit');
    expect(status({ cpuTimeMs: 1000, exitStatus: 0 })).toBe('ok');
    expect(status({ cpuTimeMs: 900, exitStatus: 128 + 24 })).toBe('cpu-time-limit');
    // Over the CPU limit with no exit status is still the program's doing.
    expect(status({ cpuTimeMs: 1500, exitStatus: null })).toBe('cpu-time-limit');
    // SIGXCPU is checked before SIGXFSZ.
    expect(status({ cpuTimeMs: 1500, exitStatus: 128 + 25 })).toBe('cpu-time-limit');
    // Stopped by RLIMIT_CPU while held at the memory limit: the time went on reclaiming memory.
    expect(status({ cpuTimeMs: 1500, exitStatus: 128 + 24, memoryPeakBytes: AT_LIMIT })).toBe('memory-limit');
    expect(status({ cpuTimeMs: 1500, exitStatus: 128 + 24, memoryPeakBytes: BELOW_LIMIT })).toBe('cpu-time-limit');
  });

  it('calls SIGXFSZ an output limit (a file past RLIMIT_FSIZE)', () => {
    expect(classifyRun(facts({ exitStatus: 128 + 25 }))).toEqual({
      status: 'output-limit',
      exitCode: null,
      signal: 25,
    });
  });

  it('calls a missing exit status a sandbox error once no limit explains it', () => {
    expect(classifyRun(facts({ exitStatus: null, noExitStatusError: 'setup failed: exit 1' }))).toEqual({
      status: 'sandbox-error',
      exitCode: null,
      signal: null,
      error: 'setup failed: exit 1',
    });
  });

  it('calls SIGKILL at the memory limit memory, and below it a signal', () => {
    expect(status({ exitStatus: 128 + 9, memoryPeakBytes: AT_LIMIT })).toBe('memory-limit');
    expect(status({ exitStatus: 128 + 9, memoryPeakBytes: BELOW_LIMIT })).toBe('signaled');
    // Only SIGKILL is the kernel's memory kill: a crash at the limit is a crash.
    expect(status({ exitStatus: 128 + 11, memoryPeakBytes: AT_LIMIT })).toBe('signaled');
    expect(status({ exitStatus: 1, memoryPeakBytes: AT_LIMIT })).toBe('nonzero-exit');
  });
});

describe('runResult', () => {
  it('rounds the times to whole milliseconds and keeps the output', () => {
    const stdout = Buffer.from('out');
    const stderr = Buffer.from('err');
    expect(runResult(facts({ cpuTimeMs: 12.5, wallTimeMs: 30.4 }), { stdout, stderr })).toEqual({
      status: 'ok',
      exitCode: 0,
      signal: null,
      cpuTimeMs: 13,
      wallTimeMs: 30,
      memoryBytes: 4 * MiB,
      stdout,
      stderr,
      events: [],
    });
  });

  it('keeps the measurements of a failed sandbox', () => {
    const result = runResult(facts({ setupError: 'broken', cpuTimeMs: 5, wallTimeMs: 7 }), {
      stdout: Buffer.alloc(0),
      stderr: Buffer.from('why'),
    });
    expect(result).toMatchObject({ status: 'sandbox-error', error: 'broken', cpuTimeMs: 5, wallTimeMs: 7 });
    expect(result.stderr.toString()).toBe('why');
  });
});

describe('runEvents', () => {
  const events = (overrides: Partial<RunFacts>) => {
    const f = facts({
      ...overrides,
      limits: { cpuTimeMs: 1000, memoryBytes: 64 * MiB, processes: 16, stdoutBytes: 1024 },
    });
    return runEvents(f, classifyRun(f));
  };

  it('sees nothing in a quiet run', () => {
    expect(events({})).toEqual([]);
  });

  it('counts the processes refused at the limit, and calls a run killed for time there a fork bomb', () => {
    expect(events({ processLimitHits: 3 })).toEqual([
      { kind: 'process-limit', detail: '3 new processes or threads refused at the limit of 16', count: 3 },
    ]);
    expect(events({ processLimitHits: 5000, killedFor: 'cpu-time-limit' }).map((e) => [e.kind, e.count])).toEqual([
      ['process-limit', 5000],
      ['fork-bomb', 1],
    ]);
  });

  it('tells an output flood from a file past the file size limit', () => {
    expect(events({ killedFor: 'output-limit' })).toEqual([
      { kind: 'output-flood', detail: 'output stopped at its limit of 1024 bytes', count: 1 },
    ]);
    expect(events({ exitStatus: 128 + 25 }).map((e) => e.kind)).toEqual(['file-size-limit']);
  });

  it('reports nothing for a sandbox failure', () => {
    expect(events({ setupError: 'broken', processLimitHits: 4 })).toEqual([]);
  });

  it('is part of every run result', () => {
    const result = runResult(facts({ killedFor: 'output-limit' }), {
      stdout: Buffer.alloc(0),
      stderr: Buffer.alloc(0),
    });
    expect(result.events?.map((e) => e.kind)).toEqual(['output-flood']);
  });
});
