import { describe, expect, it } from 'vitest';
import type { JudgeJobPayload, JudgeJobProgress, JudgeJobResult } from '@judge/contract';
import { createQueue } from './create-queue';
import { InProcessJudgeQueue } from './in-process-queue';
import { jobPriority } from './job-priority';
import type { JudgeJobHandler } from './judge-queue';

function payload(submissionId: string): JudgeJobPayload {
  return { submissionId, packageHash: 'a'.repeat(64), language: 'python', fileName: 'a.py', source: 'print(1)' };
}

function accepted(submissionId: string): JudgeJobResult {
  return {
    submissionId,
    runnerId: 'test',
    result: { verdict: 'AC', score: 1, maxScore: 1, compileOutput: '', tests: [], groups: [] },
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A handler whose jobs finish when the test says so; `started` lists submission ids in start order. */
function controlledHandler() {
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof deferred<void>>>();
  const startedSignal = new Map<string, ReturnType<typeof deferred<void>>>();
  const gate = (id: string) => {
    if (!gates.has(id)) gates.set(id, deferred());
    return gates.get(id)!;
  };
  const startOf = (id: string) => {
    if (!startedSignal.has(id)) startedSignal.set(id, deferred());
    return startedSignal.get(id)!;
  };
  const handler: JudgeJobHandler = async (p) => {
    started.push(p.submissionId);
    startOf(p.submissionId).resolve();
    await gate(p.submissionId).promise;
    return accepted(p.submissionId);
  };
  return {
    handler,
    started,
    finish: (id: string) => gate(id).resolve(),
    whenStarted: (id: string) => startOf(id).promise,
  };
}

function completions(queue: InProcessJudgeQueue) {
  const done: string[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  queue.onCompleted((r) => {
    done.push(r.submissionId);
    for (const w of waiters) if (done.length >= w.count) w.resolve();
  });
  return {
    done,
    until: (count: number) =>
      done.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  };
}

describe('in-process judge queue', () => {
  it('judges a submission once however often it is enqueued while waiting or running', async () => {
    const queue = new InProcessJudgeQueue();
    const jobs = controlledHandler();
    const finished = completions(queue);
    await queue.enqueue(payload('s1'));
    await queue.enqueue(payload('s1'));
    expect(await queue.jobState('s1')).toEqual({ state: 'waiting' });
    await queue.start(jobs.handler);
    await jobs.whenStarted('s1');
    expect(await queue.jobState('s1')).toEqual({ state: 'active' });
    await queue.enqueue(payload('s1'));
    jobs.finish('s1');
    await finished.until(1);
    // Finished: a plain enqueue is still a no-op; only a rejudge runs it again.
    await queue.enqueue(payload('s1'));
    await queue.close();
    expect(jobs.started).toEqual(['s1']);
    expect(finished.done).toEqual(['s1']);
  });

  it('judges a finished submission again when asked to rejudge', async () => {
    const queue = new InProcessJudgeQueue();
    const finished = completions(queue);
    await queue.start((p) => Promise.resolve(accepted(p.submissionId)));
    await queue.enqueue(payload('s1'));
    await finished.until(1);
    expect(await queue.jobState('s1')).toEqual({ state: 'completed', result: accepted('s1') });
    await queue.enqueue(payload('s1'), { rejudge: true });
    await finished.until(2);
    expect(finished.done).toEqual(['s1', 's1']);
    await queue.close();
  });

  it('a rejudge of a job still waiting judges the new payload once, in the same place in the line', async () => {
    const queue = new InProcessJudgeQueue();
    const judged: JudgeJobPayload[] = [];
    const finished = completions(queue);
    await queue.enqueue({ ...payload('s1'), attempt: 1 });
    await queue.enqueue(payload('s2'));
    await queue.enqueue({ ...payload('s1'), attempt: 2 }, { rejudge: true });
    await queue.start((p) => {
      judged.push(p);
      return Promise.resolve(accepted(p.submissionId));
    });
    await finished.until(2);
    expect(judged.map((p) => [p.submissionId, p.attempt])).toEqual([
      ['s1', 2],
      ['s2', undefined],
    ]);
    await queue.close();
  });

  it('takes jobs first in, first out, one at a time by default', async () => {
    const queue = new InProcessJudgeQueue();
    const jobs = controlledHandler();
    const finished = completions(queue);
    let running = 0;
    let mostRunning = 0;
    await queue.start(async (p, report, signal) => {
      mostRunning = Math.max(mostRunning, ++running);
      try {
        return await jobs.handler(p, report, signal);
      } finally {
        running--;
      }
    });
    for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue(payload(id));
    for (const id of ['a', 'b', 'c', 'd']) {
      await jobs.whenStarted(id);
      jobs.finish(id);
    }
    await finished.until(4);
    expect(jobs.started).toEqual(['a', 'b', 'c', 'd']);
    expect(finished.done).toEqual(['a', 'b', 'c', 'd']);
    expect(mostRunning).toBe(1);
    await queue.close();
  });

  it('runs up to `concurrency` jobs at once, still in order of arrival', async () => {
    const queue = new InProcessJudgeQueue({ concurrency: 2 });
    const jobs = controlledHandler();
    const finished = completions(queue);
    await queue.start(jobs.handler);
    for (const id of ['a', 'b', 'c']) await queue.enqueue(payload(id));
    await jobs.whenStarted('a');
    await jobs.whenStarted('b');
    expect(jobs.started).toEqual(['a', 'b']);
    expect(await queue.jobState('c')).toEqual({ state: 'waiting' });
    jobs.finish('b');
    await jobs.whenStarted('c');
    jobs.finish('a');
    jobs.finish('c');
    await finished.until(3);
    expect(jobs.started).toEqual(['a', 'b', 'c']);
    await queue.close();
  });

  it('delivers progress in order, before the completion', async () => {
    const queue = new InProcessJudgeQueue();
    const seen: string[] = [];
    queue.onProgress((id, p) => void seen.push(`${id}:${p.type}`));
    const finished = completions(queue);
    queue.onCompleted((r) => void seen.push(`${r.submissionId}:done`));
    const steps: JudgeJobProgress[] = [{ type: 'compiling' }, { type: 'running', total: 2 }];
    await queue.start(async (p, report) => {
      for (const step of steps) await report(step);
      return accepted(p.submissionId);
    });
    await queue.enqueue(payload('s1'));
    await finished.until(1);
    expect(seen).toEqual(['s1:compiling', 's1:running', 's1:done']);
    await queue.close();
  });

  it('reports a throwing handler through onFailed and remembers the failure', async () => {
    const queue = new InProcessJudgeQueue();
    const failed = deferred<[string, string]>();
    queue.onFailed((id, error) => failed.resolve([id, error]));
    await queue.start(() => Promise.reject(new Error('package download failed')));
    await queue.enqueue(payload('s1'));
    expect(await failed.promise).toEqual(['s1', 'package download failed']);
    expect(await queue.jobState('s1')).toEqual({ state: 'failed', error: 'package download failed' });
    await queue.close();
  });

  it('keeps going when an event handler throws or rejects', async () => {
    const errors: string[] = [];
    const queue = new InProcessJudgeQueue({ onError: (e) => errors.push(e.message) });
    const finished = completions(queue);
    queue.onCompleted(() => {
      throw new Error('handler broke');
    });
    queue.onCompleted(() => Promise.reject(new Error('async handler broke')));
    // Returns a value that is not a promise: allowed for a void handler, and not an error.
    const ids = new Set<string>();
    queue.onCompleted((r) => ids.add(r.submissionId));
    await queue.start((p) => Promise.resolve(accepted(p.submissionId)));
    await queue.enqueue(payload('s1'));
    await queue.enqueue(payload('s2'));
    await finished.until(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.sort()).toEqual(['async handler broke', 'async handler broke', 'handler broke', 'handler broke']);
    expect([...ids]).toEqual(['s1', 's2']);
    await queue.close();
  });

  it('forgets the oldest finished jobs past its history size', async () => {
    const queue = new InProcessJudgeQueue({ historySize: 2 });
    const finished = completions(queue);
    await queue.start((p) => Promise.resolve(accepted(p.submissionId)));
    for (const id of ['a', 'b', 'c']) await queue.enqueue(payload(id));
    await finished.until(3);
    expect((await queue.jobState('a')).state).toBe('unknown');
    expect((await queue.jobState('c')).state).toBe('completed');
    await queue.close();
  });

  it('on close, lets the running job finish, drops the waiting ones and refuses new ones', async () => {
    const queue = new InProcessJudgeQueue();
    const jobs = controlledHandler();
    const finished = completions(queue);
    await queue.start(jobs.handler);
    await queue.enqueue(payload('a'));
    await queue.enqueue(payload('b'));
    await jobs.whenStarted('a');
    const closing = queue.close();
    expect(await queue.isReady()).toBe(false);
    jobs.finish('a');
    await closing;
    expect(finished.done).toEqual(['a']);
    expect(jobs.started).toEqual(['a']);
    await expect(queue.enqueue(payload('c'))).rejects.toThrow(/closed/);
  });

  it('with its one worker busy, takes contest submissions first, then practice, rejudges last, in order within each', async () => {
    const queue = new InProcessJudgeQueue();
    const jobs = controlledHandler();
    const finished = completions(queue);
    await queue.start(jobs.handler);
    await queue.enqueue(payload('busy'));
    await jobs.whenStarted('busy');
    const contest = { priority: jobPriority('contest') };
    const practice = { priority: jobPriority('practice') };
    const rejudge = { rejudge: true, priority: jobPriority('rejudge') };
    await queue.enqueue(payload('practice-1'), practice);
    await queue.enqueue(payload('rejudge-1'), rejudge);
    await queue.enqueue(payload('contest-1'), contest);
    await queue.enqueue(payload('practice-2'), practice);
    await queue.enqueue(payload('rejudge-2'), rejudge);
    await queue.enqueue(payload('contest-2'), contest);
    // A plain submission with no priority is placed as practice.
    await queue.enqueue(payload('unmarked'));
    for (const id of ['busy', 'contest-1', 'contest-2', 'practice-1', 'practice-2', 'unmarked', 'rejudge-1']) {
      await jobs.whenStarted(id);
      jobs.finish(id);
    }
    // The last one judged, a contest submission coming meanwhile still goes before it.
    await queue.enqueue(payload('contest-3'), contest);
    for (const id of ['contest-3', 'rejudge-2']) {
      await jobs.whenStarted(id);
      jobs.finish(id);
    }
    await finished.until(9);
    expect(jobs.started).toEqual([
      'busy',
      'contest-1',
      'contest-2',
      'practice-1',
      'practice-2',
      'unmarked',
      'rejudge-1',
      'contest-3',
      'rejudge-2',
    ]);
    await queue.close();
  });

  it('a rejudge of a job still waiting moves it to the rejudge priority, behind the others', async () => {
    const queue = new InProcessJudgeQueue();
    const judged: JudgeJobPayload[] = [];
    const finished = completions(queue);
    const contest = { priority: jobPriority('contest') };
    await queue.enqueue({ ...payload('s1'), attempt: 1 }, contest);
    await queue.enqueue(payload('s2'), contest);
    await queue.enqueue({ ...payload('s1'), attempt: 2 }, { rejudge: true, priority: jobPriority('rejudge') });
    await queue.start((p) => {
      judged.push(p);
      return Promise.resolve(accepted(p.submissionId));
    });
    await finished.until(2);
    expect(judged.map((p) => [p.submissionId, p.attempt])).toEqual([
      ['s2', undefined],
      ['s1', 2],
    ]);
    await queue.close();
  });

  it('paused, keeps accepting jobs and starts none until resumed; the running one finishes', async () => {
    const queue = new InProcessJudgeQueue();
    const jobs = controlledHandler();
    const finished = completions(queue);
    await queue.start(jobs.handler);
    await queue.enqueue(payload('a'));
    await jobs.whenStarted('a');
    await queue.pause();
    expect(await queue.isPaused()).toBe(true);
    await queue.enqueue(payload('b'), { priority: jobPriority('contest') });
    await queue.enqueue(payload('c'));
    jobs.finish('a');
    await finished.until(1);
    expect(jobs.started).toEqual(['a']);
    expect(await queue.counts()).toEqual({
      waiting: 2,
      active: 0,
      delayed: 0,
      waitingByPriority: { [jobPriority('contest')]: 1, [jobPriority('practice')]: 1 },
    });
    await queue.resume();
    expect(await queue.isPaused()).toBe(false);
    await jobs.whenStarted('b');
    jobs.finish('b');
    await jobs.whenStarted('c');
    jobs.finish('c');
    await finished.until(3);
    expect(jobs.started).toEqual(['a', 'b', 'c']);
    await queue.close();
  });

  it('is what createQueue gives without a Redis URL, one object for both sides', () => {
    const sides = createQueue({ concurrency: 2 });
    expect(sides.inProcess).toBe(true);
    expect(sides.queue).toBeInstanceOf(InProcessJudgeQueue);
    expect(sides.workerHost).toBe(sides.queue);
  });
});
