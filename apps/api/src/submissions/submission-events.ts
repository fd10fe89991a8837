import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { JudgeJobProgress, SubmissionEvent } from '@judge/contract';
import type { EventBus } from '@judge/queue';
import { EVENT_BUS } from '../tokens';

export interface SubmissionChange {
  id: string;
  contestId: string | null;
  assignmentId: string | null;
}

const JUDGED_TOPIC = 'submission-judged';
/** Not a submission id: the event of changes made by this process. */
const CHANGED = Symbol('changed');

interface JudgedMessage {
  id: string;
  origin: string;
}

/**
 * Live events of submissions. A submission's own stream events (status, each test, the result) are told to
 * the streams open in this process: every API process hears the queue's progress from the runners, and hears
 * on the bus that a result was stored (by whichever process stored it). Changes that scoreboards follow are told
 * to ContestEvents, which tells every process.
 */
@Injectable()
export class SubmissionEvents {
  private readonly emitter = new EventEmitter();
  /** This process, among those on the bus. */
  private readonly origin = randomUUID();

  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {
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

  /**
   * A submission was made or judged, by this process: what live scoreboards follow. ContestEvents counts the
   * change of its contest, then tells every process.
   */
  changed(submission: SubmissionChange): void {
    const { id, contestId, assignmentId } = submission;
    this.emitter.emit(CHANGED, { id, contestId, assignmentId } satisfies SubmissionChange);
  }

  /** Changes made by this process, as they are made. */
  onChanged(listener: (submission: SubmissionChange) => void): () => void {
    this.emitter.on(CHANGED, listener);
    return () => this.emitter.off(CHANGED, listener);
  }

  /**
   * A submission's result was stored (once, by one process), which has told its own streams: the other processes
   * tell theirs.
   */
  judged(submissionId: string): void {
    this.bus.publish(JUDGED_TOPIC, { id: submissionId, origin: this.origin } satisfies JudgedMessage);
  }

  /** Results stored by another process. */
  onJudgedElsewhere(listener: (submissionId: string) => void): () => void {
    return this.bus.subscribe(JUDGED_TOPIC, (message) => {
      const { id, origin } = message as JudgedMessage;
      if (origin !== this.origin && typeof id === 'string') listener(id);
    });
  }
}

export function statusOf(progress: JudgeJobProgress): 'compiling' | 'running' {
  return progress.type === 'compiling' ? 'compiling' : 'running';
}
