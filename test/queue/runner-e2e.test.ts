import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import type { JudgeJobPayload, JudgeJobProgress, JudgeJobResult } from '@judge/contract';
import { BullmqJudgeQueue } from '@judge/queue';
import { assertBuilt, deferred, dropQueue, REDIS_URL, REPO, uniquePrefix, within } from './support';

const HELLO = join(REPO, 'examples', 'problems', 'hello');
const TOKEN = 'runner-e2e-token';

/**
 * A standalone runner as operators start it (`node apps/runner/dist/main.js`), judging on the real sandbox:
 * jobs from Redis, the package downloaded from a stand-in for the API's package route.
 */
describe('standalone runner on Redis and the real sandbox', () => {
  const prefix = uniquePrefix('runner');
  let temp: string;
  let zipPath: string;
  let packageHash: string;
  let api: Server;
  let apiUrl: string;
  const downloads: string[] = [];
  const heartbeats: string[] = [];
  let queue: BullmqJudgeQueue;
  let runner: ChildProcess;
  let runnerOutput = '';
  const results = new Map<string, ReturnType<typeof deferred<JudgeJobResult>>>();
  const progress = new Map<string, JudgeJobProgress[]>();

  function resultOf(submissionId: string) {
    if (!results.has(submissionId)) results.set(submissionId, deferred<JudgeJobResult>());
    return results.get(submissionId)!.promise;
  }

  async function submit(folder: string, file: string, language: string): Promise<JudgeJobPayload> {
    const payload: JudgeJobPayload = {
      submissionId: randomUUID(),
      packageHash,
      language,
      fileName: file,
      source: await readFile(join(HELLO, 'submissions', folder, file), 'utf8'),
    };
    await queue.enqueue(payload);
    return payload;
  }

  beforeAll(async () => {
    assertBuilt(
      'libs/contract',
      'libs/queue',
      'libs/judge',
      'libs/sandbox',
      'libs/problem-package',
      'libs/worker',
      'apps/runner',
    );
    temp = await mkdtemp(join(tmpdir(), 'runner-e2e-'));
    // Validator builds are mounted into boxes: the cache must be reachable by box users.
    await chmod(temp, 0o755);
    zipPath = join(temp, 'hello.zip');
    await zipFolder(HELLO, zipPath);
    packageHash = createHash('sha256')
      .update(await readFile(zipPath))
      .digest('hex');

    api = createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      // The runner tells the API it is alive (PUT /api/runner/heartbeat) beside its downloads.
      if (req.method === 'PUT' && req.url === '/api/runner/heartbeat') {
        heartbeats.push(req.url);
        return void res.writeHead(204).end();
      }
      downloads.push(req.url ?? '');
      if (req.url !== `/api/runner/packages/${packageHash}`) return void res.writeHead(404).end();
      void readFile(zipPath).then((data) => res.writeHead(200, { 'content-length': data.length }).end(data));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

    queue = new BullmqJudgeQueue({ redisUrl: REDIS_URL, prefix });
    queue.onProgress((id, p) => progress.set(id, [...(progress.get(id) ?? []), p]));
    queue.onCompleted((r) => {
      if (!results.has(r.submissionId)) results.set(r.submissionId, deferred<JudgeJobResult>());
      results.get(r.submissionId)!.resolve(r);
    });

    runner = spawn(process.execPath, [join(REPO, 'apps', 'runner', 'dist', 'main.js')], {
      cwd: REPO,
      env: {
        ...process.env,
        REDIS_URL,
        API_URL: apiUrl,
        RUNNER_TOKEN: TOKEN,
        RUNNER_ID: 'e2e-runner',
        RUNNER_CONCURRENCY: '2',
        JUDGE_QUEUE_PREFIX: prefix,
        JUDGE_CACHE_DIR: join(temp, 'cache'),
        // Boxes of its own: whatever a killed runner leaves behind never shows up in the sandbox tests' checks.
        JUDGE_BOX_ROOT: '/var/lib/judge/runner-test-boxes',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = deferred();
    const collect = (chunk: Buffer) => {
      runnerOutput += chunk.toString();
      if (runnerOutput.includes('taking judge jobs')) started.resolve();
    };
    runner.stdout?.on('data', collect);
    runner.stderr?.on('data', collect);
    runner.on('exit', (code) => started.reject(new Error(`the runner exited (${code}):\n${runnerOutput}`)));
    await within(started.promise, 60_000, 'the runner to start');
  });

  afterAll(async () => {
    if (runner && runner.exitCode === null) runner.kill('SIGKILL');
    await queue?.close();
    await new Promise((resolve) => (api ? api.close(resolve) : resolve(undefined)));
    await dropQueue(prefix);
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('judges submissions with the verdicts of their folders, with progress, downloading the package once', async () => {
    const accepted = await submit('accepted', 'sum.py', 'python');
    const wrong = await submit('wrong_answer', readdirFirst(await listFolder('wrong_answer'), '.py'), 'python');
    const compileError = await submit('compile_error', 'missing_semicolon.c', 'c');
    const unknownLanguage = await submit('accepted', 'sum.py', 'cobol');

    const verdicts = await within(
      Promise.all([accepted, wrong, compileError, unknownLanguage].map((p) => settle(queue, p.submissionId, resultOf))),
      120_000,
      'four judgements',
    );
    expect(verdicts.map((r) => r.result.verdict)).toEqual(['AC', 'WA', 'CE', 'CE']);
    expect(verdicts.every((r) => r.runnerId === 'e2e-runner')).toBe(true);
    expect(verdicts[3].result.compileOutput).toMatch(/unknown language "cobol"/);

    // The producer has listened since before the runner started, so it heard every step.
    const acceptedProgress = progress.get(accepted.submissionId) ?? [];
    const total = verdicts[0].result.tests.length;
    expect(total).toBeGreaterThan(0);
    expect(acceptedProgress).toEqual([
      { type: 'compiling' },
      { type: 'running', total },
      ...verdicts[0].result.tests.map((result, index) => ({ type: 'test', index, total, result })),
    ]);
    // One download for four jobs; the package is on disk under its hash.
    expect(downloads).toEqual([`/api/runner/packages/${packageHash}`]);
    // It announced itself when it started.
    expect(heartbeats.length).toBeGreaterThan(0);
    expect((await stat(join(temp, 'cache', 'packages', `${packageHash}.zip`))).isFile()).toBe(true);
  });

  it('stops on SIGTERM after the active job, and exits cleanly', async () => {
    const slow = await submit(
      'time_limit_exceeded',
      readdirFirst(await listFolder('time_limit_exceeded'), '.py'),
      'python',
    );
    // Wait until the runner has the job, then ask it to stop: it must finish the judgement first.
    await within(
      (async () => {
        while ((await queue.jobState(slow.submissionId)).state !== 'active')
          await new Promise((r) => setTimeout(r, 50));
      })(),
      30_000,
      'the runner to take the job',
    );
    const exited = new Promise<number | null>((resolve) => runner.once('exit', resolve));
    runner.kill('SIGTERM');
    expect(await within(exited, 60_000, 'the runner to exit')).toBe(0);
    const state = await queue.jobState(slow.submissionId);
    expect(state).toMatchObject({ state: 'completed', result: { result: { verdict: 'TLE' } } });
    expect(runnerOutput).toMatch(/SIGTERM, finishing the active jobs/);
    expect(runnerOutput).toMatch(/stopped/);
  });
});

/** The result from the completion event, or from the job's state should the event be missed. */
async function settle(
  queue: BullmqJudgeQueue,
  submissionId: string,
  resultOf: (id: string) => Promise<JudgeJobResult>,
): Promise<JudgeJobResult> {
  const fromEvent = resultOf(submissionId);
  for (;;) {
    const state = await queue.jobState(submissionId);
    if (state.state === 'completed') return state.result;
    if (state.state === 'failed') throw new Error(`job ${submissionId} failed: ${state.error}`);
    const done = await Promise.race([fromEvent, new Promise<null>((r) => setTimeout(() => r(null), 500))]);
    if (done) return done;
  }
}

async function listFolder(folder: string): Promise<string[]> {
  return readdir(join(HELLO, 'submissions', folder));
}

function readdirFirst(names: string[], extension: string): string {
  const found = names.sort().find((n) => n.endsWith(extension));
  if (!found) throw new Error(`no ${extension} file`);
  return found;
}

async function zipFolder(folder: string, zipPath: string): Promise<void> {
  const zip = new ZipFile();
  const add = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await add(path);
      else zip.addFile(path, relative(folder, path));
    }
  };
  await add(folder);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
}
