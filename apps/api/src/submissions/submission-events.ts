import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { JudgeJobProgress, SubmissionEvent } from '@judge/contract';

export interface SubmissionChange {
  id: string;
  contestId: string | null;
  assignmentId: string | null;
}

// Not a uuid, so never a submission's own channel.
const CHANGED = 'changed';

/** Live events of submissions for server-sent event streams in this process. */
@Injectable()
export class SubmissionEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open stream.
    this.emitter.setMaxListeners(0);
  }

  emit(submissionId: string, event: SubmissionEvent): void {
    this.emitter.emit(submissionId, event);
  }

  subscribe(submissionId: string, listener: (event: SubmissionEvent) => void): () => void {
    this.emitter.on(submissionId, listener);
    return () => this.emitter.off(submissionId, listener);
  }

  /** Listeners of a submission's events, one per open stream: none once every stream has closed. */
  listenerCount(submissionId: string): number {
    return this.emitter.listenerCount(submissionId);
  }

  /** A submission was made or judged: what live scoreboards and grade views listen to. */
  changed(submission: SubmissionChange): void {
    this.emitter.emit(CHANGED, submission);
  }

  onChanged(listener: (submission: SubmissionChange) => void): () => void {
    this.emitter.on(CHANGED, listener);
    return () => this.emitter.off(CHANGED, listener);
  }
}

export function statusOf(progress: JudgeJobProgress): 'compiling' | 'running' {
  return progress.type === 'compiling' ? 'compiling' : 'running';
}
