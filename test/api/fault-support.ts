import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { sleep } from '../queue/support';
import { REPO } from './support-processes';
import type { ApiClient } from './support';

/*
 * What the fault-injection tests share: a burst of submissions still being judged when the fault hits, and the
 * check that afterwards each has exactly one verdict, the right one, and nothing is left queued or running.
 */

const execFileAsync = promisify(execFile);
const HELLO = join(REPO, 'examples', 'problems', 'hello');

const SOURCES = {
  AC: 'a, b = map(int, input().split())\nprint(a + b)\n',
  WA: 'a, b = map(int, input().split())\nprint(a - b)\n',
  // Sleeps, then answers: a judgement that takes a while without using the CPU, so that work is in flight.
  slow: 'import time\ntime.sleep(0.4)\na, b = map(int, input().split())\nprint(a + b)\n',
};

/** A submission's final state, as stored. */
export interface Outcome {
  id: string;
  status: string;
  verdict: string | null;
  judgedAt: string | null;
}

/** Uploads the `hello` example (A + B) and returns its id. */
export async function uploadHello(api: ApiClient, token: string, workDir: string): Promise<string> {
  const zip = join(workDir, 'hello.zip');
  await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, HELLO]);
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(await readFile(zip))]), 'hello.zip');
  const created = await api.call('POST', '/api/problems', { token, body: form });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

export interface Burst {
  ids: string[];
  /** The verdict each submission must end with. */
  expected: string[];
}

/** `count` submissions sent at once: a quarter slow (sleep, then AC), a quarter WA, the rest AC. */
export async function submitBurst(api: ApiClient, token: string, problemId: string, count = 20): Promise<Burst> {
  const kinds = Array.from({ length: count }, (_, i) => (['slow', 'WA', 'AC', 'AC'] as const)[i % 4]);
  const ids = await Promise.all(
    kinds.map(async (kind) => {
      const response = await api.call('POST', '/api/submissions', {
        token,
        json: { problemId, language: 'python', source: SOURCES[kind] },
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    }),
  );
  return { ids, expected: kinds.map((kind) => (kind === 'WA' ? 'WA' : 'AC')) };
}

/**
 * Polls `read` until every submission is done; a read that fails (a service still coming back) is tried again.
 * The deadline only turns a hang into a failure that says what was left and why (`context`).
 */
export async function untilAllDone(
  ids: string[],
  read: (ids: string[]) => Promise<Outcome[]>,
  context: () => string,
  timeoutMs = 400_000,
): Promise<Outcome[]> {
  const deadline = Date.now() + timeoutMs;
  let last: Outcome[] = [];
  let lastError = '';
  for (;;) {
    try {
      last = await read(ids);
      if (last.length === ids.length && last.every((s) => s.status === 'done')) return last;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline) {
      const left = last.filter((s) => s.status !== 'done').map((s) => `${s.id} ${s.status}`);
      throw new Error(
        `not every submission was judged: ${left.length} left (${left.join(', ')})` +
          `${lastError ? `; last read failed: ${lastError}` : ''}\n${context()}`,
      );
    }
    await sleep(500);
  }
}

/** Polls until `count` submissions are done and at least one is not: the fault then hits work in flight. */
export async function untilPartlyJudged(
  ids: string[],
  read: (ids: string[]) => Promise<Outcome[]>,
  count: number,
  context: () => string,
): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const outcomes = await read(ids);
    const done = outcomes.filter((s) => s.status === 'done').length;
    if (done >= count) {
      expect(done).toBeLessThan(ids.length);
      return;
    }
    if (Date.now() > deadline) throw new Error(`only ${done} submissions were judged\n${context()}`);
    await sleep(200);
  }
}

/**
 * Every submission of the burst ends with its one verdict, and it stays: a later sweep (or a result that comes
 * again) stores nothing over it. `settle` waits long enough for several sweeps.
 */
export async function expectOneVerdictEach(
  burst: Burst,
  outcomes: Outcome[],
  read: (ids: string[]) => Promise<Outcome[]>,
  settle: () => Promise<void>,
): Promise<void> {
  expect(outcomes.map((s) => s.status)).toEqual(burst.ids.map(() => 'done'));
  expect(outcomes.map((s) => s.verdict)).toEqual(burst.expected);
  await settle();
  expect(await read(burst.ids)).toEqual(outcomes);
}
