import { DEFAULT_JOB_PRIORITY, type EnqueueOptions, type JudgeQueue } from '@judge/queue';
import type { JudgeJobPayload } from '@judge/contract';
import type { Metrics } from './metrics';

/**
 * The API's judge queue, telling the metrics when this process enqueues a job and when a runner first reports
 * on one (judge_queue_wait_seconds), so that no service has to. Every process hears every job's progress, but
 * only the one that enqueued a job knows when: each wait is measured once.
 */
export function measuredQueue(queue: JudgeQueue, metrics: Metrics): JudgeQueue {
  queue.onProgress((id) => metrics.taken(id));
  queue.onCompleted((result) => metrics.finished(result.submissionId));
  queue.onFailed((id) => metrics.finished(id));
  // A Proxy would hide the methods from TypeScript; the interface is short enough to spell out.
  return {
    enqueue: async (payload: JudgeJobPayload, options?: EnqueueOptions) => {
      // Before: an in-process runner may report on the job before enqueue() resolves.
      metrics.enqueued(payload.submissionId, options?.priority ?? DEFAULT_JOB_PRIORITY);
      try {
        await queue.enqueue(payload, options);
      } catch (error) {
        metrics.finished(payload.submissionId);
        throw error;
      }
    },
    jobState: (id) => queue.jobState(id),
    onProgress: (handler) => queue.onProgress(handler),
    onCompleted: (handler) => queue.onCompleted(handler),
    onFailed: (handler) => queue.onFailed(handler),
    listening: () => queue.listening(),
    isReady: () => queue.isReady(),
    pause: () => queue.pause(),
    resume: () => queue.resume(),
    isPaused: () => queue.isPaused(),
    counts: () => queue.counts(),
    close: () => queue.close(),
  };
}
