import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { diffScoreboards, type ScoreboardView } from '@judge/contract';
import type { EventBus } from '@judge/queue';
import { Metrics } from '../metrics/metrics';
import { BOARD_CACHE, EVENT_BUS } from '../tokens';
import type { BoardCache, BoardEntry, BoardMeta, KeptPatch } from './board-cache';
import { ContestsService } from './contests.service';
import {
  computeScoreboard,
  freezesAt,
  isFrozen,
  ownBoardKeys,
  viewerKey,
  type ScoreboardData,
  type ScoreboardViewer,
} from './scoreboard';

const BOARDS_KEPT_TOPIC = 'scoreboard-kept';
/** Contests whose last data and shared views one process remembers, to compute own views and patches from. */
const CONTESTS_REMEMBERED = 20;
/** The views computed with every change (`viewerKey`): unfrozen, everyone's; frozen, staff's and the public one. */
const SHARED_KEYS = ['all', 'staff', 'public'];
/** The key of a board computed while the cache is away: never patched. */
const UNCACHED = 'uncached';

/** A viewer's board as kept: its view, the version it shows, and the patch to it from the version before. */
export interface BoardUpdate {
  key: string;
  version: number;
  board: string;
  patch: KeptPatch | null;
}
/** How long a process may compute a contest's boards before another may take over (it died, say). */
const COMPUTE_LOCK_MS = 15_000;
/** A process waiting for another's boards looks again after this long, should the word that they are kept be lost. */
const RECHECK_MS = 1_000;

/**
 * Scoreboards computed once per change of a contest for the whole deployment, and kept (BoardCache: Redis with
 * REDIS_URL) for every API process to send. A process that needs boards newer than those kept takes the contest's
 * lock, reads the contest once and computes the shared views (everyone's; or, frozen, staff's and the public
 * one); the others wait for word that they are kept. A participant's own view while frozen is computed the first
 * time someone asks for it, by the process asked, and kept beside the others. Nothing is computed while nobody
 * looks: the live streams and the scoreboard route ask.
 */
@Injectable()
export class SharedScoreboards implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Scoreboards');
  /** Since start, in this process: contests read for boards, and boards computed (tests read them). */
  readonly counts = { reads: 0, boards: 0 };
  /** Processes waiting for a contest's boards, woken when another process has kept them. */
  private readonly waiters = new Map<string, Set<() => void>>();
  /** The shared views this process last computed per contest, to patch from without reading them back. */
  private readonly lastShared = new LRUCache<string, { version: number; views: Map<string, ScoreboardView> }>({
    max: CONTESTS_REMEMBERED,
  });
  /** The data this process last read per contest, for the own views of its version. */
  private readonly lastRead = new LRUCache<string, { version: number; data: Promise<ScoreboardData> }>({
    max: CONTESTS_REMEMBERED,
  });
  private stopListening: () => void = () => undefined;
  /** Boards computed without the cache so far. */
  private uncached = 0;

  constructor(
    private readonly contests: ContestsService,
    @Inject(BOARD_CACHE) private readonly cache: BoardCache,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.bus.subscribe(BOARDS_KEPT_TOPIC, (contestId) => {
      if (typeof contestId !== 'string') return;
      const waiting = this.waiters.get(contestId);
      this.waiters.delete(contestId);
      for (const wake of waiting ?? []) wake();
    });
  }

  onModuleDestroy(): void {
    this.stopListening();
    for (const waiting of this.waiters.values()) for (const wake of waiting) wake();
    this.waiters.clear();
  }

  /** One viewer's board (ScoreboardView as JSON), as of the contest's latest change. */
  async board(contestId: string, viewer: ScoreboardViewer): Promise<string> {
    return (await this.updates(contestId, [viewer]))[0].board;
  }

  /**
   * These viewers' boards as of the contest's latest change: one string per view, with the view's key and version
   * and, for a shared view, the patch from the version kept before (what a live stream that sent that one sends).
   */
  async updates(contestId: string, viewers: readonly ScoreboardViewer[]): Promise<BoardUpdate[]> {
    const accounts = [...new Set(viewers.flatMap((v) => (v.userId !== null && !v.staff ? [v.userId] : [])))];
    try {
      // The changes made before this call: boards that show them all will do, even if more came since (under a
      // stream of changes, waiting for boards showing every one would never end).
      let needed: number | null = null;
      for (;;) {
        const now = new Date();
        // The shared views first: whether they are kept and up to date, and which view each viewer gets.
        const entry = await this.cache.read(contestId, accounts, SHARED_KEYS);
        needed ??= entry.changes;
        if (upToDate(entry, needed, now))
          return await this.views(contestId, viewers, this.keysOf(viewers, accounts, entry, now), entry);
        if (await this.cache.claim(contestId, COMPUTE_LOCK_MS)) {
          try {
            // Another process may have kept them between the read and the claim.
            const again = await this.cache.read(contestId, [], SHARED_KEYS);
            if (!upToDate(again, needed, now)) await this.compute(contestId, again, now);
          } finally {
            await this.cache.release(contestId);
          }
          this.bus.publish(BOARDS_KEPT_TOPIC, contestId);
          continue;
        }
        await this.keptElsewhere(contestId);
      }
    } catch (error) {
      // The cache is away (Redis down): each process computes for itself meanwhile rather than show nothing.
      this.logger.warn(`scoreboards of contest ${contestId} computed without the cache: ${(error as Error).message}`);
      const data = await this.read(contestId);
      const now = new Date();
      // A version of its own (negative: never a kept one's), so that a stream sends each such board.
      const version = -++this.uncached;
      return viewers.map((viewer) => ({
        key: UNCACHED,
        version,
        board: JSON.stringify(this.compute1(data, viewer, now)),
        patch: null,
      }));
    }
  }

  /**
   * Reads the contest and keeps its shared views as of the changes counted before the read, each with its patch
   * from the view kept before (`previous`).
   */
  private async compute(contestId: string, previous: BoardEntry, now: Date): Promise<void> {
    const version = previous.changes;
    const data = this.read(contestId);
    this.lastRead.set(contestId, { version, data });
    const read = await data;
    const frozen = isFrozen(read.contest, now);
    const shared: ScoreboardViewer[] = frozen
      ? [
          { userId: null, staff: true },
          { userId: null, staff: false },
        ]
      : [{ userId: null, staff: false }];
    const views = new Map(
      shared.map((viewer) => [viewerKey(viewer, frozen, new Map()), this.compute1(read, viewer, now)]),
    );
    const before = this.lastShared.get(contestId);
    const patches: Record<string, KeptPatch> = {};
    if (previous.version !== null) {
      for (const [key, view] of views) {
        const i = SHARED_KEYS.indexOf(key);
        const kept = previous.boards[i];
        const old =
          before?.version === previous.version && before.views.has(key)
            ? before.views.get(key)
            : kept === null
              ? undefined
              : (JSON.parse(kept) as ScoreboardView);
        const patch = old ? diffScoreboards(old, view) : null;
        if (patch) patches[key] = { from: previous.version, text: JSON.stringify(patch) };
      }
    }
    this.lastShared.set(contestId, { version, views });
    const meta: BoardMeta = {
      frozen,
      freezesAt: freezesAt(read.contest)?.getTime() ?? null,
      unfrozen: read.contest.unfrozen,
    };
    const boards = Object.fromEntries([...views].map(([key, view]) => [key, JSON.stringify(view)]));
    await this.cache.write(contestId, { version, meta, boards, patches, own: ownBoardKeys(read, now) });
  }

  private read(contestId: string): Promise<ScoreboardData> {
    this.counts.reads++;
    this.metrics.scoreboardRead();
    return this.contests.scoreboardData(contestId);
  }

  private compute1(data: ScoreboardData, viewer: ScoreboardViewer, now: Date): ScoreboardView {
    this.counts.boards++;
    this.metrics.scoreboardComputed();
    return computeScoreboard({ ...data, viewer, now });
  }

  private keysOf(viewers: readonly ScoreboardViewer[], accounts: string[], entry: BoardEntry, now: Date): string[] {
    const own = new Map<string, string>();
    accounts.forEach((account, i) => {
      const key = entry.own[i];
      if (key !== null) own.set(account, key);
    });
    const frozen = frozenAt(entry.meta!, now);
    return viewers.map((viewer) => viewerKey(viewer, frozen, own));
  }

  /**
   * The kept views of these keys: the shared ones from `entry` (read with them), a participant's own in one more
   * read, and computed and kept now if not kept yet.
   */
  private async views(
    contestId: string,
    viewers: readonly ScoreboardViewer[],
    keys: string[],
    entry: BoardEntry,
  ): Promise<BoardUpdate[]> {
    const own = [...new Set(keys.filter((key) => !SHARED_KEYS.includes(key)))];
    // Of the version read now: newer than the one the keys were found in, if another process kept one since.
    const ownKept = own.length > 0 ? await this.cache.read(contestId, [], own) : null;
    const byKey = new Map<string, BoardUpdate>();
    SHARED_KEYS.forEach((key, i) => {
      const board = entry.boards[i];
      if (board !== null) byKey.set(key, { key, version: entry.version!, board, patch: entry.patches[i] });
    });
    for (const [i, key] of own.entries()) {
      const version = ownKept!.version!;
      let board = ownKept!.boards[i];
      if (board === null) {
        const viewer = viewers[keys.indexOf(key)];
        board = JSON.stringify(this.compute1(await this.dataOf(contestId, version), viewer, new Date()));
        await this.cache.add(contestId, version, key, board);
      }
      byKey.set(key, { key, version, board, patch: ownKept!.patches[i] });
    }
    return keys.map((key) => byKey.get(key)!);
  }

  /** The contest's data as of this version: read once per version by this process, for the views it computes. */
  private dataOf(contestId: string, version: number): Promise<ScoreboardData> {
    const last = this.lastRead.get(contestId);
    if (last && last.version >= version) return last.data;
    const data = this.read(contestId);
    this.lastRead.set(contestId, { version, data });
    // A failed read is not kept for the next asker.
    data.catch(() => this.lastRead.delete(contestId));
    return data;
  }

  /** Resolves when another process says it has kept the contest's boards, or after RECHECK_MS. */
  private keptElsewhere(contestId: string): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.waiters.get(contestId) ?? new Set();
      this.waiters.set(contestId, waiting);
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, RECHECK_MS);
      waiting.add(wake);
    });
  }
}

/** Kept boards serve until a change after them, and until the freeze (or unfreeze) they did not know of. */
function upToDate(entry: BoardEntry, needed: number, now: Date): boolean {
  return (
    entry.version !== null &&
    entry.meta !== null &&
    entry.version >= needed &&
    frozenAt(entry.meta, now) === entry.meta.frozen
  );
}

function frozenAt(meta: BoardMeta, now: Date): boolean {
  return meta.freezesAt !== null && !meta.unfrozen && now.getTime() >= meta.freezesAt;
}
