import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BullmqJudgeQueue,
  BullmqWorkerHost,
  InProcessJudgeQueue,
  jobPriority,
  type EnqueueOptions,
  type JudgeJobHandler,
  type JudgeQueue,
  type JudgeWorkerHost,
} from '@judge/queue';
import {
  acceptedResult,
  assertBuilt,
  deferred,
  dropQueue,
  judgePayload,
  REDIS_URL,
  uniquePrefix,
  within,
} from './support';

interface Sides {
  queue: JudgeQueue;
  workerHost: JudgeWorkerHost;
  close(): Promise<void>;
}

const prefix = uniquePrefix('priority');

/** Both drivers, each with one worker judging one job at a time. */
const drivers: [string, () => Sides][] = [
  [
    'in process',
    () => {
      const local = new InProcessJudgeQueue({ concurrency: 1 });
      return { queue: local, workerHost: local, close: () => local.close() };
    },
  ],
  [
    'BullMQ',
    () => {
      const queue = new BullmqJudgeQueue({ redisUrl: REDIS_URL, prefix });
      const workerHost = new BullmqWorkerHost({ redisUrl: REDIS_URL, prefix, concurrency: 1 });
      return {
        queue,
        workerHost,
        close: async () => {
          await workerHost.close();
          await queue.close();
        },
      };
    },
  ],
];

const contest: EnqueueOptions = { priority: jobPriority('contest') };
const practice: EnqueueOptions = { priority: jobPriority('practice') };
const rejudge: EnqueueOptions = { rejudge: true, priority: jobPriority('rejudge') };

describe.each(drivers)('judging priorities, %s', (_name, open) => {
  let sides: Sides | null = null;

  beforeAll(() => {
    assertBuilt('libs/contract', 'libs/queue');
  });

  afterEach(async () => {
    await sides?.close();
    sides = null;
    await dropQueue(prefix);
  });

  it('with the one worker busy, takes contest submissions first, then practice, rejudges last', async () => {
    sides = open();
    const { queue, workerHost } = sides;
    // Submission ids are UUIDs: the labels say what each job is.
    const labels = new Map<string, string>();
    const id = (label: string) => {
      const uuid = randomUUID();
      labels.set(uuid, label);
      return uuid;
    };
    const expected = ['busy', 'contest-1', 'contest-2', 'practice-2', 'rejudge-1', 'practice-1 rejudged'];
    const busy = id('busy');
    const started: string[] = [];
    const busyStarted = deferred();
    const releaseBusy = deferred();
    const allDone = deferred();
    const handler: JudgeJobHandler = async (p) => {
      started.push(labels.get(p.submissionId) ?? p.submissionId);
      if (p.submissionId === busy) {
        busyStarted.resolve();
        await releaseBusy.promise;
      }
      if (started.length === expected.length) allDone.resolve();
      return acceptedResult(p.submissionId);
    };
    await workerHost.start(handler);
    await queue.enqueue(judgePayload(busy), practice);
    await within(busyStarted.promise, 10_000, 'the worker to take the first job');

    // Enqueued while the worker is busy, in an order that is none of the classes'.
    const practice1 = id('practice-1');
    await queue.enqueue(judgePayload(practice1), practice);
    await queue.enqueue(judgePayload(id('rejudge-1')), rejudge);
    await queue.enqueue(judgePayload(id('contest-1')), contest);
    await queue.enqueue(judgePayload(id('practice-2')), practice);
    await queue.enqueue(judgePayload(id('contest-2')), contest);
    // A rejudge of a practice submission still waiting: it goes behind the other rejudge.
    await queue.enqueue({ ...judgePayload(practice1), attempt: 2 }, rejudge);
    labels.set(practice1, 'practice-1 rejudged');
    releaseBusy.resolve();

    await within(allDone.promise, 15_000, 'every job to be taken');
    expect(started).toEqual(expected);
  });
});
