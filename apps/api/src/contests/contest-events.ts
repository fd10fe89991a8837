import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { EventBus } from '@judge/queue';
import { SubmissionEvents } from '../submissions/submission-events';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BOARD_CACHE, EVENT_BUS } from '../tokens';
import type { BoardCache } from './board-cache';

const CONTEST_CHANGED_TOPIC = 'contest-changed';

/**
 * Tells live scoreboards of a contest that it changed: its submissions were made or judged, or it was unfrozen,
 * its teams changed. The process that makes a change counts it in the board cache (so that boards kept from
 * before it are known to be stale), then tells every process over the bus; each coalesces them for its own
 * scoreboards.
 */
@Injectable()
export class ContestEvents implements OnModuleInit, OnModuleDestroy {
  private readonly emitter = new EventEmitter();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly stopListening: (() => void)[] = [];
  /** Changes made here being counted, not yet told, by contest. */
  private readonly counting = new Map<string, number>();
  private readonly logger = new Logger('ContestEvents');

  constructor(
    private readonly submissions: SubmissionEvents,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(BOARD_CACHE) private readonly boards: BoardCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // One listener per contest whose scoreboard is watched (ScoreboardStreams).
    this.emitter.setMaxListeners(0);
  }

  onModuleInit(): void {
    this.stopListening.push(
      this.submissions.onChanged((change) => {
        if (change.contestId) this.scoreboardChanged(change.contestId);
      }),
      this.bus.subscribe(CONTEST_CHANGED_TOPIC, (contestId) => {
        if (typeof contestId === 'string') this.changedHere(contestId);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.stopListening.splice(0)) stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The contest changed (in this process): counted, then every process's scoreboards are told. */
  scoreboardChanged(contestId: string): void {
    this.counting.set(contestId, (this.counting.get(contestId) ?? 0) + 1);
    this.boards
      .changed(contestId)
      .catch((error: unknown) =>
        this.logger.warn(`change of contest ${contestId} not counted: ${(error as Error).message}`),
      )
      .finally(() => {
        const left = (this.counting.get(contestId) ?? 1) - 1;
        if (left > 0) this.counting.set(contestId, left);
        else this.counting.delete(contestId);
        this.bus.publish(CONTEST_CHANGED_TOPIC, contestId);
      });
  }

  /** Coalesced: the first change of a burst starts a short timer; the rest ride along. */
  private changedHere(contestId: string): void {
    if (this.timers.has(contestId)) return;
    this.timers.set(
      contestId,
      setTimeout(() => {
        this.timers.delete(contestId);
        this.emitter.emit(contestId);
      }, this.config.SCOREBOARD_UPDATE_MS),
    );
  }

  /** A change of this contest is waiting for its burst to end (tests wait for it to be told). */
  changePending(contestId: string): boolean {
    return this.counting.has(contestId) || this.timers.has(contestId);
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
