// Measures the namespace sandbox on this machine (a benchmark, not a test: it prints figures).
//  1. median per-run overhead of the sandbox over running the same tiny static binary directly;
//  2. spread of the CPU time reported for a ~400 ms CPU-bound program over 20 runs.
// Run as root after `npm run build`: `npm run bench`.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSandboxEngine } = require('../libs/sandbox/dist/index.js');

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const CPU_RUNS = 20;
const work = mkdtempSync(join(tmpdir(), 'judge-bench-'));

function compile(name, source) {
  writeFileSync(join(work, `${name}.c`), source);
  execFileSync('gcc', ['-O2', '-static', '-o', join(work, name), join(work, `${name}.c`)]);
  return join(work, name);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

function runDirect(path) {
  return new Promise((resolve, reject) => {
    const child = spawn(path, [], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

const tiny = compile('tiny', 'int main(void) { return 0; }\n');
// Calibrated below to about 400 ms of CPU.
const spin = compile(
  'spin',
  '#include <stdlib.h>\nint main(int c, char **v) { volatile unsigned long n = 0, k = strtoul(v[1], 0, 10); for (unsigned long i = 0; i < k; i++) n += i; return 0; }\n',
);

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

const engine = createSandboxEngine('namespace', {
  namespace: { boxRoot: '/var/lib/judge/bench-boxes', uidBase: 3_200_000, uidCount: 4 },
});
const problems = await engine.check();
if (problems.length) {
  console.error(`sandbox unavailable: ${problems.join('; ')}`);
  process.exit(1);
}
const box = await engine.createBox({ sizeBytes: 64 << 20 });
copyFileSync(tiny, join(box.hostBoxDir, 'tiny'));
copyFileSync(spin, join(box.hostBoxDir, 'spin'));
execFileSync('chmod', ['755', join(box.hostBoxDir, 'tiny'), join(box.hostBoxDir, 'spin')]);

// Warm up both paths (page cache, first cgroup creation).
for (let i = 0; i < 10; i++) {
  await runDirect(tiny);
  await box.run({ argv: ['./tiny'], boxWritable: false, stdin: { kind: 'null' }, limits });
}

const direct = [];
const sandboxed = [];
// Interleaved so that background noise hits both alike.
for (let i = 0; i < RUNS; i++) {
  let t = process.hrtime.bigint();
  await runDirect(tiny);
  direct.push(ms(t));
  t = process.hrtime.bigint();
  const r = await box.run({ argv: ['./tiny'], boxWritable: false, stdin: { kind: 'null' }, limits });
  sandboxed.push(ms(t));
  if (r.status !== 'ok') throw new Error(`sandboxed run failed: ${r.status} ${r.error ?? ''}`);
}

// Calibrate the spin loop to ~400 ms of CPU inside the sandbox.
let iterations = 100_000_000;
for (let i = 0; i < 3; i++) {
  const r = await box.run({
    argv: ['./spin', String(iterations)],
    boxWritable: false,
    stdin: { kind: 'null' },
    limits,
  });
  iterations = Math.round((iterations * 400) / Math.max(1, r.cpuTimeMs));
}
const cpu = [];
for (let i = 0; i < CPU_RUNS; i++) {
  const r = await box.run({
    argv: ['./spin', String(iterations)],
    boxWritable: false,
    stdin: { kind: 'null' },
    limits,
  });
  if (r.status !== 'ok') throw new Error(`spin failed: ${r.status}`);
  cpu.push(r.cpuTimeMs);
}
await box.destroy();
await engine.close();
rmSync(work, { recursive: true, force: true });

const md = median(direct);
const ms2 = median(sandboxed);
const cpuMedian = median(cpu);
const spread = Math.max(cpuMedian - Math.min(...cpu), Math.max(...cpu) - cpuMedian) / cpuMedian;
console.log(`engine: namespace (cgroup v${engine.cgroupVersion}), ${RUNS} runs of a static "return 0" binary`);
console.log(`direct spawn, median:        ${md.toFixed(2)} ms`);
console.log(`sandboxed run, median:       ${ms2.toFixed(2)} ms`);
console.log(`median overhead per run:     ${(ms2 - md).toFixed(2)} ms   (target <= 5 ms)`);
console.log(
  `CPU-bound program, ${CPU_RUNS} runs: median ${cpuMedian} ms, min ${Math.min(...cpu)} ms, max ${Math.max(...cpu)} ms`,
);
console.log(`CPU time spread:             ±${(spread * 100).toFixed(1)} %   (target within ±5 %)`);
