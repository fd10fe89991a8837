import { PackageError } from './errors';
import type { ProblemLimits } from './types';

/**
 * The time limit problemtools (verifyproblem) would set from the slowest accepted submission.
 *
 * problemtools computes, in seconds, `max(1, ceil(T_ac * ac_to_time_limit / time_resolution)) * time_resolution`:
 * the slowest accepted run times the multiplier, rounded *up* to a whole multiple of the resolution (1 s unless
 * 2023-07 `time_resolution` says otherwise), and never below one resolution step. Legacy packages go through the
 * same formula, with `time_multiplier` as the multiplier (problemtools renames it to ac_to_time_limit).
 */
export function deriveTimeLimitMs(slowestAcceptedMs: number, limits: ProblemLimits): number {
  if (!Number.isFinite(slowestAcceptedMs) || slowestAcceptedMs < 0) {
    throw new RangeError(`slowestAcceptedMs must be a non-negative number, got ${slowestAcceptedMs}`);
  }
  const resolutionMs = limits.timeResolutionS * 1000;
  const exact = (slowestAcceptedMs * limits.timeMultiplier) / resolutionMs;
  // The epsilon keeps float noise (e.g. 2.0000000000000004 steps) from adding a whole extra step.
  const steps = Math.max(1, Math.ceil(exact - 1e-9));
  return Math.round(steps * resolutionMs);
}

/**
 * The run time a time_limit_exceeded submission must exceed: problemtools judges every submission again with
 * `time_limit * time_limit_to_tle` (legacy `time_safety_margin`) and warns when the verdict depends on which of the
 * two limits is used; the 2023-07 spec requires `time_limit * time_limit_to_tle <= T_tle`.
 */
export function tleThresholdMs(timeLimitMs: number, limits: ProblemLimits): number {
  return Math.round(timeLimitMs * limits.timeSafetyMargin);
}

/** Parses a `.timelimit` file (BAPCtools, DOMjudge): a number of seconds on one line. Returns milliseconds. */
export function parseTimeLimitFile(text: string): number {
  const value = text.trim();
  const seconds = /^\d+(\.\d+)?$|^\.\d+$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    throw new PackageError('TIMELIMIT_INVALID', `.timelimit: expected a positive number of seconds, got "${shown}"`);
  }
  return Math.round(seconds * 1000);
}
