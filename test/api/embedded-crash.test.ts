import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REPO } from '../queue/support';
import { apiClient } from './support';

/**
 * `npm start` after a crash: the API as a process of its own (`node apps/api/dist/main.js`) in embedded mode,
 * killed with SIGKILL, which leaves its PostgreSQL running on the data folder, then started again there.
 */
const API_MAIN = join(REPO, 'apps', 'api', 'dist', 'main.js');
const ADMIN_PASSWORD = 'crash-admin-password';
const dirs: string[] = [];
const children: ChildProcess[] = [];

interface ApiProcess {
  url: string;
  child: ChildProcess;
  output(): string;
}

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'judge-embedded-crash-'));
  // The embedded PostgreSQL runs as the `postgres` user when we are root: it must reach the folder.
  await chmod(dir, 0o755);
  dirs.push(dir);
  return dir;
}

/** Starts the API process; resolves with its address once it listens, rejects with its output if it exits. */
function startApiProcess(dir: string): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run npm run build before these tests`);
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dir,
      IMPORT_EXAMPLES: 'false',
      JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start in 120 s:\n${output}`)), 120_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /judge API listening on (\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({ url: listening[1], child, output: () => output });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new ApiExited(code, output));
    });
  });
}

class ApiExited extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`the API exited (${code}):\n${output}`);
  }
}

async function signal(api: ApiProcess, name: NodeJS.Signals): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill(name);
  await exited;
}

/** The pid in the data folder's postmaster.pid if that process is alive, else null. */
async function runningPostgres(dir: string): Promise<number | null> {
  const file = join(dir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number((await readFile(file, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
});

afterAll(async () => {
  for (const dir of dirs) {
    // A server a failed test left behind.
    const pid = await runningPostgres(dir);
    if (pid) process.kill(pid, 'SIGQUIT');
    await rm(dir, { recursive: true, force: true });
  }
});

describe('embedded PostgreSQL after a crash of the API', () => {
  it('the API killed with SIGKILL starts again on the same data folder, with its data', async () => {
    const dir = await dataDir();
    const first = await startApiProcess(dir);
    const client = apiClient(() => first.url);
    const admin = await client.login('admin', ADMIN_PASSWORD);
    const created = await client.call('POST', '/api/users', {
      token: admin,
      json: { username: 'before-crash', password: 'before-crash-password', role: 'contestant' },
    });
    expect(created.status).toBe(201);

    await signal(first, 'SIGKILL');
    // The crash as users meet it: the API is gone, its PostgreSQL is not.
    expect(await runningPostgres(dir)).not.toBeNull();

    const second = await startApiProcess(dir);
    const again = apiClient(() => second.url);
    expect(await again.login('before-crash', 'before-crash-password')).toBeTruthy();
    await signal(second, 'SIGTERM');
    // Stopped with the API that started it: nothing left running on the folder.
    expect(await runningPostgres(dir)).toBeNull();
  });

  it('a postmaster.pid naming a live process that is not PostgreSQL does not stop the start', async () => {
    const dir = await dataDir();
    await signal(await startApiProcess(dir), 'SIGTERM');
    // The pid reused by another program after a reboot; as root, one of the postgres user, whom PostgreSQL's own
    // check of the lock file takes for a server of its own.
    const root = userInfo().uid === 0;
    const other = spawn('sleep', ['600'], root ? { uid: await idOf('-u'), gid: await idOf('-g') } : {});
    children.push(other);
    const pidFile = join(dir, 'postgres', 'postmaster.pid');
    await writeFile(pidFile, `${other.pid}\n${join(dir, 'postgres')}\n`);

    const api = await startApiProcess(dir);
    expect(await apiClient(() => api.url).login('admin', ADMIN_PASSWORD)).toBeTruthy();
  });

  it('a PostgreSQL that cannot start: the API exits saying why', async () => {
    const dir = await dataDir();
    await signal(await startApiProcess(dir), 'SIGTERM');
    await appendFile(join(dir, 'postgres', 'postgresql.conf'), '\nshared_buffers = lots\n');

    const error = await startApiProcess(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiExited);
    expect((error as ApiExited).code).toBe(1);
    expect((error as ApiExited).output).toContain('shared_buffers');
  });
});

async function idOf(flag: '-u' | '-g'): Promise<number> {
  const child = spawn('id', [flag, 'postgres']);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return Number(out.trim());
}
