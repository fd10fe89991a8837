import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Observable } from 'rxjs';
import { type Caller } from '../auth/auth.decorators';
import { AppError } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ContestEvents } from './contest-events';
import { viewerOf } from './contests.service';
import type { ScoreboardViewer } from './scoreboard';
import { SharedScoreboards, type BoardUpdate } from './shared-scoreboards';

/** Seconds a client refused for want of room is told to wait (`Retry-After`) before trying again. */
export const STREAMS_FULL_RETRY_AFTER_S = 30;

/** The anonymous streams are all taken: a 503 whose `Retry-After` the controller sets. */
export class StreamsFullError extends AppError {
  constructor(max: number) {
    super(
      503,
      'STREAMS_FULL',
      `the ${max} live scoreboards open to visitors without an account are taken; try again shortly or sign in`,
    );
  }
}

/** An event of a live scoreboard: the whole board, or (to a stream that asked for them) what changed. */
export interface BoardEvent {
  type: 'scoreboard' | 'scoreboard-patch';
  data: string;
}

interface Stream {
  viewer: ScoreboardViewer;
  /** Whether the client applies `scoreboard-patch` events (ScoreboardPatch). */
  patches: boolean;
  /** The view and version of the board this stream last sent, which a patch must start from. */
  sent: { key: string; version: number } | null;
  send(event: BoardEvent): void;
}

interface ContestStreams {
  streams: Set<Stream>;
  /** One change at a time, in order: a slow read never overtakes a newer one. */
  queue: Promise<void>;
  stopListening(): void;
}

/**
 * Live scoreboards. On a change of a contest (coalesced: ContestEvents), this process asks for the boards of the
 * views its streams show (one unfrozen; staff, public and each participant's own while frozen: `boardKey`), which
 * are computed once for the deployment (SharedScoreboards), and sends each to every open stream of its view; a
 * stream opening between changes gets the boards already kept. Streams without an account are capped
 * (SCOREBOARD_ANONYMOUS_STREAMS), as each holds a connection: over the cap, a 503 with Retry-After.
 */
@Injectable()
export class ScoreboardStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Scoreboards');
  private readonly open = new Map<string, ContestStreams>();
  private anonymous = 0;

  constructor(
    private readonly boards: SharedScoreboards,
    private readonly events: ContestEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    for (const contest of this.open.values()) contest.stopListening();
    this.open.clear();
  }

  /** Streams open now: of one contest, or of every contest. */
  streamCount(contestId?: string): number {
    if (contestId) return this.open.get(contestId)?.streams.size ?? 0;
    return [...this.open.values()].reduce((n, c) => n + c.streams.size, 0);
  }

  /**
   * A stream of this caller's boards (`ScoreboardView` as JSON, serialized once for the whole deployment): the
   * current one at once, then one after every change; with `patches`, only what changed when it can (a
   * `scoreboard-patch`: ScoreboardPatch). The caller's right to see the board is checked before; the room for an
   * anonymous stream is taken here (StreamsFullError when none).
   */
  stream(contestId: string, caller: Caller | undefined, options: { patches?: boolean } = {}): Observable<BoardEvent> {
    const anonymous = caller === undefined;
    if (anonymous) {
      if (this.anonymous >= this.config.SCOREBOARD_ANONYMOUS_STREAMS) {
        throw new StreamsFullError(this.config.SCOREBOARD_ANONYMOUS_STREAMS);
      }
      // Taken now, not at subscription, so that simultaneous requests cannot all pass the check.
      this.anonymous++;
    }
    let released = false;
    const release = () => {
      if (anonymous && !released) this.anonymous--;
      released = true;
    };
    return new Observable<BoardEvent>((subscriber) => {
      if (released) {
        subscriber.complete();
        return;
      }
      const contest = this.contestStreams(contestId);
      const stream: Stream = {
        viewer: viewerOf(caller),
        patches: options.patches ?? false,
        sent: null,
        send: (event) => subscriber.next(event),
      };
      // Added first, then the first board queued: a change in between is not missed.
      contest.streams.add(stream);
      this.enqueue(contestId, contest, [stream]);
      return () => {
        release();
        contest.streams.delete(stream);
        if (contest.streams.size === 0 && this.open.get(contestId) === contest) {
          contest.stopListening();
          this.open.delete(contestId);
        }
      };
    });
  }

  /** Resolves once the boards queued for a contest's streams so far are sent (tests wait for it). */
  async idle(contestId: string): Promise<void> {
    await this.open.get(contestId)?.queue;
  }

  private contestStreams(contestId: string): ContestStreams {
    const existing = this.open.get(contestId);
    if (existing) return existing;
    const contest: ContestStreams = {
      streams: new Set(),
      queue: Promise.resolve(),
      stopListening: () => undefined,
    };
    contest.stopListening = this.events.onScoreboardChanged(contestId, () => this.enqueue(contestId, contest, null));
    this.open.set(contestId, contest);
    return contest;
  }

  /** Sends the current boards to these streams (null: every stream of the contest), after what is queued. */
  private enqueue(contestId: string, contest: ContestStreams, streams: Stream[] | null): void {
    contest.queue = contest.queue
      .then(async () => {
        const targets = streams ?? [...contest.streams];
        if (targets.length === 0) return;
        const updates = await this.boards.updates(
          contestId,
          targets.map((stream) => stream.viewer),
        );
        targets.forEach((stream, i) => {
          if (contest.streams.has(stream)) this.send(stream, updates[i]);
        });
      })
      .catch((error: unknown) => {
        this.logger.warn(`scoreboard of contest ${contestId} not sent: ${(error as Error).message}`);
      });
  }

  /** A board to a stream: nothing if it sent this one already; its patch if the stream asked for them and has its base. */
  private send(stream: Stream, update: BoardUpdate): void {
    const { sent, patches } = stream;
    if (sent?.key === update.key && sent.version === update.version) return;
    const patch = update.patch;
    const patchable = patches && patch !== null && sent?.key === update.key && sent.version === patch.from;
    stream.send(
      patchable ? { type: 'scoreboard-patch', data: patch.text } : { type: 'scoreboard', data: update.board },
    );
    stream.sent = { key: update.key, version: update.version };
  }
}
