import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sleep } from '../queue/support';
import {
  expectOneVerdictEach,
  submitBurst,
  untilAllDone,
  untilPartlyJudged,
  uploadHello,
  type Outcome,
} from './fault-support';
import { RUNNER_BOX_ROOT, startApiProcess, type ApiProcess } from './support-processes';

/**
 * Fault injection in the newcomer's mode (`npm start`: embedded PostgreSQL, the queue and the runner inside the
 * API): the API is killed with SIGKILL while it judges a burst of submissions, and started again on the same
 * data folder. Every submission ends with exactly one verdict.
 */
const SWEEP_SECONDS = 1;
let dataDir: string;
let workDir: string;
let api: ApiProcess | null = null;
let token: string;

function env(): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    SUBMISSIONS_PER_MINUTE: '1000',
    RUNNER_CONCURRENCY: '2',
    RECOVERY_SWEEP_SECONDS: String(SWEEP_SECONDS),
    // A killed judge leaves its boxes behind: not in the default box root the sandbox tests check.
    JUDGE_BOX_ROOT: RUNNER_BOX_ROOT,
    JUDGE_CACHE_DIR: join(workDir, 'cache'),
  };
}

function running(): ApiProcess {
  if (!api) throw new Error('the API is not running');
  return api;
}

/** The submissions as the API shows them to the admin. */
async function read(ids: string[]): Promise<Outcome[]> {
  return Promise.all(
    ids.map(async (id) => {
      const response = await running().call('GET', `/api/submissions/${id}`, { token });
      if (response.status !== 200) throw new Error(`GET /api/submissions/${id}: ${response.status}`);
      const { status, verdict, judgedAt } = (await response.json()) as Outcome;
      return { id, status, verdict, judgedAt };
    }),
  );
}

const logs = () => `--- api\n${api?.output().slice(-6000) ?? '(not running)'}`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'judge-faults-embedded-'));
  workDir = await mkdtemp(join(tmpdir(), 'judge-faults-embedded-work-'));
  // The embedded PostgreSQL runs as the `postgres` user when we are root, and box users read the cache.
  await chmod(dataDir, 0o755);
  await chmod(workDir, 0o755);
  api = await startApiProcess(env());
  token = await api.login('admin', 'admin-password');
});

afterAll(async () => {
  await api?.stop();
  // A PostgreSQL the killed API left running, if the restart did not take it over: ended here, not leaked.
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    try {
      process.kill(pid, 'SIGINT');
      while (existsSync(pidFile)) await sleep(100);
    } catch {
      // Not running.
    }
  }
  for (const dir of [dataDir, workDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('fault injection: the API in embedded mode', () => {
  it('killed with SIGKILL mid-judgement and started again: every submission gets one verdict', async () => {
    const problemId = await uploadHello(running(), token, workDir);
    const burst = await submitBurst(running(), token, problemId);
    await untilPartlyJudged(burst.ids, read, 3, logs);
    await running().kill();
    api = null;

    api = await startApiProcess(env());
    token = await api.login('admin', 'admin-password');
    const outcomes = await untilAllDone(burst.ids, read, logs);
    await expectOneVerdictEach(burst, outcomes, read, async () => {
      await sleep(4 * SWEEP_SECONDS * 1000);
    });
  });
});
