import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Where the scoreboards of a contest are kept once computed, for every API process of a deployment to send: one
 * entry per contest holding the count of its changes so far, and the boards computed after the latest change
 * someone asked for (by view: `boardKey`), with what says which view each viewer gets (BoardMeta). Changes are
 * counted where they are made, so that whoever reads an entry knows whether its boards are up to date.
 */
export interface BoardCache {
  /** The contest changed: counted before the change is told to anyone (ContestEvents). */
  changed(contestId: string): Promise<void>;
  /** The count of changes and, if boards were kept, their version, meta, the given viewers' keys and the given views. */
  read(contestId: string, viewers: readonly string[], keys: readonly string[]): Promise<BoardEntry>;
  /** Takes the right to compute the contest's boards for `ttlMs` (false while another process holds it). */
  claim(contestId: string, ttlMs: number): Promise<boolean>;
  release(contestId: string): Promise<void>;
  /** Keeps the boards of `version` in place of older ones (a newer version kept meanwhile wins). */
  write(contestId: string, boards: KeptBoards): Promise<void>;
  /** Adds a view to those of `version`, unless a newer version replaced them meanwhile. */
  add(contestId: string, version: number, key: string, board: string): Promise<void>;
  close(): Promise<void>;
}

/** When a kept board goes stale without a change: the freeze. */
export interface BoardMeta {
  /** Whether the boards were computed frozen; whether the contest is frozen now follows from the two below. */
  frozen: boolean;
  freezesAt: number | null;
  unfrozen: boolean;
}

export interface KeptBoards {
  /** The count of changes read before the contest's data: the boards show every change up to it. */
  version: number;
  meta: BoardMeta;
  /** Boards (ScoreboardView as JSON) by view. */
  boards: Record<string, string>;
  /** By view: what changed since the version kept before (a ScoreboardPatch as JSON), where a view was kept then. */
  patches: Record<string, KeptPatch>;
  /** Accounts with a view of their own while frozen (`ownBoardKeys`), with its key. */
  own: Map<string, string>;
}

export interface KeptPatch {
  /** The version the patch applies to. */
  from: number;
  text: string;
}

export interface BoardEntry {
  changes: number;
  version: number | null;
  meta: BoardMeta | null;
  /** By viewer asked for: their own view's key, or null for the public one. */
  own: (string | null)[];
  /** By view asked for: its board, or null if it is not kept. */
  boards: (string | null)[];
  /** By view asked for: the patch from the version before, if one is kept. */
  patches: (KeptPatch | null)[];
}

/** Kept entries of contests nobody changes nor reads go away after this long. */
const ENTRY_TTL_MS = 7 * 24 * 3600_000;

/** Contests whose boards one process keeps at most. */
const LOCAL_CONTESTS_KEPT = 100;

/** One process: a map. */
export class LocalBoardCache implements BoardCache {
  /** Past contests' boards go as new ones are watched: a missing entry is only stale. */
  private readonly entries = new LRUCache<
    string,
    { changes: number; version: number | null; meta: BoardMeta | null; fields: Map<string, string> }
  >({ max: LOCAL_CONTESTS_KEPT });
  private readonly locks = new Map<string, number>();

  private entry(contestId: string) {
    let entry = this.entries.get(contestId);
    if (!entry) {
      entry = { changes: 0, version: null, meta: null, fields: new Map() };
      this.entries.set(contestId, entry);
    }
    return entry;
  }

  changed(contestId: string): Promise<void> {
    this.entry(contestId).changes++;
    return Promise.resolve();
  }

  read(contestId: string, viewers: readonly string[], keys: readonly string[]): Promise<BoardEntry> {
    const { changes, version, meta, fields } = this.entry(contestId);
    return Promise.resolve({
      changes,
      version,
      meta,
      own: viewers.map((v) => fields.get(`own:${v}`) ?? null),
      boards: keys.map((k) => fields.get(`view:${k}`) ?? null),
      patches: keys.map((k) => patchOf(fields.get(`patchFrom:${k}`) ?? null, fields.get(`patch:${k}`) ?? null)),
    });
  }

  claim(contestId: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    if ((this.locks.get(contestId) ?? 0) > now) return Promise.resolve(false);
    this.locks.set(contestId, now + ttlMs);
    return Promise.resolve(true);
  }

  release(contestId: string): Promise<void> {
    this.locks.delete(contestId);
    return Promise.resolve();
  }

  write(contestId: string, kept: KeptBoards): Promise<void> {
    const entry = this.entry(contestId);
    if (entry.version !== null && entry.version > kept.version) return Promise.resolve();
    entry.version = kept.version;
    entry.meta = kept.meta;
    entry.fields = new Map(boardFields(kept));
    return Promise.resolve();
  }

  add(contestId: string, version: number, key: string, board: string): Promise<void> {
    const entry = this.entry(contestId);
    if (entry.version === version) entry.fields.set(`view:${key}`, board);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }
}

/** The fields of kept boards besides version and meta: `view:<key>`, `patch:<key>`, `patchFrom:<key>`, `own:<account>`. */
function boardFields(kept: KeptBoards): [string, string][] {
  return [
    ...Object.entries(kept.boards).map(([key, board]): [string, string] => [`view:${key}`, board]),
    ...Object.entries(kept.patches).flatMap(([key, patch]): [string, string][] => [
      [`patch:${key}`, patch.text],
      [`patchFrom:${key}`, String(patch.from)],
    ]),
    ...[...kept.own].map(([account, key]): [string, string] => [`own:${account}`, key]),
  ];
}

function patchOf(from: string | null, text: string | null): KeptPatch | null {
  return from === null || text === null ? null : { from: Number(from), text };
}

/** Replaces the entry's boards unless it holds a newer version; keeps its count of changes. */
const WRITE_SCRIPT = `
local kept = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if kept > tonumber(ARGV[1]) then return 0 end
local changes = redis.call('HGET', KEYS[1], 'changes')
redis.call('DEL', KEYS[1])
if changes then redis.call('HSET', KEYS[1], 'changes', changes) end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'meta', ARGV[2])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/** Adds a field to the boards of one version only. */
const ADD_SCRIPT = `
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
return 1`;

/** Lets go of a lock only if it is still this holder's. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Every API process of a deployment: a Redis hash per contest (`<prefix>:board:<id>`), with the count of changes
 * in it so that both expire together, and a lock key beside it (`…:lock`) held by the process computing.
 */
export class RedisBoardCache implements BoardCache {
  /** This process, as a lock's holder. */
  private readonly holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(contestId: string): string {
    return `${this.prefix}:board:${contestId}`;
  }

  async changed(contestId: string): Promise<void> {
    await this.redis
      .multi()
      .hincrby(this.key(contestId), 'changes', 1)
      .pexpire(this.key(contestId), ENTRY_TTL_MS)
      .exec();
  }

  async read(contestId: string, viewers: readonly string[], keys: readonly string[]): Promise<BoardEntry> {
    const fields = [
      'changes',
      'version',
      'meta',
      ...viewers.map((v) => `own:${v}`),
      ...keys.flatMap((k) => [`view:${k}`, `patchFrom:${k}`, `patch:${k}`]),
    ];
    const values = await this.redis.hmget(this.key(contestId), ...fields);
    const [changes, version, meta] = values;
    const views = values.slice(3 + viewers.length);
    return {
      changes: Number(changes ?? 0),
      version: version === null ? null : Number(version),
      meta: meta === null ? null : (JSON.parse(meta) as BoardMeta),
      own: values.slice(3, 3 + viewers.length),
      boards: keys.map((_, i) => views[3 * i]),
      patches: keys.map((_, i) => patchOf(views[3 * i + 1], views[3 * i + 2])),
    };
  }

  async claim(contestId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.key(contestId)}:lock`, this.holder, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async release(contestId: string): Promise<void> {
    await this.redis.eval(RELEASE_SCRIPT, 1, `${this.key(contestId)}:lock`, this.holder);
  }

  async write(contestId: string, kept: KeptBoards): Promise<void> {
    await this.redis.eval(
      WRITE_SCRIPT,
      1,
      this.key(contestId),
      kept.version,
      JSON.stringify(kept.meta),
      ENTRY_TTL_MS,
      ...boardFields(kept).flat(),
    );
  }

  async add(contestId: string, version: number, key: string, board: string): Promise<void> {
    await this.redis.eval(ADD_SCRIPT, 1, this.key(contestId), version, `view:${key}`, board);
  }

  close(): Promise<void> {
    // The client is the caller's (create-app.ts), shared with the login throttles.
    return Promise.resolve();
  }
}
