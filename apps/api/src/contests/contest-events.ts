import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { SubmissionEvents } from '../submissions/submission-events';

/** A burst of changes (a rejudge, many verdicts at once) makes one scoreboard update per this many ms. */
export const SCOREBOARD_COALESCE_MS = 200;

/** Tells live scoreboards of a contest that it changed: its submissions were made or judged, or it was unfrozen. */
@Injectable()
export class ContestEvents implements OnModuleInit, OnModuleDestroy {
  private readonly emitter = new EventEmitter();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopListening: (() => void) | null = null;

  constructor(private readonly submissions: SubmissionEvents) {
    // One listener per contest whose scoreboard is watched (ScoreboardStreams).
    this.emitter.setMaxListeners(0);
  }

  onModuleInit(): void {
    this.stopListening = this.submissions.onChanged((change) => {
      if (change.contestId) this.scoreboardChanged(change.contestId);
    });
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Coalesced: the first change of a burst starts a short timer; the rest ride along. */
  scoreboardChanged(contestId: string): void {
    if (this.timers.has(contestId)) return;
    this.timers.set(
      contestId,
      setTimeout(() => {
        this.timers.delete(contestId);
        this.emitter.emit(contestId);
      }, SCOREBOARD_COALESCE_MS),
    );
  }

  /** A change of this contest is waiting for its burst to end (tests wait for it to be told). */
  changePending(contestId: string): boolean {
    return this.timers.has(contestId);
  }

  onScoreboardChanged(contestId: string, listener: () => void): () => void {
    this.emitter.on(contestId, listener);
    return () => this.emitter.off(contestId, listener);
  }

  /** Listeners of a contest's changes: one while its scoreboard has open streams, none once every one has closed. */
  listenerCount(contestId: string): number {
    return this.emitter.listenerCount(contestId);
  }
}
