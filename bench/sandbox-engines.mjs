// The two sandbox engines side by side on this machine, in one run (a benchmark, not a test: it prints figures).
//  - per submission: making a box and destroying it (the docker engine: with its pool switched off, it makes and
//    removes a container; with the pool on, it takes a started container and gives it back, and the container is
//    removed and replaced in the background: the time to refill is printed, and the benchmark lets the pool fill
//    between two submissions, untimed, as the runs of a real submission would; the namespace engine likewise
//    with and without its spare boxes);
//  - per test: running a tiny static "return 0" binary in a box, less spawning it directly, the engines taking
//    turns test by test;
//  - per test stopped at its wall-time limit: a static program that waits forever, limited to 50 ms of wall time;
//    the whole run less those 50 ms (killing it, reaping it, emptying its group);
//  - the memory an idle pooled container holds: its cgroup's charge and the proportional set of its containerd shim.
// BENCH_BEFORE=<an older build's libs/sandbox/dist/index.js> adds that build's docker engine as a column, for a
// before/after from the same run.
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
writeFileSync(join(work, 'waits.c'), '#include <unistd.h>\nint main(void) { for (;;) pause(); }\n');
execFileSync('gcc', ['-O2', '-static', '-o', join(work, 'waits'), join(work, 'waits.c')]);
const waits = readFileSync(join(work, 'waits'));
const STOPPED = Math.max(10, Math.round(TESTS / 10));
const STOP_AFTER_MS = 50;

const limits = {
  cpuTimeMs: 5000,
  wallTimeMs: 10000,
  memoryBytes: 64 << 20,
  processes: 16,
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

/** Bytes an idle pooled container holds: its cgroup's memory charge, and its containerd shim's PSS. */
async function idleMemory(engine) {
  await engine.settled();
  const figures = [];
  for (const id of engine.idleBoxIds) {
    const pid = (await engine.docker.getContainer(id).inspect()).State.Pid;
    const groups = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
    const v1 = groups.find((l) => l.split(':')[1]?.split(',').includes('memory'));
    const charge = v1
      ? Number(readFileSync(`/sys/fs/cgroup/memory${v1.split(':')[2]}/memory.usage_in_bytes`, 'utf8'))
      : Number(
          readFileSync(`/sys/fs/cgroup${groups.find((l) => l.startsWith('0::')).slice(3)}/memory.current`, 'utf8'),
        );
    const shim = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    const pss = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${shim}/smaps_rollup`, 'utf8'))[1]) * 1024;
    figures.push({ charge, pss });
  }
  return figures;
}

/** Opens an engine and times its boxes: made and destroyed one after another. */
async function measureBoxes(name, options, label = name, create = createSandboxEngine) {
  const engine = create(name, options);
  // Boxes made ahead: the docker engine's pool, the namespace engine's spare boxes.
  const ahead = engine.options?.pool ?? options.namespace?.spareBoxes ?? 0;
  const pooled = ahead > 0;
  if (engine instanceof DockerEngine) await buildRuntimeImages(engine.docker, []);
  const problems = await engine.check();
  if (problems.length) throw new Error(`${name} sandbox unavailable: ${problems.join('; ')}`);

  const boxes = [];
  const refills = [];
  for (let i = 0; i < BOXES + 2; i++) {
    const t = process.hrtime.bigint();
    const box = await engine.createBox({ sizeBytes: 64 << 20 });
    await box.destroy();
    if (i >= 2) boxes.push(ms(t)); // the first ones warm caches up
    if (pooled) {
      const r = process.hrtime.bigint();
      await engine.settled();
      if (i >= 2) refills.push(ms(r));
    }
  }
  let memory = [];
  if (pooled && engine.name === 'docker') {
    // As many boxes at once as the pool holds, given back: their replacements fill it.
    const held = await Promise.all(Array.from({ length: ahead }, () => engine.createBox({ sizeBytes: 64 << 20 })));
    await Promise.all(held.map((b) => b.destroy()));
    memory = await idleMemory(engine);
  }
  const box = await engine.createBox({ sizeBytes: 64 << 20 });
  await box.writeFile('tiny', tiny, 0o755);
  await box.writeFile('waits', waits, 0o755);
  for (let i = 0; i < 5; i++) await box.run(run);
  return { name: label, engine, box, boxes, refills, memory, tests: [], stopped: [] };
}

const docker = { namePrefix: 'judge-bench-box', uidBase: 3_600_000, slots: 8, owner: 'bench' };
const namespace = { boxRoot: '/var/lib/judge/bench-boxes', uidBase: 3_200_000, uidCount: 4 };
const results = [
  await measureBoxes('namespace', { namespace: { ...namespace, spareBoxes: 0 } }, 'namespace, no spare'),
  await measureBoxes(
    'namespace',
    { namespace: { ...namespace, uidBase: 3_210_000, spareBoxes: 1 } },
    'namespace, spare',
  ),
  ...(process.env.BENCH_BEFORE
    ? [
        await measureBoxes(
          'docker',
          { docker },
          'docker, before',
          require(process.env.BENCH_BEFORE).createSandboxEngine,
        ),
      ]
    : []),
  await measureBoxes('docker', { docker: { ...docker, pool: 0 } }, 'docker, no pool'),
  await measureBoxes('docker', { docker: { ...docker, pool: 2 } }, 'docker, pool'),
];

// The tests of every engine in turn, so that a machine whose load changes over the run weighs on each alike.
for (let i = 0; i < TESTS; i++) {
  for (const r of results) {
    let t = process.hrtime.bigint();
    await runDirect(join(work, 'tiny'));
    const direct = ms(t);
    t = process.hrtime.bigint();
    const result = await r.box.run(run);
    r.tests.push(ms(t) - direct);
    if (result.status !== 'ok')
      throw new Error(
        `${r.name}: run ${i} failed: ${result.status} exit ${result.exitCode} signal ${result.signal} ${result.error ?? ''} ${result.stderr.toString().slice(-300)}`,
      );
  }
}
const waitRun = { ...run, argv: ['./waits'], limits: { ...limits, wallTimeMs: STOP_AFTER_MS } };
for (let i = 0; i < STOPPED; i++) {
  for (const r of results) {
    const t = process.hrtime.bigint();
    const result = await r.box.run(waitRun);
    r.stopped.push(ms(t) - STOP_AFTER_MS);
    if (result.status !== 'wall-time-limit') throw new Error(`${r.name}: a waiting run ended ${result.status}`);
  }
}
for (const r of results) {
  await r.box.destroy();
  await r.engine.close();
}
rmSync(work, { recursive: true, force: true });

const cell = (xs) =>
  xs.length
    ? `${percentile(xs, 50).toFixed(1).padStart(8)} ${percentile(xs, 95).toFixed(1).padStart(8)}`
    : ''.padStart(17);
console.log(`${BOXES} boxes, ${TESTS} tests and ${STOPPED} stopped tests per engine; milliseconds, median and p95`);
console.log(`${''.padEnd(36)}${results.map((r) => r.name.padStart(18)).join('')}`);
const row = (title, xs) => console.log(`${title.padEnd(36)}${results.map((r) => ` ${cell(xs(r))}`).join('')}`);
row('per submission (box make + destroy)', (r) => r.boxes);
row('per test (run - direct spawn)', (r) => r.tests);
row(`per test stopped at ${STOP_AFTER_MS} ms (run - limit)`, (r) => r.stopped);
row('pool refill after a submission', (r) => r.refills);
for (const r of results.filter((x) => x.memory.length)) {
  const mib = (xs) => (xs.reduce((a, b) => a + b, 0) / xs.length / 2 ** 20).toFixed(1);
  console.log(
    `${r.name}: an idle pooled container holds ${mib(r.memory.map((m) => m.charge))} MiB in its cgroup and ` +
      `${mib(r.memory.map((m) => m.pss))} MiB of containerd shim (PSS), over ${r.memory.length} containers`,
  );
}
