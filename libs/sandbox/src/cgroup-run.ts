import type { RunResult, RunSpec } from './types';
import { usageOrNothing, type CgroupUsage } from './cgroup-files';
import type { RunOutput } from './run-capture';
import { runResult } from './run-status';
import { RunWatch } from './run-watch';

/** What a run needs of the group its processes are in: what they used, and killing them all. */
export interface RunGroup {
  usage(): CgroupUsage;
  killAll(): Promise<void>;
}

/**
 * A pre-built box could not carry a run out (its init could not be reached, went away, or failed to set the run
 * up): the box is at fault, not the program, and the run is repeated in a new box.
 */
export class BoxInitLost extends Error {}

/**
 * What every run started by a helper of the judge shares (the namespace engine's, and the docker engine's
 * entered runs): the clocks, the limits watched from outside (on the run's cgroup), and the result.
 */
export abstract class CgroupRun<G extends RunGroup = RunGroup> {
  protected setupError: string | null = null;
  private clockStarted = false;
  private startNs = 0n;
  private endNs = 0n;
  private cpuBaselineNs = 0;
  protected readonly watch = new RunWatch(
    () => this.endNs !== 0n,
    () => {
      void this.cgroup.killAll().catch(() => undefined);
      this.killProcesses();
    },
  );

  constructor(
    protected readonly spec: RunSpec,
    protected readonly cgroup: G,
  ) {}

  /** Kills what the judge started for the run (its helper, its connection), besides the run's group. */
  protected abstract killProcesses(): void;

  /** The program has ended: the wall clock stops. */
  protected ended(): void {
    if (this.endNs === 0n) this.endNs = process.hrtime.bigint();
  }

  /** The program is about to start, or has: the clocks start. */
  protected started(): void {
    this.clockStarted = true;
    this.startNs = process.hrtime.bigint();
    // Whatever ran in the group before the program (bwrap's start-up) is not the program's CPU time.
    this.cpuBaselineNs = usageOrNothing(() => this.cgroup.usage()).cpuTimeNs;
    this.watch.startWallClock(this.spec.limits.wallTimeMs);
    this.watch.watchCpu(
      this.spec.limits.cpuTimeMs,
      100,
      () => (this.cgroup.usage().cpuTimeNs - this.cpuBaselineNs) / 1e6,
    );
  }

  /** The run is over: its usage read from the group, its status classified. */
  protected result(
    exitStatus: number | null,
    output: RunOutput,
    setupFailure: (stderr: string) => string,
    keepStderr = true,
  ): RunResult {
    this.watch.stop();
    this.ended();
    const usage = usageOrNothing(() => this.cgroup.usage());
    const { stdout, stderr } = output.buffers();
    return runResult(
      {
        setupError: this.setupError,
        killedFor: this.watch.killedFor,
        exitStatus,
        noExitStatusError: setupFailure(stderr.toString('utf8').trim()),
        cpuTimeMs: Math.max(0, usage.cpuTimeNs - this.cpuBaselineNs) / 1e6,
        memoryPeakBytes: usage.memoryPeakBytes,
        oomKills: usage.oomKills,
        processLimitHits: usage.processLimitHits,
        wallTimeMs: this.clockStarted ? Number(this.endNs - this.startNs) / 1e6 : 0,
        limits: this.spec.limits,
      },
      { stdout, stderr: keepStderr ? stderr : Buffer.alloc(0) },
    );
  }
}
