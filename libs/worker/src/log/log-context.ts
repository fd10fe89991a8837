import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The fields that tie a log line to what it is about, carried by AsyncLocalStorage so that code deep in a request
 * or a job logs them without passing them along: the HTTP request being handled, the submission or run being
 * judged (its queue job), the runner judging it, the user who asked.
 */
export interface LogFields {
  requestId?: string;
  submissionId?: string;
  runId?: string;
  jobId?: string;
  runnerId?: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<LogFields>();

/** Runs `work` with these fields added to those of the caller's context (for every line logged inside it). */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/**
 * Runs `work` in a context of these fields alone: a unit of work of its own (a judge job, a queue event), which
 * may be started from another's context (the in-process queue starts the next job when one ends) and must not
 * take that one's request or user.
 */
export function withOwnLogFields<T>(fields: LogFields, work: () => T): T {
  return storage.run({ ...fields }, work);
}

/** The fields of the current context (a copy; empty outside any). */
export function currentLogFields(): LogFields {
  return { ...storage.getStore() };
}

/**
 * Adds a field to the current context, for the rest of it: the user of a request is known only once it is
 * authenticated. Does nothing outside a context.
 */
export function addLogField<K extends keyof LogFields>(key: K, value: LogFields[K]): void {
  const store = storage.getStore();
  if (store) store[key] = value;
}
