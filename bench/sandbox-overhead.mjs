// Measures the namespace sandbox on this machine (a benchmark, not a test: it prints figures).
//  1. median per-run overhead of the sandbox over running the same tiny static binary directly, with pre-built
//     boxes (the default) and without (a sandbox per run), and isolate's when ISOLATE names an isolate binary
//     (built from github.com/ioi/isolate; not part of the project), all interleaved in one loop;
//     then a 100-test submission's engine time (make a box, 100 runs, destroy it, less 100 direct spawns) both
//     ways, and the memory an idle pre-built box holds (the proportional set of its processes);
//  2. spread of the CPU time reported for a ~400 ms CPU-bound program over 20 runs;
//  3. judge time of a C++ submission to examples/problems/hello, compiled (cold) and from the compile cache.
// Run as root after `npm run build`: `npm run bench`.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSandboxEngine } = require('../libs/sandbox/dist/index.js');
const { JudgeEngine, LanguageRegistry } = require('../libs/judge/dist/index.js');
const { allTestCases, loadProblemPackage } = require('../libs/problem-package/dist/index.js');

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

function runDirect(path, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path} ${args.join(' ')}: exit ${code}`)),
    );
  });
}

/** The proportional set (kB) of every process of a user: what an idle pre-built box holds. */
function pssOfUser(uid) {
  let kb = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) !== uid) continue;
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb;
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
  namespace: { boxRoot: '/var/lib/judge/bench-boxes', uidBase: 3_200_000, uidCount: 8 },
});
const fresh = createSandboxEngine('namespace', {
  namespace: { boxRoot: '/var/lib/judge/bench-boxes-fresh', uidBase: 3_200_100, uidCount: 4, prebuiltBoxes: false },
});
const problems = [...(await engine.check()), ...(await fresh.check())];
if (problems.length) {
  console.error(`sandbox unavailable: ${problems.join('; ')}`);
  process.exit(1);
}

async function boxWithPrograms(sandbox) {
  const made = await sandbox.createBox({ sizeBytes: 64 << 20 });
  copyFileSync(tiny, join(made.hostBoxDir, 'tiny'));
  copyFileSync(spin, join(made.hostBoxDir, 'spin'));
  execFileSync('chmod', ['755', join(made.hostBoxDir, 'tiny'), join(made.hostBoxDir, 'spin')]);
  execFileSync('chown', [`${made.uid}:${made.uid}`, join(made.hostBoxDir, 'tiny'), join(made.hostBoxDir, 'spin')]);
  return made;
}
const tinyRun = { argv: ['./tiny'], boxWritable: false, stdin: { kind: 'null' }, limits };
async function runTiny(b) {
  const r = await b.run(tinyRun);
  if (r.status !== 'ok') throw new Error(`sandboxed run failed: ${r.status} ${r.error ?? ''}`);
}

const box = await boxWithPrograms(engine);
const freshBox = await boxWithPrograms(fresh);

// isolate, when given: one box made once, each test `isolate --run` (with its own cgroup when it can).
const ISOLATE = process.env.ISOLATE;
let isolateRun = null;
if (ISOLATE) {
  execFileSync(ISOLATE, ['--box-id=37', '--cleanup']);
  const isolateBox = execFileSync(ISOLATE, ['--box-id=37', '--init']).toString().trim();
  copyFileSync(tiny, join(isolateBox, 'box', 'tiny'));
  execFileSync('chmod', ['755', join(isolateBox, 'box', 'tiny')]);
  isolateRun = () => runDirect(ISOLATE, ['--box-id=37', '--silent', '--run', '--', './tiny']);
}

// Warm up every path (page cache, the pre-built box's init, first cgroup creation).
for (let i = 0; i < 10; i++) {
  await runDirect(tiny);
  await runTiny(box);
  await runTiny(freshBox);
  if (isolateRun) await isolateRun();
}

const direct = [];
const sandboxed = [];
const sandboxedFresh = [];
const isolated = [];
// Interleaved so that background noise hits each alike.
for (let i = 0; i < RUNS; i++) {
  let t = process.hrtime.bigint();
  await runDirect(tiny);
  direct.push(ms(t));
  t = process.hrtime.bigint();
  await runTiny(box);
  sandboxed.push(ms(t));
  t = process.hrtime.bigint();
  await runTiny(freshBox);
  sandboxedFresh.push(ms(t));
  if (isolateRun) {
    t = process.hrtime.bigint();
    await isolateRun();
    isolated.push(ms(t));
  }
}
await freshBox.destroy();
if (ISOLATE) execFileSync(ISOLATE, ['--box-id=37', '--cleanup']);

// A 100-test submission: its box made, 100 runs, the box destroyed; 5 such, each way, interleaved.
const HUNDRED = 100;
const submission = { on: [], off: [] };
for (let i = 0; i < 5; i++) {
  for (const [name, sandbox] of [
    ['on', engine],
    ['off', fresh],
  ]) {
    const t = process.hrtime.bigint();
    const b = await boxWithPrograms(sandbox);
    for (let k = 0; k < HUNDRED; k++) await runTiny(b);
    await b.destroy();
    submission[name].push(ms(t));
  }
}

// Memory of idle pre-built boxes: four boxes that each ran once, their processes' proportional sets.
const idle = [];
for (let i = 0; i < 4; i++) {
  const b = await boxWithPrograms(engine);
  await runTiny(b);
  idle.push(b);
}
await new Promise((resolve) => setTimeout(resolve, 200));
const idleKb = idle.map((b) => pssOfUser(b.uid));
for (const b of idle) await b.destroy();
await fresh.close();

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

// Judge time of the same C++ submission: each cold one a source of its own (a comment differs), so it compiles;
// each cached one the last of those again, so its compile result comes from the compile cache.
const JUDGE_RUNS = 5;
const hello = await loadProblemPackage(join(import.meta.dirname, '..', 'examples', 'problems', 'hello'));
const judge = new JudgeEngine({
  sandbox: engine,
  languages: await LanguageRegistry.load(),
  cacheDir: work,
  compileCache: { dir: join(work, 'compiled'), maxBytes: 64 << 20 },
});
const sumCpp = readFileSync(join(hello.root, 'submissions', 'accepted', 'sum.cpp'), 'utf8');
const judged = async (code) => {
  const t = process.hrtime.bigint();
  const result = await judge.judge({ problem: hello, source: { fileName: 'sum.cpp', code } });
  if (result.verdict !== 'AC') throw new Error(`sum.cpp got ${result.verdict}`);
  return ms(t);
};
const cold = [];
const cached = [];
for (let i = 0; i < JUDGE_RUNS; i++) cold.push(await judged(`${sumCpp}// ${Date.now()} ${i}\n`));
const last = `${sumCpp}// ${Date.now()} cached\n`;
await judged(last);
for (let i = 0; i < JUDGE_RUNS; i++) cached.push(await judged(last));
await hello.dispose();
await engine.close();
rmSync(work, { recursive: true, force: true });

const md = median(direct);
const overhead = (xs) => median(xs.map((x, i) => x - direct[i]));
const cpuMedian = median(cpu);
const spread = Math.max(cpuMedian - Math.min(...cpu), Math.max(...cpu) - cpuMedian) / cpuMedian;
console.log(`engine: namespace (cgroup v${engine.cgroupVersion}), ${RUNS} runs of a static "return 0" binary`);
console.log(`direct spawn, median:                    ${md.toFixed(2)} ms`);
console.log(`pre-built box, median run:               ${median(sandboxed).toFixed(2)} ms`);
console.log(`a sandbox per run (off), median run:     ${median(sandboxedFresh).toFixed(2)} ms`);
console.log(`overhead per run, pre-built box:         ${overhead(sandboxed).toFixed(2)} ms   (target <= 1.5 ms)`);
console.log(`overhead per run, a sandbox per run:     ${overhead(sandboxedFresh).toFixed(2)} ms`);
if (isolated.length)
  console.log(
    `overhead per run, isolate (${ISOLATE}): ${overhead(isolated).toFixed(2)} ms   (target: pre-built at most half of it)`,
  );
else console.log('isolate: not measured (ISOLATE=/path/to/isolate compares it in the same loop)');
const hundredDirect = HUNDRED * md;
console.log(
  `100-test submission, engine time (median of 5, less ${HUNDRED} direct spawns): pre-built ${(median(submission.on) - hundredDirect).toFixed(0)} ms, a sandbox per run ${(median(submission.off) - hundredDirect).toFixed(0)} ms`,
);
console.log(
  `idle pre-built box (init, bwrap's two processes), proportional set: ${idleKb.map((kb) => (kb / 1024).toFixed(1)).join(', ')} MiB`,
);
console.log(
  `CPU-bound program, ${CPU_RUNS} runs: median ${cpuMedian} ms, min ${Math.min(...cpu)} ms, max ${Math.max(...cpu)} ms`,
);
console.log(`CPU time spread:             ±${(spread * 100).toFixed(1)} %   (target within ±5 %)`);
console.log(
  `C++ judgement (hello, ${allTestCases(hello.data).length} tests), median of ${JUDGE_RUNS}: compiled ${median(cold).toFixed(0)} ms, compile cached ${median(cached).toFixed(0)} ms`,
);
