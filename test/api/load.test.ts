import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '@judge/contract';
import { dropQueue, sleep, uniquePrefix } from '../queue/support';
import { createTestDatabase, type TestDatabase } from './support';
import {
  REDIS_URL,
  REPO,
  startRestartableApi,
  startRunnerProcess,
  type RestartableApi,
  type RunnerProcess,
} from './support-processes';

const execFileAsync = promisify(execFile);

/**
 * The load bench (bench/load.mjs) in small: a burst of submissions of every verdict in three languages, sent as
 * fast as the API takes them, judged by two runner processes through BullMQ on the real sandbox. Every one must
 * end with its expected verdict, none may be lost, and none judged twice. No timing is asserted here; the bench
 * measures it.
 */
const FIXTURE = join(REPO, 'test', 'fixtures', 'load-problem');
const COUNT = 60;
const RUNNER_TOKEN = 'load-test-runner-token';
const LANGUAGES: Record<string, string> = { c: 'c', cpp: 'cpp', py: 'python' };
const VERDICTS: Record<string, string> = {
  accepted: 'AC',
  wrong_answer: 'WA',
  time_limit_exceeded: 'TLE',
  compile_error: 'CE',
};
/** One line per finished judgement on a runner's log (libs/worker/src/judge-job.ts). */
const JUDGED_LINE = /submission (\S+): (\w+)(?: \([^)]*\))? in \d+ ms/g;

interface Program {
  language: string;
  source: string;
  expected: string;
}

const prefix = uniquePrefix('load');
let database: TestDatabase;
let work: string;
let api: RestartableApi;
let admin: string;
let problemId: string;
const runners: RunnerProcess[] = [];

/** Every program of the fixture, each with the verdict its folder names. */
async function programs(): Promise<Program[]> {
  const all: Program[] = [];
  for (const [folder, expected] of Object.entries(VERDICTS)) {
    const dir = join(FIXTURE, 'submissions', folder);
    for (const name of (await readdir(dir)).sort()) {
      const language = LANGUAGES[name.slice(name.lastIndexOf('.') + 1)];
      if (!language) throw new Error(`${folder}/${name}: no language for its extension`);
      all.push({ language, source: await readFile(join(dir, name), 'utf8'), expected });
    }
  }
  return all;
}

/** Polls the database until every submission is done; the deadline only turns a hang into a failure. */
async function untilAllDone(ids: string[], timeoutMs: number): Promise<Map<string, { verdict: string | null }>> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ id: string; status: string; verdict: string | null }>(
        'SELECT id, status, verdict FROM submissions WHERE id = ANY($1::uuid[])',
        [ids],
      );
      const done = rows.filter((r) => r.status === 'done');
      if (done.length === ids.length) return new Map(done.map((r) => [r.id, { verdict: r.verdict }]));
      if (Date.now() > deadline) {
        const logs = runners.map((r) => `--- ${r.runnerId}\n${r.output()}`).join('\n');
        throw new Error(`${ids.length - done.length} of ${ids.length} submissions are not done\n${logs}`);
      }
      await sleep(500);
    }
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  work = await mkdtemp(join(tmpdir(), 'judge-load-'));
  // Validator builds are mounted into boxes: box users must be able to reach the runners' caches.
  await chmod(work, 0o755);
  api = await startRestartableApi({
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: database.url,
    REDIS_URL,
    JUDGE_QUEUE_PREFIX: prefix,
    RUNNER_TOKEN,
    JWT_SECRET: 'load-test-jwt-secret-0123456789',
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    // One user sends the whole burst: the per-user limit is lifted by its setting, as the bench does.
    SUBMISSIONS_PER_MINUTE: '100000',
  });
  admin = await api.login('admin', 'admin-password');
  const zip = join(work, 'load-problem.zip');
  // The package only: the submissions beside it are what we send.
  await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, 'problem.yaml', 'data'], { cwd: FIXTURE });
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(await readFile(zip))]), 'load-problem.zip');
  const created = await api.call('POST', '/api/problems', { token: admin, body: form });
  expect(created.status).toBe(201);
  problemId = ((await created.json()) as { id: string }).id;
  for (const runnerId of ['load-runner-a', 'load-runner-b']) {
    runners.push(
      await startRunnerProcess({
        runnerId,
        apiUrl: api.url(),
        runnerToken: RUNNER_TOKEN,
        queuePrefix: prefix,
        cacheRoot: work,
      }),
    );
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(runners.splice(0).map((r) => r.kill()));
  await api?.stop();
  await dropQueue(prefix);
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('load: a burst of mixed submissions on two runners', () => {
  it(
    'judges every submission exactly once, with its expected verdict, and loses none',
    async () => {
      const mix = await programs();
      expect(new Set(mix.map((p) => p.language)).size).toBe(3);
      const burst = Array.from({ length: COUNT }, (_, i) => mix[i % mix.length]);

      const responses = await Promise.all(
        burst.map((p) =>
          api.call('POST', '/api/submissions', {
            token: admin,
            json: { problemId, language: p.language, source: p.source },
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(burst.map(() => 201));
      const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
      expect(new Set(ids).size).toBe(COUNT);

      const stored = await untilAllDone(ids, 20 * 60_000);
      // None lost: every accepted submission has its verdict, the one its program's folder names.
      expect(ids.map((id) => stored.get(id)?.verdict)).toEqual(burst.map((p) => p.expected));

      // None judged twice: the runners' logs hold one finished judgement per submission, with the stored verdict,
      await sleep(200); // a runner's last log line may still be in its pipe
      const judged = new Map<string, string[]>();
      for (const r of runners) {
        for (const [, id, verdict] of r.output().matchAll(JUDGED_LINE))
          judged.set(id, [...(judged.get(id) ?? []), verdict]);
      }
      expect(ids.filter((id) => judged.get(id)?.length !== 1)).toEqual([]);
      expect(ids.map((id) => judged.get(id)![0])).toEqual(burst.map((p) => p.expected));
      // and each job was taken by a runner once: no retry, no stalled job taken again.
      const queue = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
      try {
        const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
        expect(jobs.map((job) => job?.attemptsStarted)).toEqual(ids.map(() => 1));
      } finally {
        await queue.close();
      }
      // Both runners took part.
      expect(runners.every((r) => r.output().match(JUDGED_LINE) !== null)).toBe(true);
    },
    25 * 60_000,
  );
});
