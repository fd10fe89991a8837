import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, startApi, type AppConfig, type RunningApi } from '@judge/api';
import { deferred, REDIS_URL, REPO, within } from '../queue/support';
import { apiClient, type ApiClient } from './support';

export { REDIS_URL, REPO };

const RUNNER_MAIN = join(REPO, 'apps', 'runner', 'dist', 'main.js');
const API_MAIN = join(REPO, 'apps', 'api', 'dist', 'main.js');

/**
 * Boxes of their own: a runner killed mid-job leaves its box behind until another runner reclaims it, and that
 * must never show up in the sandbox tests' checks of the default box root.
 */
export const RUNNER_BOX_ROOT = '/var/lib/judge/runner-test-boxes';

export interface RunnerProcessOptions {
  runnerId: string;
  apiUrl: string;
  runnerToken: string;
  queuePrefix: string;
  /** Holds this runner's validator builds and downloaded packages; must be searchable by box users (0755). */
  cacheRoot: string;
  /** The suite's Redis unless given. */
  redisUrl?: string;
}

/** A standalone runner as operators start it: `node apps/runner/dist/main.js`, configured by its environment. */
export interface RunnerProcess {
  readonly runnerId: string;
  /** What it printed on stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGTERM: it finishes its active job, then exits. */
  stop(): Promise<number | null>;
  /** SIGKILL: it dies mid-job, as a runner whose machine goes down. */
  kill(): Promise<void>;
}

export async function startRunnerProcess(options: RunnerProcessOptions): Promise<RunnerProcess> {
  if (!existsSync(RUNNER_MAIN)) throw new Error(`${RUNNER_MAIN} is missing: run npm run build before these tests`);
  const child: ChildProcess = spawn(process.execPath, [RUNNER_MAIN], {
    cwd: REPO,
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl ?? REDIS_URL,
      API_URL: options.apiUrl,
      RUNNER_TOKEN: options.runnerToken,
      RUNNER_ID: options.runnerId,
      RUNNER_CONCURRENCY: '1',
      JUDGE_QUEUE_PREFIX: options.queuePrefix,
      // A killed runner's job is taken again within a few seconds rather than the default minute.
      RUNNER_LOCK_DURATION_MS: '3000',
      RUNNER_STALLED_INTERVAL_MS: '1000',
      // Each runner its own caches, as on machines of their own: the package is downloaded from the API by each.
      JUDGE_CACHE_DIR: join(options.cacheRoot, options.runnerId, 'cache'),
      RUNNER_PACKAGE_CACHE: join(options.cacheRoot, options.runnerId, 'packages'),
      JUDGE_BOX_ROOT: RUNNER_BOX_ROOT,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = deferred();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('taking judge jobs')) started.resolve();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  void exited.then((code) => started.reject(new Error(`runner ${options.runnerId} exited (${code}):\n${output}`)));
  try {
    await within(started.promise, 60_000, `runner ${options.runnerId} to start`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    runnerId: options.runnerId,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return within(exited, 60_000, `runner ${options.runnerId} to stop`);
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** An API that can be stopped and started again on the same database, data folder and Redis prefix. */
export interface RestartableApi extends ApiClient {
  readonly config: AppConfig;
  /** The running instance; a new one after stop() and start(). */
  current(): RunningApi;
  url(): string;
  /** Closes the running instance: HTTP, queue connections, database pool. */
  stop(): Promise<void>;
  /** Starts a new instance with the same configuration (on a new port). */
  start(): Promise<void>;
}

export async function startRestartableApi(env: Record<string, string>): Promise<RestartableApi> {
  const config = loadConfig({ PORT: '0', IMPORT_EXAMPLES: 'false', ...env });
  let running: RunningApi | null = await startApi(config, { logLevels: ['error'] });
  const current = () => {
    if (!running) throw new Error('the API is stopped');
    return running;
  };
  return {
    config,
    current,
    url: () => current().url,
    ...apiClient(() => current().url),
    stop: async () => {
      const instance = running;
      running = null;
      await instance?.close();
    },
    start: async () => {
      if (running) throw new Error('the API is already running');
      running = await startApi(config, { logLevels: ['error'] });
    },
  };
}

/** The API as operators start it (`node apps/api/dist/main.js`, what `npm start` runs), in a process of its own. */
export interface ApiProcess extends ApiClient {
  readonly url: string;
  /** What it printed on stdout and stderr so far, interleaved. */
  output(): string;
  /** What it printed on stdout alone (its log, with LOG_FORMAT=json one object per line). */
  stdout(): string;
  /** SIGTERM: it closes its connections (and its embedded PostgreSQL), then exits. */
  stop(): Promise<number | null>;
  /** SIGKILL: it dies at once, as on a machine that goes down; whatever it started keeps running. */
  kill(): Promise<void>;
}

/**
 * Starts the API with `env` on a free port; the test process' DATABASE_URL, REDIS_URL and JUDGE_ADMIN_PASSWORD
 * are not passed on, so that an `env` without them means the embedded PostgreSQL and the in-process queue.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build before these tests`);
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JUDGE_ADMIN_PASSWORD']) delete inherited[name];
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO,
    env: { ...inherited, PORT: '0', IMPORT_EXAMPLES: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let url = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = deferred();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    const address = /listening on (http:\/\/\S+)/.exec(output);
    if (address) {
      url = address[1];
      started.resolve();
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    collect(chunk);
  });
  child.stderr?.on('data', collect);
  void exited.then((code) => started.reject(new Error(`the API exited (${code}):\n${output}`)));
  try {
    await within(started.promise, 180_000, 'the API to start');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    ...apiClient(() => url),
    output: () => output,
    stdout: () => stdout,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return within(exited, 60_000, 'the API to stop');
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
