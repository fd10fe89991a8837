import type { KillReason } from './run-status';
import type { RunLimits } from './types';

/**
 * RLIMIT_CPU of a run, in whole seconds: a backstop behind the engine's CPU watch, which reads the whole
 * group's CPU time and acts first. The limit rounded up to a second, and one more, so that the rlimit's
 * SIGXCPU never comes before the watch on a run that is within its limit.
 */
export function cpuRlimitSeconds(cpuTimeMs: number): number {
  return Math.ceil(cpuTimeMs / 1000) + 1;
}

/** RLIMIT_STACK of a run as the helpers (judge-spawn, judge-exec) take it: bytes, or `unlimited` when unset. */
export function stackRlimit(limits: Pick<RunLimits, 'stackBytes'>): string {
  return limits.stackBytes === undefined ? 'unlimited' : String(limits.stackBytes);
}

/** The next look at a run's CPU time: a quarter of what is left, between 2 ms and maxMs. */
function pollDelay(remainingMs: number, maxMs: number): number {
  return Math.min(maxMs, Math.max(2, remainingMs / 4));
}

/**
 * The limits an engine enforces from outside a run (wall time, CPU time polled from the run's cgroup, the
 * output limit) and cancellation. It keeps the first reason the run was killed for; later reasons, and any
 * once the run has finished, kill nothing.
 */
export class RunWatch {
  killedFor: KillReason | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private signal: AbortSignal | undefined;
  private readonly onAbort = () => this.kill('aborted');

  constructor(
    /** Whether the run has finished: then nothing more is killed or polled. */
    private readonly finished: () => boolean,
    /** Kills the run's processes (called once, with killedFor set). */
    private readonly killRun: () => void,
  ) {}

  kill(reason: KillReason): void {
    if (this.killedFor || this.finished()) return;
    this.killedFor = reason;
    this.killRun();
  }

  /** The run is killed as `aborted` when the signal fires, at once when it already has. */
  cancelWith(signal: AbortSignal | undefined): void {
    this.signal = signal;
    if (signal?.aborted) this.onAbort();
    signal?.addEventListener('abort', this.onAbort);
  }

  /** Calls action after ms, unless the watch has stopped by then. */
  after(ms: number, action: () => void): void {
    this.timers.push(setTimeout(action, ms));
  }

  startWallClock(wallTimeMs: number): void {
    this.after(wallTimeMs, () => this.kill('wall-time-limit'));
  }

  /**
   * Polls the run's CPU time, sooner as it nears the limit (threads make it grow faster than the clock), and
   * kills the run once it is over. Polling stops when usedMs throws (the group cannot be read) or when each,
   * called on every look within the limit, returns false.
   */
  watchCpu(limitMs: number, maxDelayMs: number, usedMs: () => number, each: () => boolean = () => true): void {
    const look = () => {
      if (this.killedFor || this.finished()) return;
      let used: number;
      try {
        used = usedMs();
      } catch {
        return;
      }
      if (used > limitMs) {
        this.kill('cpu-time-limit');
        return;
      }
      if (!each()) return;
      this.after(pollDelay(limitMs - used, maxDelayMs), look);
    };
    this.after(pollDelay(limitMs, maxDelayMs), look);
  }

  /** The run is over: timers cleared, cancellation no longer listened to. */
  stop(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const timer of this.timers) clearTimeout(timer);
  }
}
