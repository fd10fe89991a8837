import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, type JudgeJobProgress, type JudgeJobResult } from '@judge/contract';
import { BullmqJudgeQueue, BullmqWorkerHost, createQueue, type JudgeJobHandler } from '@judge/queue';
import {
  acceptedResult,
  assertBuilt,
  deferred,
  dropQueue,
  judgePayload,
  REDIS_URL,
  REPO,
  sleep,
  uniquePrefix,
  within,
} from './support';

/** Short locks, so that a killed worker's job is taken again within seconds (production: 30 s). */
const FAST_RECOVERY = { lockDurationMs: 1000, stalledIntervalMs: 500 };

describe('BullMQ judge queue on a real Redis', () => {
  const prefix = uniquePrefix('queue');
  const closers: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];

  function producer(options: { attempts?: number; backoffMs?: number } = {}): BullmqJudgeQueue {
    const queue = new BullmqJudgeQueue({ redisUrl: REDIS_URL, prefix, ...options });
    closers.push(() => queue.close());
    return queue;
  }

  async function worker(handler: JudgeJobHandler, name = 'in-test'): Promise<BullmqWorkerHost> {
    const host = new BullmqWorkerHost({ redisUrl: REDIS_URL, prefix, workerName: name, ...FAST_RECOVERY });
    closers.push(() => host.close());
    await host.start(handler);
    return host;
  }

  /** A raw BullMQ view of the same queue, to look at what the drivers hide. */
  function rawQueue(): Queue {
    const queue = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
    closers.push(() => queue.close());
    return queue;
  }

  /** QueueEvents reads only events newer than its connection: wait until it listens before anything happens. */
  async function listening(queue: BullmqJudgeQueue): Promise<void> {
    const probe = judgePayload();
    const seen = deferred();
    queue.onCompleted((r) => {
      if (r.submissionId === probe.submissionId) seen.resolve();
    });
    // The probe is judged by whichever worker runs: it only proves that events arrive.
    await queue.enqueue(probe);
    await within(seen.promise, 10_000, 'the probe job to complete');
  }

  beforeAll(() => {
    assertBuilt('libs/contract', 'libs/queue');
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    // Workers first: a producer closed before them would not hear their last events, which no test waits for.
    for (const close of closers.splice(0).reverse()) await close();
    await dropQueue(prefix);
  });

  afterAll(async () => {
    await dropQueue(prefix);
  });

  it('is ready when Redis answers, and says it is not, rather than waiting, when nothing answers', async () => {
    expect(await producer().isReady()).toBe(true);
    // Nothing listens on port 1: the probe gives up after its timeout instead of waiting for a connection.
    // (The deadline only turns a hang into a failure with a reason; how fast is bench/'s business.)
    const nowhere = new BullmqJudgeQueue({ redisUrl: 'redis://127.0.0.1:1', prefix, onError: () => {} });
    expect(await within(nowhere.isReady(500), 10_000, 'isReady to give up on a Redis that is not there')).toBe(false);
    await within(nowhere.close(), 5000, 'closing a queue that never connected');
  });

  it('keeps one job per submission, whatever the number of enqueues, until a rejudge', async () => {
    const queue = producer();
    const raw = rawQueue();
    const payload = judgePayload();
    await Promise.all([queue.enqueue(payload), queue.enqueue(payload), queue.enqueue(payload)]);
    // Every job has a priority (a practice submission's by default): BullMQ keeps it in the prioritized set.
    expect(await raw.getJobCounts('wait', 'prioritized', 'active')).toEqual({ wait: 0, prioritized: 1, active: 0 });
    expect(await queue.jobState(payload.submissionId)).toEqual({ state: 'waiting' });

    const judged: string[] = [];
    const twice = deferred();
    await worker((p) => {
      judged.push(p.submissionId);
      if (judged.length === 2) twice.resolve();
      return Promise.resolve(acceptedResult(p.submissionId));
    });
    await settled(queue, payload.submissionId);
    // Finished: a plain enqueue adds nothing, a rejudge judges it again.
    await queue.enqueue(payload);
    expect(await raw.getJobCounts('wait', 'prioritized', 'active')).toEqual({ wait: 0, prioritized: 0, active: 0 });
    await queue.enqueue(payload, { rejudge: true });
    await within(twice.promise, 10_000, 'the rejudge');
    expect(judged).toEqual([payload.submissionId, payload.submissionId]);
    expect(await settled(queue, payload.submissionId)).toBe('completed');
  });

  it('a rejudge of a job still waiting judges the new payload (a new attempt), once', async () => {
    const queue = producer();
    const raw = rawQueue();
    const first = { ...judgePayload(), attempt: 1 };
    await queue.enqueue(first);
    await queue.enqueue({ ...first, attempt: 2 }, { rejudge: true });
    // Every job has a priority (a practice submission's by default): BullMQ keeps it in the prioritized set.
    expect(await raw.getJobCounts('wait', 'prioritized', 'active')).toEqual({ wait: 0, prioritized: 1, active: 0 });

    const judged: (number | undefined)[] = [];
    await worker((p) => {
      judged.push(p.attempt);
      return Promise.resolve(acceptedResult(p.submissionId));
    });
    expect(await settled(queue, first.submissionId)).toBe('completed');
    expect(judged).toEqual([2]);
  });

  it('carries progress and the result from a worker to a producer on other connections, in order', async () => {
    const queue = producer();
    const seen: string[] = [];
    const progress: JudgeJobProgress[] = [];
    const done = deferred<JudgeJobResult>();
    const payload = judgePayload();
    queue.onProgress((id, p) => {
      if (id !== payload.submissionId) return;
      progress.push(p);
      seen.push(p.type);
    });
    queue.onCompleted((r) => {
      if (r.submissionId !== payload.submissionId) return;
      seen.push('completed');
      done.resolve(r);
    });
    await worker(async (p, report) => {
      await report({ type: 'compiling' });
      await report({ type: 'running', total: 1 });
      const result = acceptedResult(p.submissionId, 'runner-b');
      await report({ type: 'test', index: 0, total: 1, result: { ...testResult(), name: 'secret/1' } });
      return result;
    });
    await listening(queue);
    await queue.enqueue(payload);
    const result = await within(done.promise, 10_000, 'the completion');
    expect(result).toEqual(acceptedResult(payload.submissionId, 'runner-b'));
    expect(seen).toEqual(['compiling', 'running', 'test', 'completed']);
    expect(progress[2]).toMatchObject({ type: 'test', index: 0, total: 1, result: { name: 'secret/1' } });
    expect(await queue.jobState(payload.submissionId)).toEqual({ state: 'completed', result });
  });

  it('retries a job whose runner throws, then reports the failure once', async () => {
    const queue = producer({ attempts: 2, backoffMs: 100 });
    const failures: [string, string][] = [];
    const failed = deferred();
    const payload = judgePayload();
    queue.onFailed((id, error) => {
      if (id !== payload.submissionId) return;
      failures.push([id, error]);
      failed.resolve();
    });
    let calls = 0;
    await worker((p) => {
      // Only the job under test fails: the probe that proves the producer listens must complete.
      if (p.submissionId !== payload.submissionId) return Promise.resolve(acceptedResult(p.submissionId));
      calls++;
      return Promise.reject(new Error('package download failed: 503'));
    });
    await listening(queue);
    await queue.enqueue(payload);
    await within(failed.promise, 10_000, 'the failure');
    // Failed is final: both attempts are used up, so BullMQ takes the job no more.
    expect(await queue.jobState(payload.submissionId)).toEqual({
      state: 'failed',
      error: 'package download failed: 503',
    });
    expect((await rawQueue().getJob(payload.submissionId))?.attemptsMade).toBe(2);
    expect(calls).toBe(2);
    // What Redis recorded: two attempts, one failure reported (the first attempt's error only schedules the retry).
    const events = await recordedEvents(rawQueue(), payload.submissionId);
    expect(events.filter((e) => e === 'active')).toHaveLength(2);
    expect(events.filter((e) => e === 'failed')).toHaveLength(1);
    expect(failures).toEqual([[payload.submissionId, 'package download failed: 503']]);
  });

  /** A worker process that takes a job, reports it, and hangs until killed (fixtures/stalling-worker.mjs). */
  async function doomedWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'stalling-worker.mjs')], {
      cwd: REPO,
      env: {
        ...process.env,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOCK_DURATION_MS: String(FAST_RECOVERY.lockDurationMs),
        STALLED_INTERVAL_MS: String(FAST_RECOVERY.stalledIntervalMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const ready = deferred();
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) ready.resolve();
    });
    child.on('exit', (code) => ready.reject(new Error(`the doomed worker exited early (${code})`)));
    await within(ready.promise, 10_000, 'the doomed worker to start');
    return child;
  }

  async function kill(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  it('judges again, exactly once, a job whose runners were killed mid-job, twice', async () => {
    const queue = producer();
    const completions: JudgeJobResult[] = [];
    const completed = deferred();
    const payload = judgePayload(randomUUID());
    // Each doomed worker reports `compiling` once it has the job.
    const takenByDoomed = [deferred(), deferred()];
    let reports = 0;
    queue.onProgress((id) => {
      if (id === payload.submissionId) takenByDoomed[reports++]?.resolve();
    });
    queue.onCompleted((r) => {
      if (r.submissionId !== payload.submissionId) return;
      completions.push(r);
      completed.resolve();
    });

    const first = await doomedWorker();
    await queue.enqueue(payload);
    await within(takenByDoomed[0].promise, 10_000, 'the first doomed worker to take the job');
    await kill(first);
    // The second one finds the job once the first one's lock has expired.
    const second = await doomedWorker();
    await within(takenByDoomed[1].promise, 15_000, 'the second doomed worker to take the job again');
    await kill(second);

    const taken: string[] = [];
    await worker((p) => {
      taken.push(p.submissionId);
      return Promise.resolve(acceptedResult(p.submissionId, 'survivor'));
    }, 'survivor');
    // With the production 30 s locks this would time out: the short ones are in force.
    await within(completed.promise, 15_000, 'the job to be taken again and completed');
    // Completed is final: no worker takes the job again.
    expect(await queue.jobState(payload.submissionId)).toEqual({
      state: 'completed',
      result: acceptedResult(payload.submissionId, 'survivor'),
    });
    // What Redis recorded: taken three times, put back twice by the stalled check, completed once.
    const events = await recordedEvents(rawQueue(), payload.submissionId);
    expect(events.filter((e) => e === 'active')).toHaveLength(3);
    expect(events.filter((e) => e === 'stalled')).toHaveLength(2);
    expect(events.filter((e) => e === 'completed')).toHaveLength(1);
    expect((await rawQueue().getJob(payload.submissionId))?.stalledCounter).toBe(2);
    expect(taken).toEqual([payload.submissionId]);
    expect(completions).toEqual([acceptedResult(payload.submissionId, 'survivor')]);
  });

  it('lets the active job finish when a worker closes', async () => {
    const queue = producer();
    const payload = judgePayload();
    const inside = deferred();
    const release = deferred();
    const order: string[] = [];
    const host = await worker(async (p) => {
      inside.resolve();
      await release.promise;
      order.push('job returned');
      return acceptedResult(p.submissionId);
    });
    await queue.enqueue(payload);
    await within(inside.promise, 10_000, 'the worker to take the job');
    // The close starts while the job runs, and the job ends after that: a close that did not wait for it would
    // have shut the worker's connections, and the job's result could not have been stored.
    const closing = host.close().then(() => order.push('worker closed'));
    release.resolve();
    await within(closing, 10_000, 'the worker to close');
    expect(order).toEqual(['job returned', 'worker closed']);
    expect(await queue.jobState(payload.submissionId)).toEqual({
      state: 'completed',
      result: acceptedResult(payload.submissionId),
    });
  });

  it('createQueue with a Redis URL gives the BullMQ sides', async () => {
    const sides = createQueue({ redisUrl: REDIS_URL, prefix });
    closers.push(() => sides.queue.close());
    expect(sides.inProcess).toBe(false);
    expect(sides.queue).toBeInstanceOf(BullmqJudgeQueue);
    expect(sides.workerHost).toBeInstanceOf(BullmqWorkerHost);
    expect(await sides.queue.isReady()).toBe(true);
  });
});

/**
 * The events BullMQ recorded for a job in the queue's events stream, oldest first: what happened, whoever
 * listened. A listener that missed or doubled an event cannot change it.
 */
async function recordedEvents(raw: Queue, jobId: string): Promise<string[]> {
  const client = await raw.backend.client;
  // ioredis' reply: [[stream, [[entryId, [field, value, ...]], ...]]], or null for an empty stream.
  const reply = (await client.xread([{ key: raw.keys.events, id: '0' }], { COUNT: 100_000 })) as
    [string, [string, string[]][]][] | null;
  const events: string[] = [];
  for (const [, fields] of reply?.[0]?.[1] ?? []) {
    const entry = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) entry.set(fields[i], fields[i + 1]);
    if (entry.get('jobId') === jobId) events.push(entry.get('event') ?? '?');
  }
  return events;
}

/** Waits for a job to finish, asking its state: for tests that listen to no events. */
function settled(queue: BullmqJudgeQueue, submissionId: string): Promise<string> {
  const poll = async () => {
    for (;;) {
      const { state } = await queue.jobState(submissionId);
      if (state === 'completed' || state === 'failed') return state;
      await sleep(50);
    }
  };
  return within(poll(), 10_000, `job ${submissionId} to finish`);
}

function testResult() {
  return {
    name: 'secret/1',
    group: 'secret',
    verdict: 'AC' as const,
    timeMs: 1,
    wallMs: 2,
    memoryKb: 100,
    score: null,
    feedback: '',
  };
}
