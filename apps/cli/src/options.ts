import { InvalidArgumentError } from 'commander';
import { parseSandboxEngineName, type SandboxEngineName } from '@judge/sandbox';

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new InvalidArgumentError('expected a number of seconds between 0 and 3600, e.g. 1 or 2.5');
  }
  return Math.round(seconds * 1000);
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
