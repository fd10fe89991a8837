import type { JudgeJobProgress, JudgeJobResult } from '@judge/contract';
import type { CompletedHandler, FailedHandler, ProgressHandler } from './judge-queue';

/** Reports errors that have no caller to go back to (a broken event handler, a lost connection). */
export type QueueErrorHandler = (error: Error) => void;

export const reportToStderr: QueueErrorHandler = (error) => {
  process.stderr.write(`judge queue: ${error.stack ?? error.message}\n`);
};

/**
 * The producer's event handlers, shared by both drivers. A throwing handler is reported and does not stop the
 * others, nor the queue that delivered the event.
 */
export class JudgeEventHandlers {
  private readonly progress: ProgressHandler[] = [];
  private readonly completed: CompletedHandler[] = [];
  private readonly failed: FailedHandler[] = [];

  constructor(private readonly onError: QueueErrorHandler) {}

  get count(): number {
    return this.progress.length + this.completed.length + this.failed.length;
  }

  addProgress(handler: ProgressHandler): void {
    this.progress.push(handler);
  }

  addCompleted(handler: CompletedHandler): void {
    this.completed.push(handler);
  }

  addFailed(handler: FailedHandler): void {
    this.failed.push(handler);
  }

  emitProgress(submissionId: string, progress: JudgeJobProgress): void {
    for (const handler of this.progress) this.call(() => handler(submissionId, progress));
  }

  emitCompleted(result: JudgeJobResult): void {
    for (const handler of this.completed) this.call(() => handler(result));
  }

  emitFailed(submissionId: string, error: string): void {
    for (const handler of this.failed) this.call(() => handler(submissionId, error));
  }

  private call(deliver: () => unknown): void {
    try {
      // Whatever a handler returns: TypeScript lets a function that returns something else pass for a void one.
      Promise.resolve(deliver()).catch((error: unknown) => this.onError(asError(error)));
    } catch (error) {
      this.onError(asError(error));
    }
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
