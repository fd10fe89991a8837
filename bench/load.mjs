// Load: BENCH_LOAD_COUNT (1,000) submissions, a mix of AC, WA, TLE and CE in C, C++ and Python (the programs of
// test/fixtures/load-problem/submissions/, by verdict folder), sent as fast as the API takes them, judged by two
// runner processes (concurrency 1 each, the namespace engine) through BullMQ on Redis, with the API's embedded
// PostgreSQL. It checks that every submission is judged, none lost, none judged twice, each with its expected
// verdict, and prints:
//  - throughput: submissions judged per second, from the first submission sent to the last verdict stored;
//  - queue wait: from sending a submission to a runner taking its job (BullMQ's processedOn), p50 and p99;
//  - submit to verdict: from sending it to its verdict stored (the submission's judged_at), p50 and p99;
//  - judging on a runner: from a runner taking the job to its result (the runner's log), p50 and p99;
//  - the load per submission on PostgreSQL (transactions and rows written, from pg_stat_database) and on Redis
//    (commands processed, from INFO stats; the Redis must be the bench's alone while it runs), for docs/scaling.md.
// Judged once: each runner logs one line per finished judgement (`submission <id>: <verdict> in <n> ms`); every
// submission must have exactly one such line over both runners, and its BullMQ job must have been started once.
// BENCH_LOAD_APIS=2 sends through two API processes' worth of Nest apps (in this process), on one database and
// one Redis, each submission to the next in turn, and each runner fetches packages through another one: what a
// deployment of several API processes does (docs/scaling.md). Packages are then kept in PostgreSQL.
// One user (the admin) sends everything: SUBMISSIONS_PER_MINUTE is lifted to 1,000,000 for the bench, the
// setting a contest would never use. BENCH_LOAD_SENDERS (16) requests are in flight at once.
// Run as root after `npm run build`: `npm run bench:load` (REDIS_URL, default redis://127.0.0.1:6379).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { loadConfig, startApi } = require('../apps/api/dist/index.js');
const { Queue } = require('bullmq');
const { Client } = require('pg');
const { Redis } = require('ioredis');
const { QUEUE_NAMES } = require('../libs/contract/dist/index.js');

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'load-problem');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const COUNT = Number(process.env.BENCH_LOAD_COUNT ?? 1000);
const SENDERS = Number(process.env.BENCH_LOAD_SENDERS ?? 16);
const APIS = Number(process.env.BENCH_LOAD_APIS ?? 1);
const TIMEOUT_MS = Number(process.env.BENCH_LOAD_TIMEOUT_S ?? 3600) * 1000;
const RUNNER_TOKEN = 'bench-runner-token-0123456789';
const ADMIN_PASSWORD = 'bench-admin-password';
const LANGUAGES = { c: 'c', cpp: 'cpp', py: 'python' };
const VERDICTS = { accepted: 'AC', wrong_answer: 'WA', time_limit_exceeded: 'TLE', compile_error: 'CE' };
const JUDGED_LINE = /submission (\S+): (\w+)(?: \([^)]*\))? in (\d+) ms/g;

// Everything the benchmark makes lives here: box users reach the validator cache, the embedded PostgreSQL
// (run as the `postgres` user when we are root) reaches its data folder.
const work = mkdtempSync(join(tmpdir(), 'judge-bench-load-'));
chmodSync(work, 0o755);

/** Every program of the fixture, with the verdict its folder names. */
function programs() {
  const all = [];
  for (const [folder, expected] of Object.entries(VERDICTS)) {
    const dir = join(FIXTURE, 'submissions', folder);
    for (const name of readdirSync(dir).sort()) {
      const language = LANGUAGES[name.slice(name.lastIndexOf('.') + 1)];
      all.push({ label: `${folder}/${name}`, language, source: readFileSync(join(dir, name), 'utf8'), expected });
    }
  }
  return all;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (x) => `${(x / 1000).toFixed(2).padStart(7)} s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A standalone runner process, started as operators start it; resolves once it takes jobs. */
function startRunnerProcess(runnerId, apiUrl, prefix) {
  const child = spawn(process.execPath, [join(REPO, 'apps', 'runner', 'dist', 'main.js')], {
    cwd: REPO,
    env: {
      ...process.env,
      REDIS_URL,
      API_URL: apiUrl,
      RUNNER_TOKEN,
      RUNNER_ID: runnerId,
      RUNNER_CONCURRENCY: '1',
      JUDGE_QUEUE_PREFIX: prefix,
      JUDGE_CACHE_DIR: join(work, `${runnerId}-cache`),
      RUNNER_PACKAGE_CACHE: join(work, `${runnerId}-packages`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const runner = { child, runnerId, output: () => output };
  return new Promise((resolve, reject) => {
    // A runner waits for an unreachable Redis forever: give up rather than hang the benchmark.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runner ${runnerId} did not start in 60 s:\n${output}`));
    }, 60_000);
    const collect = (chunk) => {
      output += chunk.toString();
      if (output.includes('taking judge jobs')) {
        clearTimeout(timer);
        resolve(runner);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runner ${runnerId} exited (${code}):\n${output}`));
    });
  });
}

async function stopRunner({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function call(api, token, method, path, init = {}) {
  return fetch(`${api.url}${path}`, {
    method,
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
}

/** Sends every submission, SENDERS at a time, each as soon as the API answered the previous one. */
async function sendAll(apis, token, problemId, burst) {
  const sent = new Array(burst.length);
  let next = 0;
  const sender = async () => {
    while (next < burst.length) {
      const i = next++;
      const p = burst[i];
      const at = Date.now();
      const response = await call(apis[i % apis.length], token, 'POST', '/api/submissions', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ problemId, language: p.language, source: p.source }),
      });
      if (response.status !== 201) throw new Error(`submission ${i}: ${response.status} ${await response.text()}`);
      sent[i] = { ...p, id: (await response.json()).id, sentAt: at };
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  return sent;
}

/** Polls the database until every submission is done (or the deadline passes), then reads them all. */
async function untilAllDone(url, ids) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    let lastReport = Date.now();
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS done FROM submissions WHERE id = ANY($1::uuid[]) AND status = 'done'`,
        [ids],
      );
      const done = rows[0].done;
      if (done === ids.length || Date.now() > deadline) break;
      if (Date.now() - lastReport > 30_000) {
        console.log(`  ... ${done} of ${ids.length} judged`);
        lastReport = Date.now();
      }
      await sleep(250);
    }
    const { rows } = await client.query(
      'SELECT id, status, verdict, judged_by, judged_at FROM submissions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  } finally {
    await client.end();
  }
}

/** Transactions committed and rows written in the database so far (pg_stat_database, the statistics collector's). */
async function databaseStats(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // The collector's counters lag a little: what it has gathered so far, made current.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query(
      `SELECT xact_commit::bigint AS commits, (tup_inserted + tup_updated + tup_deleted)::bigint AS written
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { commits: Number(rows[0].commits), written: Number(rows[0].written) };
  } finally {
    await client.end();
  }
}

/** Commands the Redis server has processed since it started. */
async function redisCommands() {
  const redis = new Redis(REDIS_URL);
  try {
    return Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))[1]);
  } finally {
    redis.disconnect();
  }
}

const mix = programs();
const burst = Array.from({ length: COUNT }, (_, i) => mix[i % mix.length]);
const prefix = `judge-bench-load-${process.pid}-${Date.now()}`;
const runners = [];
const apis = [];
let failures = 0;
try {
  console.log(
    `${COUNT} submissions (${mix.map((p) => p.label).join(', ')} in turn), ${SENDERS} requests in flight;` +
      ' two runner processes (concurrency 1 each) on BullMQ, embedded PostgreSQL,' +
      ` ${APIS === 1 ? 'one API' : `${APIS} APIs taking turns`}.`,
  );
  console.log(`machine: ${cpus().length} CPUs, Node.js ${process.version}\n`);

  const zip = join(work, 'load-problem.zip');
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, 'problem.yaml', 'data'], { cwd: FIXTURE });
  const settings = {
    PORT: '0',
    JUDGE_CACHE_DIR: join(work, 'api-cache'),
    REDIS_URL,
    JUDGE_QUEUE_PREFIX: prefix,
    JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RUNNER_TOKEN,
    IMPORT_EXAMPLES: 'false',
    // The benchmark is one user sending far more than a contestant may.
    SUBMISSIONS_PER_MINUTE: '1000000',
    ...(APIS > 1 ? { FILE_STORE: 'postgres', JWT_SECRET: 'bench-load-jwt-secret-0123456789' } : {}),
  };
  apis.push(await startApi(loadConfig({ ...settings, DATA_DIR: join(work, 'data') }), { logLevels: ['error'] }));
  const api = apis[0];
  // The others on the first one's PostgreSQL, each with a data folder of its own.
  for (let i = 1; i < APIS; i++) {
    const config = loadConfig({
      ...settings,
      DATA_DIR: join(work, `data-${i}`),
      DATABASE_URL: api.database.embedded.url,
    });
    apis.push(await startApi(config, { logLevels: ['error'] }));
  }
  const login = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { accessToken: token } = await login.json();
  const form = new FormData();
  form.append('package', new Blob([readFileSync(zip)]), 'load-problem.zip');
  const created = await call(api, token, 'POST', '/api/problems', { body: form });
  if (created.status !== 201) throw new Error(`problem upload: ${created.status} ${await created.text()}`);
  const { id: problemId } = await created.json();
  // Each one kept as soon as it is up, so that a failure of the other still stops it.
  await Promise.all(
    ['bench-load-runner-1', 'bench-load-runner-2'].map(async (id, i) =>
      runners.push(await startRunnerProcess(id, apis[(i + 1) % apis.length].url, prefix)),
    ),
  );

  const dbBefore = await databaseStats(api.database.embedded.url);
  const redisBefore = await redisCommands();
  const start = Date.now();
  const sent = await sendAll(apis, token, problemId, burst);
  const sentSeconds = (Date.now() - start) / 1000;
  console.log(`sent ${COUNT} in ${sentSeconds.toFixed(1)} s: ${(COUNT / sentSeconds).toFixed(1)} submissions/s taken`);
  const ids = sent.map((s) => s.id);
  const stored = await untilAllDone(api.database.embedded.url, ids);
  // A runner's last log lines may still be in its pipe; PostgreSQL's sessions report their counts within a second.
  await sleep(2000);
  const dbAfter = await databaseStats(api.database.embedded.url);
  const redisAfter = await redisCommands();

  // Verdicts: none lost, each the one its program's folder names.
  const lost = sent.filter((s) => stored.get(s.id)?.status !== 'done');
  const wrong = sent.filter((s) => stored.get(s.id)?.status === 'done' && stored.get(s.id).verdict !== s.expected);
  // Judged once: one finished judgement per submission over both runners' logs, and one start of its job.
  const judged = new Map();
  const judgeMs = [];
  for (const r of runners) {
    for (const [, id, , took] of r.output().matchAll(JUDGED_LINE)) {
      judged.set(id, (judged.get(id) ?? 0) + 1);
      judgeMs.push(Number(took));
    }
  }
  const notOnce = ids.filter((id) => judged.get(id) !== 1);
  const queue = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
  const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
  await queue.close();
  const restarted = jobs.filter((job) => job && job.attemptsStarted !== 1);
  const missingJobs = jobs.filter((job) => !job).length;

  const done = sent.filter((s) => stored.get(s.id)?.status === 'done');
  const lastVerdict = Math.max(...done.map((s) => stored.get(s.id).judged_at.getTime()));
  const waits = sent.flatMap((s, i) => (jobs[i]?.processedOn ? [jobs[i].processedOn - s.sentAt] : []));
  const totals = done.map((s) => stored.get(s.id).judged_at.getTime() - s.sentAt);
  const byRunner = new Map();
  for (const s of done) byRunner.set(stored.get(s.id).judged_by, (byRunner.get(stored.get(s.id).judged_by) ?? 0) + 1);

  console.log(`judged ${done.length} of ${COUNT} in ${((lastVerdict - start) / 1000).toFixed(1)} s`);
  console.log(`  throughput:         ${(done.length / ((lastVerdict - start) / 1000)).toFixed(2)} submissions/s`);
  console.log(`  queue wait:         p50 ${fmt(percentile(waits, 50))}   p99 ${fmt(percentile(waits, 99))}`);
  console.log(`  submit to verdict:  p50 ${fmt(percentile(totals, 50))}   p99 ${fmt(percentile(totals, 99))}`);
  console.log(`  judging on a runner: p50 ${fmt(percentile(judgeMs, 50))}   p99 ${fmt(percentile(judgeMs, 99))}`);
  const per = (before, after) => ((after - before) / COUNT).toFixed(1);
  console.log(
    `  PostgreSQL per submission: ${per(dbBefore.commits, dbAfter.commits)} transactions, ` +
      `${per(dbBefore.written, dbAfter.written)} rows written (inserted, updated, deleted)`,
  );
  console.log(
    `  Redis per submission: ${per(redisBefore, redisAfter)} commands (the queue, its events, the event bus)`,
  );
  console.log(`  by runner:          ${[...byRunner].map(([r, n]) => `${r} ${n}`).join(', ')}`);
  console.log(`  lost (not done):    ${lost.length}`);
  console.log(
    `  unexpected verdict: ${wrong.length}${
      wrong.length
        ? ` (${wrong
            .slice(0, 5)
            .map((s) => `${s.label} got ${stored.get(s.id).verdict}`)
            .join(', ')})`
        : ''
    }`,
  );
  console.log(`  not judged exactly once (runner logs): ${notOnce.length}`);
  console.log(
    `  jobs started more than once: ${restarted.length}${missingJobs ? ` (${missingJobs} jobs no longer in Redis)` : ''}`,
  );
  failures = lost.length + wrong.length + notOnce.length + restarted.length;
  console.log(failures === 0 ? '\nall judged, none lost, none judged twice' : '\nFAILED: see the counts above');
} finally {
  await Promise.all(runners.map(stopRunner));
  // The first last: it holds the embedded PostgreSQL.
  for (const api of [...apis].reverse()) await api.close();
  const queue = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
  await queue.obliterate({ force: true }).finally(() => queue.close());
  rmSync(work, { recursive: true, force: true });
}
// Handles of the closed API (Redis reconnect timers, the embedded PostgreSQL's child) must not keep us alive.
process.exit(failures === 0 ? 0 : 1);
