export type {
  CompletedHandler,
  EnqueueOptions,
  FailedHandler,
  JudgeJobHandler,
  JudgeJobState,
  JudgeQueue,
  JudgeQueueCounts,
  JudgeWorkerHost,
  ProgressHandler,
  ReportProgress,
} from './judge-queue';
export type { QueueErrorHandler } from './judge-events';
export { InProcessJudgeQueue, type InProcessQueueOptions } from './in-process-queue';
export {
  BullmqJudgeQueue,
  BullmqWorkerHost,
  judgeJobOptions,
  type BullmqConnectionOptions,
  type BullmqQueueOptions,
  type BullmqWorkerOptions,
} from './bullmq-queue';
export { createQueue, type CreateQueueOptions, type QueueSides } from './create-queue';
export {
  ALL_JOB_PRIORITIES,
  DEFAULT_JOB_PRIORITY,
  jobPriority,
  PRIORITY_CLASSES,
  priorityClassOf,
  priorityClassOfNumber,
  RUN_PRIORITIES,
  type PriorityClass,
  type PrioritySubject,
  type RunPriority,
} from './job-priority';
export {
  createEventBus,
  LocalEventBus,
  RedisEventBus,
  type BusListener,
  type EventBus,
  type RedisEventBusOptions,
} from './event-bus';
