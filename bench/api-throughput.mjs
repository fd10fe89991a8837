// Measures judging through the API (a benchmark, not a test: it prints figures). A 3-test Python A+B problem
// (1 sample, 2 secret tests) gets small accepted submissions over HTTP, in three setups:
//  - embedded mode (no DATABASE_URL, no REDIS_URL): the API's in-process runner, RUNNER_CONCURRENCY 1, then 2;
//  - BullMQ on the local Redis with two runner processes (`node apps/runner/dist/main.js`, concurrency 1 each).
// Each setup gets one warm-up submission, a burst of BENCH_BURST submissions sent at once (throughput and
// latency), then BENCH_SEQUENTIAL submissions one at a time (latency with nothing else queued: the fair figure
// for the latency target). Latency runs from sending the submission to receiving its verdict on the
// submission's server-sent events stream, so no polling interval is added to it.
// Run as root after `npm run build`: `npm run bench:api` (REDIS_URL, default redis://127.0.0.1:6379).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 20);
const TARGET_P50_MS = 150;
const RUNNER_TOKEN = 'bench-runner-token-0123456789';
const ADMIN_PASSWORD = 'bench-admin-password';
const SOURCE = 'a, b = map(int, input().split())\nprint(a + b)\n';

// Everything the benchmark makes lives here: box users reach the validator cache, the embedded PostgreSQL
// (run as the `postgres` user when we are root) reaches its data folder.
const work = mkdtempSync(join(tmpdir(), 'judge-bench-api-'));
chmodSync(work, 0o755);

/** The 3-test A+B package as a zip of its folder, made with python3's zipfile module. */
function makePackage() {
  const dir = join(work, 'aplusb');
  const files = {
    'problem.yaml': 'name: A plus B\nlimits:\n  time_limit: 1\n  memory: 256\n',
    'problem_statement/problem.en.md': 'Print the sum of two integers.\n',
    'data/sample/01.in': '1 2\n',
    'data/sample/01.ans': '3\n',
    'data/secret/01.in': '-5 12\n',
    'data/secret/01.ans': '7\n',
    'data/secret/02.in': '1000000000 1000000000\n',
    'data/secret/02.ans': '2000000000\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const zip = join(work, 'aplusb.zip');
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, dir]);
  return zip;
}

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (x) => `${x.toFixed(0).padStart(5)} ms`;

/**
 * The machine's CPU time so far, busy and all, in ms (/proc/stat's first line, in USER_HZ ticks of 10 ms): over a
 * burst, busy / submissions is what one submission costs the whole machine (API, database, runners, programs),
 * and busy / all whether the cores were the limit.
 */
function machineCpu() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busy: (all - idle) * 10, all: all * 10 };
}

/** An API started in this process, as the integration tests start it, with a logged-in admin and the problem. */
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
    // The benchmark is one user sending far more than a contestant may.
    SUBMISSIONS_PER_MINUTE: '100000',
    ...env,
  });
  const api = await startApi(config, { logLevels: ['error'] });
  const login = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { accessToken } = await login.json();
  const form = new FormData();
  form.append('package', new Blob([readFileSync(zipPath)]), 'aplusb.zip');
  const created = await fetch(`${api.url}/api/problems`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  if (created.status !== 201) throw new Error(`problem upload: ${created.status} ${await created.text()}`);
  const { id: problemId } = await created.json();
  return { api, token: accessToken, problemId };
}

/**
 * How long each judgement took on its runner, by submission id: runners log `submission <id>: AC in <n> ms`. The
 * in-process runner writes those lines on our stdout, where one per judgement would bury the figures: they are
 * taken out of it. Runner processes write them on their own stdout, which we read.
 */
const judgeMs = new Map();
const JUDGED_LINE = /submission (\S+): \w+ in (\d+) ms/;
function recordJudged(line) {
  const m = JUDGED_LINE.exec(line);
  if (m) judgeMs.set(m[1], Number(m[2]));
  return m !== null;
}
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => (recordJudged(String(chunk)) ? true : stdoutWrite(chunk, ...rest));

/** Sends one submission and waits for its verdict on the events stream. */
async function judgeOne({ api, token, problemId }) {
  const start = process.hrtime.bigint();
  const response = await fetch(`${api.url}/api/submissions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ problemId, language: 'python', source: SOURCE }),
  });
  if (response.status !== 201) throw new Error(`submit: ${response.status} ${await response.text()}`);
  const { id } = await response.json();
  const accepted = ms(start);
  // The stream sends the result at once when the verdict came before the stream opened: nothing is missed.
  const events = await fetch(`${api.url}/api/submissions/${id}/events?access_token=${token}`);
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of events.body) {
    text += decoder.decode(chunk, { stream: true });
    // One event per block: `event: <type>`, `id: <n>`, `data: <json>`, then a blank line.
    const done = /^event: done\n(?:.*\n)*?data: (.*)\n/m.exec(text);
    if (done) {
      const latency = ms(start);
      const verdict = JSON.parse(done[1]).submission.verdict;
      if (verdict !== 'AC') throw new Error(`submission ${id} got ${verdict}, expected AC`);
      return { id, latency, accepted };
    }
  }
  throw new Error(`the events stream of ${id} ended without a verdict:\n${text}`);
}

async function measure(label, target) {
  await judgeOne(target); // warm-up: the first judgement loads the package
  const start = process.hrtime.bigint();
  const cpuBefore = machineCpu();
  const burst = await Promise.all(Array.from({ length: BURST }, () => judgeOne(target)));
  const burstSeconds = ms(start) / 1000;
  const cpuAfter = machineCpu();
  const busyMs = cpuAfter.busy - cpuBefore.busy;
  const sequential = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await judgeOne(target));
  // A runner process's log line may still be in its pipe.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const latencies = (xs) => xs.map((x) => x.latency);
  const judged = sequential.map((x) => judgeMs.get(x.id)).filter((x) => x !== undefined);
  const row = {
    label,
    throughput: BURST / burstSeconds,
    burstP50: percentile(latencies(burst), 50),
    burstP95: percentile(latencies(burst), 95),
    seqP50: percentile(latencies(sequential), 50),
    seqP95: percentile(latencies(sequential), 95),
    judgeP50: judged.length ? percentile(judged, 50) : NaN,
    acceptedP50: percentile(
      sequential.map((x) => x.accepted),
      50,
    ),
    cpuPerSubmission: busyMs / BURST,
    busyShare: busyMs / (cpuAfter.all - cpuBefore.all),
  };
  console.log(label);
  console.log(`  burst of ${BURST}:        throughput ${row.throughput.toFixed(2)} submissions/s`);
  console.log(`  burst of ${BURST}:        latency p50 ${fmt(row.burstP50)}   p95 ${fmt(row.burstP95)}`);
  console.log(
    `  burst of ${BURST}:        machine CPU ${row.cpuPerSubmission.toFixed(0)} ms per submission, ` +
      `cores ${(row.busyShare * 100).toFixed(0)}% busy`,
  );
  console.log(`  sequential x${SEQUENTIAL}:     latency p50 ${fmt(row.seqP50)}   p95 ${fmt(row.seqP95)}`);
  console.log(`  sequential x${SEQUENTIAL}:     of which judging on the runner p50 ${fmt(row.judgeP50)}`);
  console.log(`  sequential x${SEQUENTIAL}:     of which the submit request (to 201) p50 ${fmt(row.acceptedP50)}`);
  return row;
}

const zipPath = makePackage();
const rows = [];
try {
  console.log(`3-test Python A+B (1 sample, 2 secret tests), ${BURST} at once then ${SEQUENTIAL} one at a time;`);
  console.log('latency = submit to verdict received over server-sent events; each setup has one warm-up first.');
  console.log('database: embedded PostgreSQL in every setup, so that only the queue and runners differ.');
  console.log(`machine: ${cpus().length} CPUs, Node.js ${process.version}\n`);

  for (const concurrency of [1, 2]) {
    const target = await startBenchApi(`embedded-c${concurrency}`, { RUNNER_CONCURRENCY: String(concurrency) });
    try {
      rows.push(await measure(`embedded, in-process runner, RUNNER_CONCURRENCY ${concurrency}`, target));
    } finally {
      await target.api.close();
    }
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
            onLine: recordJudged,
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

  const embedded = rows.find((r) => r.label.includes('CONCURRENCY 1'));
  const met = embedded.seqP50 < TARGET_P50_MS;
  console.log(
    `\ntarget: p50 latency under ${TARGET_P50_MS} ms in embedded mode (sequential, concurrency 1): ` +
      `${embedded.seqP50.toFixed(0)} ms, ${met ? 'MET' : 'NOT MET'}`,
  );
  const two = rows.find((r) => r.label.includes('two runner'));
  const ratio = two.throughput / embedded.throughput;
  console.log(
    `target: burst throughput of two runners at least 1.8 times one's: ${ratio.toFixed(2)}×, ${ratio >= 1.8 ? 'MET' : 'NOT MET'}`,
  );
  // What the cores allow at the CPU one submission costs the whole machine: no number of runners goes past it.
  const ceiling = (cpus().length * 1000) / two.cpuPerSubmission;
  console.log(
    `ceiling: ${cpus().length} cores / ${two.cpuPerSubmission.toFixed(0)} ms of machine CPU per submission = ` +
      `${ceiling.toFixed(2)} submissions/s, ${(ceiling / embedded.throughput).toFixed(2)}× one runner's throughput`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
// Handles of the closed API (Redis reconnect timers, the embedded PostgreSQL's child) must not keep us alive.
process.exit(0);
