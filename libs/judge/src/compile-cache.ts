import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SubmissionFile } from '@judge/contract';
import type { CompileLimits } from './limits';
import type { ResolvedLanguage } from './languages/language-registry';

/** Where compile results are kept and how much room they may take. */
export interface CompileCacheOptions {
  /** A folder of the judge's own (made 0700); nothing else should live in it. */
  dir: string;
  maxBytes: number;
}

/** A file the compile left in the box: the run step gets it back in a fresh box. */
export interface CachedFile {
  path: string;
  mode: number;
  data: Buffer;
}

/** A compile's outcome, as the sandbox gave it: success with its files, or a compile error with its message. */
export interface CachedCompile {
  ok: boolean;
  output: string;
  timeMs: number;
  files: CachedFile[];
}

/** Everything a compile's result depends on. */
export interface CompileKeyParts {
  /** The sandbox engine (its boxes may see different toolchains). */
  engine: string;
  language: ResolvedLanguage;
  /** The toolchain as this host has it: its version line and its tools' files (see LanguageRegistry.toolchainId). */
  toolchain: string;
  /** The program's files in the order they are written and named to the compiler. */
  files: readonly SubmissionFile[];
  sources: readonly string[];
  entry?: string;
  className?: string;
  extraArgs: readonly string[];
  limits: CompileLimits;
}

const FORMAT = 1;
const ENTRY = '.entry';
const TEMP = '.tmp';
const STALE_TEMP_MS = 60 * 60 * 1000;

/** Length-prefixed, so that no two different part lists encode alike. */
function field(hash: ReturnType<typeof createHash>, data: string | Buffer): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  hash.update(`${bytes.length}:`).update(bytes);
}

/** sha256 over a canonical encoding of the parts: sources differing by one byte, or by a name, never share a key. */
export function compileCacheKey(parts: CompileKeyParts): string {
  const { language } = parts;
  const hash = createHash('sha256');
  const sorted = (record: Record<string, string> | undefined) =>
    Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  field(
    hash,
    JSON.stringify([
      FORMAT,
      parts.engine,
      language.id,
      parts.toolchain,
      sorted(language.toolPaths),
      language.compile ?? null,
      language.compileEach ?? false,
      language.artifact ?? null,
      sorted(language.env),
      language.mounts ?? [],
      language.processes ?? null,
      parts.extraArgs,
      parts.sources,
      parts.entry ?? null,
      parts.className ?? null,
      parts.limits,
    ]),
  );
  field(hash, String(parts.files.length));
  for (const file of parts.files) {
    field(hash, file.name);
    field(hash, file.content);
  }
  return hash.digest('hex');
}

/**
 * Compile results on disk, keyed by compileCacheKey: one file per key, written whole (temporary file and rename),
 * readable by the judge alone, the least recently used removed past `maxBytes`. Nothing here runs or reads a box:
 * the engine hands over files it read from the box with the no-link helpers, and writes them back the same way.
 */
export class CompileCache {
  /** What happened since the engine started: for tests and operators. */
  readonly stats = { hits: 0, misses: 0, stores: 0, evictions: 0 };
  private ready: Promise<void> | null = null;

  constructor(readonly options: CompileCacheOptions) {}

  /** The largest entry worth keeping: a quarter of the room, so that one build cannot push out everything. */
  get maxEntryBytes(): number {
    return Math.floor(this.options.maxBytes / 4);
  }

  async get(key: string): Promise<CachedCompile | null> {
    await this.ensureDir();
    const path = this.entryPath(key);
    const data = await fs.readFile(path).catch(() => null);
    const entry = data && decodeEntry(data);
    if (!entry) {
      if (data) await fs.rm(path, { force: true });
      this.stats.misses++;
      return null;
    }
    // Recently used: eviction goes by modification time.
    const now = new Date();
    await fs.utimes(path, now, now).catch(() => undefined);
    this.stats.hits++;
    return entry;
  }

  async put(key: string, entry: CachedCompile): Promise<void> {
    const data = encodeEntry(entry);
    if (data.length > this.maxEntryBytes) return;
    await this.ensureDir();
    const temp = join(this.options.dir, `.${key}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP}`);
    try {
      await fs.writeFile(temp, data, { mode: 0o600, flag: 'wx' });
      await fs.rename(temp, this.entryPath(key));
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    this.stats.stores++;
    await this.evict();
  }

  /** Removes the least recently used entries until the rest fit in `maxBytes`. */
  async evict(): Promise<void> {
    const entries: { path: string; size: number; mtimeMs: number }[] = [];
    for (const name of await fs.readdir(this.options.dir)) {
      const path = join(this.options.dir, name);
      const stat = await fs.lstat(path).catch(() => null);
      if (!stat) continue;
      // A temporary file a crashed writer left: no writer takes an hour.
      if (name.endsWith(TEMP) && stat.mtimeMs < Date.now() - STALE_TEMP_MS) await fs.rm(path, { force: true });
      if (name.endsWith(ENTRY) && stat.isFile()) entries.push({ path, size: stat.size, mtimeMs: stat.mtimeMs });
    }
    let total = entries.reduce((n, e) => n + e.size, 0);
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const entry of entries) {
      if (total <= this.options.maxBytes) break;
      await fs.rm(entry.path, { force: true });
      total -= entry.size;
      this.stats.evictions++;
    }
  }

  private entryPath(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a compile cache key: ${key}`);
    return join(this.options.dir, `${key}${ENTRY}`);
  }

  /** The folder, private to the judge: 0700 even when it was there before, and a real folder, not a link. */
  private ensureDir(): Promise<void> {
    this.ready ??= (async () => {
      // The parent is the judge's cache folder, which box users must traverse to their validator builds: made
      // as the rest of the judge makes it, only the last folder private.
      await fs.mkdir(dirname(this.options.dir), { recursive: true });
      await fs.mkdir(this.options.dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      const stat = await fs.lstat(this.options.dir);
      if (!stat.isDirectory()) throw new Error(`compile cache ${this.options.dir} is not a folder`);
      await fs.chmod(this.options.dir, 0o700);
    })();
    this.ready.catch(() => (this.ready = null));
    return this.ready;
  }
}

interface EntryHeader {
  v: number;
  ok: boolean;
  output: string;
  timeMs: number;
  files: { path: string; mode: number; size: number }[];
}

/** A 4-byte header length, the JSON header, then each file's bytes in order. */
function encodeEntry(entry: CachedCompile): Buffer {
  const header: EntryHeader = {
    v: FORMAT,
    ok: entry.ok,
    output: entry.output,
    timeMs: entry.timeMs,
    files: entry.files.map((f) => ({ path: f.path, mode: f.mode, size: f.data.length })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, ...entry.files.map((f) => f.data)]);
}

/** The entry, or null when the file is not one this version wrote whole. */
function decodeEntry(data: Buffer): CachedCompile | null {
  try {
    const length = data.readUInt32BE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as EntryHeader;
    if (header.v !== FORMAT) return null;
    let offset = 4 + length;
    const files: CachedFile[] = [];
    for (const f of header.files) {
      if (offset + f.size > data.length) return null;
      files.push({ path: f.path, mode: f.mode, data: data.subarray(offset, offset + f.size) });
      offset += f.size;
    }
    if (offset !== data.length) return null;
    return { ok: header.ok, output: header.output, timeMs: header.timeMs, files };
  } catch {
    return null;
  }
}
