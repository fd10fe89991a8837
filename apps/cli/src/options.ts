import { InvalidArgumentError } from 'commander';
import { parseSandboxEngineName, type SandboxEngineName } from '@judge/sandbox';

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new InvalidArgumentError('expected a number of seconds between 0 and 3600, e.g. 1 or 2.5');
  }
  return Math.round(seconds * 1000);
}

/** A test's wall clock as a factor of its time limit (JUDGE_WALL_TIME_FACTOR's range). */
export function parseWallTimeFactor(value: string): number {
  const factor = Number(value);
  if (!Number.isFinite(factor) || factor < 1 || factor > 10) {
    throw new InvalidArgumentError('expected a number from 1 to 10, e.g. 1.5');
  }
  return factor;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}

export function parseSandbox(value: string): SandboxEngineName {
  try {
    return parseSandboxEngineName(value, '--sandbox');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
