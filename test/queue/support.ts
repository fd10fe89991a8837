import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { inject } from 'vitest';
import { QUEUE_NAMES, type JudgeJobPayload, type JudgeJobResult } from '@judge/contract';

export const REPO = join(__dirname, '..', '..');
/** The suite's Redis (test/support/global-setup.ts). */
export const REDIS_URL = inject('redisUrl');

/** Built by `npm run build`; the child-process fixtures load the compiled packages. */
export function assertBuilt(...packages: string[]): void {
  for (const dir of packages) {
    const main = join(REPO, dir, 'dist', 'index.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build before these tests`);
  }
}

/** Redis keys of their own for each test file and run, so that runs never meet; removed by `dropQueue`. */
export function uniquePrefix(name: string): string {
  return `judge-test-${name}-${process.pid}-${Date.now()}`;
}

export async function dropQueue(prefix: string): Promise<void> {
  const queue = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

export function judgePayload(submissionId: string = randomUUID()): JudgeJobPayload {
  return { submissionId, packageHash: 'a'.repeat(64), language: 'python', fileName: 'a.py', source: 'print(1)' };
}

export function acceptedResult(submissionId: string, runnerId = 'test-runner'): JudgeJobResult {
  return {
    submissionId,
    runnerId,
    result: { verdict: 'AC', score: 1, maxScore: 1, compileOutput: '', tests: [], groups: [] },
  };
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects after `ms` with `what` in the message, so that a missing event fails the test with a reason. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
