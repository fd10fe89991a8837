// Measures the Piston-compatible face (a benchmark, not a test: it prints figures). A Python "hello" goes through
// POST /api/v2/execute with an API token of the `runs` scope, as a Piston client sends it, in two setups:
//  - embedded mode (no DATABASE_URL, no REDIS_URL): embedded PostgreSQL and the API's in-process runner;
//  - BullMQ on the local Redis with two runner processes (`node apps/runner/dist/main.js`, concurrency 1 each).
// Each setup gets warm-ups, a burst of BENCH_BURST requests sent at once (runs per second), then BENCH_SEQUENTIAL
// one at a time (latency with nothing else queued: the figure for the p50 target). Latency runs from sending the
// request to receiving Piston's answer; "runner" is the time the runner logged for the run (`run <id>: OK in n ms`),
// the rest is the API's (HTTP, database writes, the queue hop, the wait).
// Run as root after `npm run build`: `npm run bench:execute` (REDIS_URL, default redis://127.0.0.1:6379).
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRunnerProcess, stopRunner } from './support/runner-process.mjs';

const require = createRequire(import.meta.url);
const { loadConfig, startApi } = require('../apps/api/dist/index.js');
const { Queue } = require('bullmq');
const { QUEUE_NAMES } = require('../libs/contract/dist/index.js');

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BURST = Number(process.env.BENCH_BURST ?? 20);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 50);
const WARMUP = 3;
const TARGET_P50_MS = 150;
const RUNNER_TOKEN = 'bench-runner-token-0123456789';
const ADMIN_PASSWORD = 'bench-admin-password';
const REQUEST = { language: 'python', version: '*', files: [{ content: 'print("hello")\n' }] };

// Everything the benchmark makes lives here (the embedded PostgreSQL, run as `postgres` when we are root, reaches
// its data folder).
const work = mkdtempSync(join(tmpdir(), 'judge-bench-execute-'));
chmodSync(work, 0o755);

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (x) => `${x.toFixed(0).padStart(5)} ms`;

/**
 * How long each run took on its runner, by run id: runners log `run <id>: OK in <n> ms`. The in-process runner
 * writes those lines on our stdout: they are taken out of it. Runner processes write them on their own.
 */
const runnerMs = new Map();
const RUN_LINE = /run (\S+): \w+ in (\d+) ms/;
function recordRun(line) {
  const m = RUN_LINE.exec(line);
  if (m) runnerMs.set(m[1], Number(m[2]));
  return m !== null;
}
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => (recordRun(String(chunk)) ? true : stdoutWrite(chunk, ...rest));

/** An API started in this process, with an API token of the `runs` scope. */
async function startBenchApi(label, env) {
  const dataDir = join(work, `${label}-data`);
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    JUDGE_CACHE_DIR: join(work, `${label}-cache`),
    JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RUNNER_TOKEN,
    IMPORT_EXAMPLES: 'false',
    // One client sending far more than the default caps allow.
    RUNS_PER_MINUTE: '100000',
    RUNS_IN_FLIGHT: '1000',
    ...env,
  });
  const api = await startApi(config, { logLevels: ['error'] });
  const call = async (path, token, json) => {
    const response = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(json),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { accessToken } = await call('/api/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD });
  const { token } = await call('/api/tokens', accessToken, { name: 'bench', scopes: ['runs'] });
  return { api, token };
}

/** One POST /api/v2/execute, checked for the program's output. */
async function executeOne({ api, token }) {
  const start = process.hrtime.bigint();
  const response = await fetch(`${api.url}/api/v2/execute`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(REQUEST),
  });
  const text = await response.text();
  const latency = ms(start);
  if (response.status !== 200) throw new Error(`execute: ${response.status} ${text}`);
  const result = JSON.parse(text);
  if (result.run.stdout !== 'hello\n') throw new Error(`unexpected result: ${text}`);
  return { latency, wallMs: result.run.wall_time };
}

/** The runner's times of the last n runs (in the order they finished: the sequential requests' are last). */
function lastRunnerTimes(n) {
  return [...runnerMs.values()].slice(-n);
}

async function measure(label, target) {
  for (let i = 0; i < WARMUP; i++) await executeOne(target);
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: BURST }, () => executeOne(target)));
  const burstSeconds = ms(start) / 1000;
  const sequential = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await executeOne(target));
  // A runner process's log line may still be in its pipe.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const latencies = sequential.map((x) => x.latency);
  const runner = lastRunnerTimes(SEQUENTIAL);
  const program = sequential.map((x) => x.wallMs);
  const row = {
    label,
    throughput: BURST / burstSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    runnerP50: runner.length ? percentile(runner, 50) : NaN,
    programP50: percentile(program, 50),
  };
  console.log(label);
  console.log(`  burst of ${BURST}:      ${row.throughput.toFixed(2)} runs/s`);
  console.log(`  sequential x${SEQUENTIAL}:   latency p50 ${fmt(row.p50)}   p99 ${fmt(row.p99)}`);
  console.log(`  of which: runner (box, syntax check if any, run) p50 ${fmt(row.runnerP50)}`);
  console.log(`            the program itself (wall) p50 ${fmt(row.programP50)}`);
  console.log(`            API, database and queue p50 ~${fmt(row.p50 - row.runnerP50)}`);
  return row;
}

const rows = [];
try {
  console.log(`Python "hello" through POST /api/v2/execute: ${BURST} at once, then ${SEQUENTIAL} one at a time;`);
  console.log(`latency = request sent to Piston's answer received; ${WARMUP} warm-ups per setup.`);
  console.log('database: embedded PostgreSQL in both setups, so that only the queue and runners differ.');
  console.log(`machine: ${cpus().length} CPUs, Node.js ${process.version}\n`);

  const embedded = await startBenchApi('embedded', {});
  try {
    rows.push(await measure('embedded, in-process runner (RUNNER_CONCURRENCY 1)', embedded));
  } finally {
    await embedded.api.close();
  }

  const prefix = `judge-bench-${process.pid}-${Date.now()}`;
  const target = await startBenchApi('bullmq', { REDIS_URL, JUDGE_QUEUE_PREFIX: prefix });
  const runners = [];
  try {
    // Each one kept as soon as it is up, so that a failure of the other still stops it.
    await Promise.all(
      ['bench-runner-1', 'bench-runner-2'].map(async (id) =>
        runners.push(
          await startRunnerProcess({
            repo: REPO,
            runnerId: id,
            apiUrl: target.api.url,
            prefix,
            redisUrl: REDIS_URL,
            runnerToken: RUNNER_TOKEN,
            workDir: work,
            onLine: recordRun,
          }),
        ),
      ),
    );
    rows.push(await measure('BullMQ on Redis, two runner processes (concurrency 1 each)', target));
  } finally {
    await Promise.all(runners.map(stopRunner));
    await target.api.close();
    const queue = new Queue(QUEUE_NAMES.judge, { connection: { url: REDIS_URL }, prefix });
    await queue.obliterate({ force: true }).finally(() => queue.close());
  }

  const first = rows[0];
  console.log(
    `\ntarget: p50 latency under ${TARGET_P50_MS} ms in embedded mode (sequential): ` +
      `${first.p50.toFixed(0)} ms, ${first.p50 < TARGET_P50_MS ? 'MET' : 'NOT MET'}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
// Handles of the closed API (Redis reconnect timers, the embedded PostgreSQL's child) must not keep us alive.
process.exit(0);
