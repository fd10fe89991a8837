// Live scoreboards at scale (a benchmark, not a test: it prints figures). One API process (`node
// apps/api/dist/main.js`, its in-process runner judging, the machine's PostgreSQL) holds BENCH_SSE_CONNECTIONS
// (5,000) scoreboard streams of one contest, opened by this process as a browser would (EventSource's GET). It
// prints:
//  - memory per connection: the API process's resident set with every stream open, less before, per stream;
//  - CPU per connection while nothing happens (BENCH_SSE_IDLE_S, 10 s), from the process's CPU time;
//  - fan-out: BENCH_SSE_ROUNDS (3) times a contestant's accepted submission is judged; for each stream, the time
//    from the verdict stored (the submission's judged_at) to that stream receiving the board that shows it,
//    p50, p99 and the last, the bytes each stream received for it, and the API's CPU time per round.
// The contest is a team contest with BENCH_SSE_ROWS (0) more teams beside the contestants', so that the board is as
// large as a big contest's; BENCH_SSE_PATCHES=1 opens the streams with `patches=1` (the web UI's), which receive the
// rows that changed rather than the whole board.
// Run as root after `npm run build`: `npm run bench:sse` (DATABASE_URL of a server where it may make a database,
// default postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = Number(process.env.BENCH_SSE_CONNECTIONS ?? 5000);
const IDLE_S = Number(process.env.BENCH_SSE_IDLE_S ?? 10);
const ROUNDS = Number(process.env.BENCH_SSE_ROUNDS ?? 3);
const ROWS = Number(process.env.BENCH_SSE_ROWS ?? 0);
const PATCHES = process.env.BENCH_SSE_PATCHES === '1';
const ADMIN_PASSWORD = 'bench-admin-password';
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const SOURCE = 'a, b = map(int, input().split())\nprint(a + b)\n';

const work = mkdtempSync(join(tmpdir(), 'judge-bench-sse-'));
chmodSync(work, 0o755);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};

/** The API process's resident set (bytes) and CPU time (ms) from /proc. */
function processUse(pid) {
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  return { rss, cpuMs };
}

async function startApi(databaseUrl) {
  const child = spawn(process.execPath, [join(REPO, 'apps', 'api', 'dist', 'main.js')], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      DATA_DIR: join(work, 'data'),
      JUDGE_CACHE_DIR: join(work, 'cache'),
      DATABASE_URL: databaseUrl,
      JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      IMPORT_EXAMPLES: 'false',
      SUBMISSIONS_PER_MINUTE: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk) => {
      output += chunk.toString();
      const address = /listening on (http:\/\/\S+)/.exec(output);
      if (address) resolve({ child, url: address[1], output: () => output });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`the API exited (${code}):\n${output}`)));
  });
}

async function call(url, token, method, path, body) {
  const json = body !== undefined && !(body instanceof FormData);
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
    },
    body: json ? JSON.stringify(body) : body,
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** One scoreboard stream; `onBoard(board, at, bytes)` for each board (or patch: it has `rows` too) received. */
function openStream(agent, url, path, onBoard) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream: ${response.statusCode}`));
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        const at = Date.now();
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) onBoard(JSON.parse(data.slice(6)), at, frame.length + 2);
        }
      });
      resolve(req);
    });
    req.on('error', reject);
    req.end();
  });
}

const name = `judge_bench_sse_${randomBytes(4).toString('hex')}`;
const admin = new Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
let api;
const streams = [];
try {
  api = await startApi(databaseUrl);
  const pid = api.child.pid;
  const { accessToken: token } = await call(api.url, null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  const zip = join(work, 'hello.zip');
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, join(REPO, 'examples', 'problems', 'hello')]);
  const form = new FormData();
  form.append('package', new Blob([readFileSync(zip)]), 'hello.zip');
  form.append('visibility', 'public');
  const { id: problemId } = await call(api.url, token, 'POST', '/api/problems', form);
  const contest = await call(api.url, token, 'POST', '/api/contests', {
    title: 'Fan-out',
    teams: true,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId, label: 'A' }],
  });
  const contestants = [];
  for (let i = 0; i < ROUNDS; i++) {
    const username = `contestant${i}`;
    await call(api.url, token, 'POST', '/api/users', {
      username,
      password: `${username}-password`,
      role: 'contestant',
    });
    const login = await call(api.url, null, 'POST', '/api/auth/login', { username, password: `${username}-password` });
    await call(api.url, token, 'POST', `/api/contests/${contest.id}/teams`, { name: username, members: [username] });
    contestants.push({ username, token: login.accessToken });
  }
  // The other rows of a large board: teams with no member yet, straight into the database (made before any board).
  const filler = new Client({ connectionString: databaseUrl });
  await filler.connect();
  await filler.query(
    `INSERT INTO teams (contest_id, name) SELECT $1, 'team ' || g FROM generate_series(1, $2::int) AS g`,
    [contest.id, ROWS],
  );
  await filler.end();
  // A first judgement, so that the runner's toolchain and the package are warm before anything is measured.
  const warm = await call(api.url, token, 'POST', '/api/submissions', {
    problemId,
    language: 'python',
    source: SOURCE,
  });
  for (let i = 0; i < 600; i++) {
    if ((await call(api.url, token, 'GET', `/api/submissions/${warm.id}`)).status === 'done') break;
    await sleep(100);
  }

  await sleep(2000);
  const before = processUse(pid);
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  /** Per round, per stream: when it received the board showing that round's contestant solved. */
  const seen = Array.from({ length: ROUNDS }, () => new Array(CONNECTIONS).fill(null));
  /** Bytes received by all the streams so far, and the size of the first board. */
  let received = 0;
  let boardBytes = 0;
  let firstBoards = 0;
  const path = `/api/contests/${contest.id}/scoreboard/events?access_token=${token}${PATCHES ? '&patches=1' : ''}`;
  const openStart = Date.now();
  for (let opened = 0; opened < CONNECTIONS; opened += 200) {
    const batch = [];
    for (let i = opened; i < Math.min(CONNECTIONS, opened + 200); i++) {
      let first = true;
      batch.push(
        openStream(agent, api.url, path, (board, at, bytes) => {
          received += bytes;
          if (first) {
            first = false;
            firstBoards++;
            boardBytes = bytes;
          }
          for (let r = 0; r < ROUNDS; r++) {
            const row = board.rows.find((x) => x.username === contestants[r].username);
            if (row?.solved === 1 && seen[r][i] === null) seen[r][i] = at;
          }
        }),
      );
    }
    streams.push(...(await Promise.all(batch)));
  }
  while (firstBoards < CONNECTIONS) await sleep(50);
  const openSeconds = (Date.now() - openStart) / 1000;
  await sleep(2000);
  const open = processUse(pid);
  await sleep(IDLE_S * 1000);
  const idle = processUse(pid);

  console.log(
    `${CONNECTIONS} scoreboard streams on one API process${PATCHES ? ', asking for patches' : ''}; ` +
      `board of ${ROUNDS + ROWS} rows (${(boardBytes / 1024).toFixed(1)} KiB); ` +
      `machine: ${cpus().length} CPUs, Node.js ${process.version}`,
  );
  console.log(`  opened (first board received on each) in ${openSeconds.toFixed(1)} s`);
  console.log(
    `  API resident memory: ${(before.rss / 2 ** 20).toFixed(0)} MiB before, ${(open.rss / 2 ** 20).toFixed(0)} MiB with the streams: ` +
      `${((open.rss - before.rss) / CONNECTIONS / 1024).toFixed(1)} KiB per stream`,
  );
  console.log(
    `  API CPU while idle: ${(idle.cpuMs - open.cpuMs).toFixed(0)} ms in ${IDLE_S} s ` +
      `(${(((idle.cpuMs - open.cpuMs) / IDLE_S / CONNECTIONS) * 1000).toFixed(2)} µs per stream per second)`,
  );

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  for (let r = 0; r < ROUNDS; r++) {
    const cpuBefore = processUse(pid).cpuMs;
    const receivedBefore = received;
    const { id } = await call(api.url, contestants[r].token, 'POST', `/api/contests/${contest.id}/submissions`, {
      problem: 'A',
      language: 'python',
      source: SOURCE,
    });
    const deadline = Date.now() + 120_000;
    while (seen[r].some((t) => t === null) && Date.now() < deadline) await sleep(20);
    const missing = seen[r].filter((t) => t === null).length;
    const { rows } = await client.query('SELECT judged_at, verdict FROM submissions WHERE id = $1', [id]);
    const judgedAt = rows[0].judged_at.getTime();
    const latencies = seen[r].filter((t) => t !== null).map((t) => t - judgedAt);
    await sleep(500);
    const cpu = processUse(pid).cpuMs - cpuBefore;
    console.log(
      `  round ${r + 1} (${rows[0].verdict}): verdict stored to board received p50 ${percentile(latencies, 50)} ms, ` +
        `p99 ${percentile(latencies, 99)} ms, last ${Math.max(...latencies)} ms; ${missing} streams missed it; ` +
        `${((received - receivedBefore) / CONNECTIONS / 1024).toFixed(1)} KiB received per stream; ` +
        `API CPU for the round (submission, judging, ${CONNECTIONS} boards) ${cpu.toFixed(0)} ms`,
    );
  }
  await client.end();
} finally {
  for (const req of streams) req.destroy();
  if (api) {
    const exited = new Promise((resolve) => api.child.once('exit', resolve));
    api.child.kill('SIGTERM');
    await exited;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
