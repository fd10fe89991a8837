// The two sandbox engines side by side on this machine, in one run (a benchmark, not a test: it prints figures).
//  - per submission: making a box and destroying it (the docker engine makes and removes a container);
//  - per test: running a tiny static "return 0" binary in a box, less spawning it directly.
// Medians and 95th percentiles over BENCH_RUNS runs (default 50 boxes, 200 tests). Run as root after
// `npm run build`, with dockerd running and the runtime images built: `npm run bench:engines`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSandboxEngine, buildRuntimeImages, DockerEngine } = require('../libs/sandbox/dist/index.js');

const TESTS = Number(process.env.BENCH_RUNS ?? 200);
const BOXES = Math.max(10, Math.round(TESTS / 4));
const work = mkdtempSync(join(tmpdir(), 'judge-bench-'));
writeFileSync(join(work, 'tiny.c'), 'int main(void) { return 0; }\n');
execFileSync('gcc', ['-O2', '-static', '-o', join(work, 'tiny'), join(work, 'tiny.c')]);
const tiny = readFileSync(join(work, 'tiny'));

const limits = {
  cpuTimeMs: 5000,
  wallTimeMs: 10000,
  memoryBytes: 64 << 20,
  processes: 4,
  stdoutBytes: 1 << 20,
  stderrBytes: 1 << 16,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};
const run = { argv: ['./tiny'], boxWritable: false, stdin: { kind: 'null' }, limits };

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function runDirect(path) {
  return new Promise((resolve, reject) => {
    const child = spawn(path, [], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

async function measure(name, options) {
  const engine = createSandboxEngine(name, options);
  if (engine instanceof DockerEngine) await buildRuntimeImages(engine.docker, []);
  const problems = await engine.check();
  if (problems.length) throw new Error(`${name} sandbox unavailable: ${problems.join('; ')}`);

  const boxes = [];
  for (let i = 0; i < BOXES + 2; i++) {
    const t = process.hrtime.bigint();
    const box = await engine.createBox({ sizeBytes: 64 << 20 });
    await box.destroy();
    if (i >= 2) boxes.push(ms(t)); // the first ones warm caches up
  }

  const box = await engine.createBox({ sizeBytes: 64 << 20 });
  await box.writeFile('tiny', tiny, 0o755);
  for (let i = 0; i < 5; i++) await box.run(run);
  const tests = [];
  for (let i = 0; i < TESTS; i++) {
    let t = process.hrtime.bigint();
    await runDirect(join(work, 'tiny'));
    const direct = ms(t);
    t = process.hrtime.bigint();
    const r = await box.run(run);
    tests.push(ms(t) - direct);
    if (r.status !== 'ok')
      throw new Error(
        `${name}: run ${i} failed: ${r.status} exit ${r.exitCode} signal ${r.signal} ${r.error ?? ''} ${r.stderr.toString().slice(-300)}`,
      );
  }
  await box.destroy();
  await engine.close();
  return { name, boxes, tests };
}

const results = [
  await measure('namespace', {
    namespace: { boxRoot: '/var/lib/judge/bench-boxes', uidBase: 3_200_000, uidCount: 4 },
  }),
  await measure('docker', { docker: { namePrefix: 'judge-bench-box', uidBase: 3_600_000, slots: 4, owner: 'bench' } }),
];
rmSync(work, { recursive: true, force: true });

const cell = (xs) => `${percentile(xs, 50).toFixed(1).padStart(8)} ${percentile(xs, 95).toFixed(1).padStart(8)}`;
console.log(`${BOXES} boxes and ${TESTS} tests per engine; milliseconds, median and p95`);
console.log(`${''.padEnd(34)}${results.map((r) => r.name.padStart(17)).join('')}`);
console.log(`${'per submission (box make + destroy)'.padEnd(34)}${results.map((r) => cell(r.boxes)).join(' ')}`);
console.log(`${'per test (run - direct spawn)'.padEnd(34)}${results.map((r) => cell(r.tests)).join(' ')}`);
