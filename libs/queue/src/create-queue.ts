import { BullmqJudgeQueue, BullmqWorkerHost, type BullmqQueueOptions, type BullmqWorkerOptions } from './bullmq-queue';
import { InProcessJudgeQueue } from './in-process-queue';
import type { QueueErrorHandler } from './judge-events';
import type { JudgeQueue, JudgeWorkerHost } from './judge-queue';

export interface CreateQueueOptions
  extends Omit<BullmqQueueOptions, 'redisUrl'>, Omit<BullmqWorkerOptions, 'redisUrl'> {
  /** Unset: both sides in this process, no Redis. */
  redisUrl?: string;
  onError?: QueueErrorHandler;
}

export interface QueueSides {
  queue: JudgeQueue;
  /**
   * The consumer side. On BullMQ it connects only when started, so a producer that never starts it costs nothing;
   * in process it is the same object as `queue` and must be started for anything to be judged.
   */
  workerHost: JudgeWorkerHost;
  /** True when no Redis is used: the process that enqueues must also run the runner. */
  inProcess: boolean;
}

/** The queue driver for a configuration: BullMQ with a Redis URL, else the in-process driver. */
export function createQueue(options: CreateQueueOptions = {}): QueueSides {
  const { redisUrl } = options;
  if (redisUrl === undefined || redisUrl === '') {
    const local = new InProcessJudgeQueue({ concurrency: options.concurrency, onError: options.onError });
    return { queue: local, workerHost: local, inProcess: true };
  }
  return {
    queue: new BullmqJudgeQueue({ ...options, redisUrl }),
    workerHost: new BullmqWorkerHost({ ...options, redisUrl }),
    inProcess: false,
  };
}
