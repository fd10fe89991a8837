// How much the CPU time reported for one fixed CPU-bound program varies, with and without JUDGE_CPUS (a benchmark,
// not a test: it prints figures, it asserts none). Each round runs the program once in every configuration, so
// the machine's background load hits them all alike:
//   bare           the program spawned directly, its CPU time from wait4's rusage (no judge at all);
//   bare pinned    the same under `taskset -c CPU`;
//   <engine>       a sandboxed run, its CPU time as the engine reports it (the run's cgroup);
//   <engine> pinned the same with JUDGE_CPUS=CPU (cpuset: a cgroup per run, or the docker container's).
// It also prints the CPU time each engine reports for a static `return 0`: what of a run's time is the sandbox's
// own start-up rather than the program's.
// Run as root after `npm run build`: `npm run bench:time`. BENCH_RUNS (default 20) rounds; BENCH_CPU (default the
// last online CPU) the pinned CPU; BENCH_ENGINES (default `namespace,docker`; docker only when its daemon answers).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSandboxEngine, buildRuntimeImages, DockerEngine, onlineCpus } = require('../libs/sandbox/dist/index.js');

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const online = onlineCpus();
const CPU = Number(process.env.BENCH_CPU ?? online[online.length - 1]);
const ENGINES = (process.env.BENCH_ENGINES ?? 'namespace,docker').split(',');
const TARGET_MS = 300;
const work = mkdtempSync(join(tmpdir(), 'judge-bench-'));

function compile(name, source) {
  writeFileSync(join(work, `${name}.c`), source);
  execFileSync('gcc', ['-O2', '-static', '-o', join(work, name), join(work, `${name}.c`)]);
  return join(work, name);
}

const tiny = compile('tiny', 'int main(void) { return 0; }\n');
const spin = compile(
  'spin',
  '#include <stdlib.h>\nint main(int c, char **v) { volatile unsigned long n = 0, k = strtoul(v[1], 0, 10); for (unsigned long i = 0; i < k; i++) n += i; return 0; }\n',
);
// The bare runs' meter: fork, exec, wait4, and the child's user + system time from its rusage, in µs.
const meter = compile(
  'meter',
  `#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int c, char **v) {
  pid_t pid = fork();
  if (pid == 0) { execv(v[1], v + 1); _exit(127); }
  int status; struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) return 1;
  printf("%ld\\n", (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
  return status == 0 ? 0 : 1;
}
`,
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
const run = (argv) => ({ argv, boxWritable: false, stdin: { kind: 'null' }, limits });

function bareMs(iterations, pinned) {
  const argv = [meter, spin, String(iterations)];
  const result = pinned
    ? spawnSync('taskset', ['-c', String(CPU), ...argv], { encoding: 'utf8' })
    : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bare run failed: ${result.stderr}`);
  return Number(result.stdout.trim()) / 1000;
}

async function dockerAnswers() {
  try {
    const engine = createSandboxEngine('docker', {});
    await engine.docker.ping();
    return true;
  } catch {
    return false;
  }
}

/** A configuration: an engine (pinned or not) and its box with both programs in it. */
async function openConfig(name, pinned, index) {
  const cpuList = pinned ? [CPU] : undefined;
  const options =
    name === 'namespace'
      ? {
          namespace: {
            boxRoot: `/var/lib/judge/bench-boxes-${index}`,
            uidBase: 3_200_000 + 8 * index,
            uidCount: 4,
            cgroupParent: `judge-bench-${index}`,
            cpuList,
          },
        }
      : {
          docker: {
            namePrefix: `judge-bench-box-${index}`,
            uidBase: 3_600_000 + 16 * index,
            slots: 4,
            owner: `bench-${index}`,
            cpuList,
          },
        };
  const engine = createSandboxEngine(name, options);
  if (engine instanceof DockerEngine) await buildRuntimeImages(engine.docker, []);
  const problems = await engine.check();
  if (problems.length) throw new Error(`${name} sandbox unavailable: ${problems.join('; ')}`);
  const box = await engine.createBox({ sizeBytes: 32 << 20 });
  await box.writeFile('tiny', readFileSync(tiny), 0o755);
  await box.writeFile('spin', readFileSync(spin), 0o755);
  const placement = engine.cpuPlacement ? ` (${engine.cpuPlacement})` : '';
  return {
    label: `${name}${pinned ? ` pinned to ${CPU}${placement}` : ''}${name === 'namespace' && engine.cgroupVersion ? `, cgroup v${engine.cgroupVersion}` : ''}`,
    engine,
    box,
    async cpuMs(argv) {
      const r = await box.run(run(argv));
      if (r.status !== 'ok') throw new Error(`${this.label}: ${r.status} ${r.error ?? ''} ${r.stderr.toString()}`);
      return r.cpuTimeMs;
    },
  };
}

const configs = [];
let index = 0;
for (const name of ENGINES) {
  if (name === 'docker' && !(await dockerAnswers())) {
    console.log('docker: the daemon does not answer, skipped');
    continue;
  }
  configs.push(await openConfig(name, false, index++));
  configs.push(await openConfig(name, true, index++));
}

try {
  // Calibrate the loop to about TARGET_MS of CPU, bare.
  let iterations = 50_000_000;
  for (let i = 0; i < 3; i++)
    iterations = Math.round((iterations * TARGET_MS) / Math.max(1, bareMs(iterations, false)));

  const series = [
    { label: 'bare (wait4 rusage)', times: [], take: () => bareMs(iterations, false) },
    { label: `bare, taskset -c ${CPU}`, times: [], take: () => bareMs(iterations, true) },
    ...configs.map((c) => ({ label: c.label, times: [], take: () => c.cpuMs(['./spin', String(iterations)]) })),
  ];
  const startUp = configs.map((c) => ({ label: c.label, times: [] }));
  // Warm-up round, not counted.
  for (const s of series) await s.take();
  for (let round = 0; round < RUNS; round++) {
    for (const s of series) s.times.push(await s.take());
    for (let i = 0; i < configs.length; i++) startUp[i].times.push(await configs[i].cpuMs(['./tiny']));
  }

  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    const spread = Math.max(median - s[0], s[s.length - 1] - median) / median;
    return { median, min: s[0], max: s[s.length - 1], spread };
  };
  const f = (x) => x.toFixed(1).padStart(7);
  console.log(
    `${RUNS} rounds of a static CPU-bound loop (~${TARGET_MS} ms), online CPUs ${online.join(',')}, pinned CPU ${CPU}`,
  );
  console.log(
    `${'configuration'.padEnd(44)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)}  spread`,
  );
  for (const s of series) {
    const t = stats(s.times);
    console.log(`${s.label.padEnd(44)} ${f(t.median)} ${f(t.min)} ${f(t.max)}  ±${(t.spread * 100).toFixed(1)} %`);
  }
  console.log(`\nCPU time reported for a static "return 0" (the sandbox's own share of every run), ms:`);
  for (const s of startUp) {
    const t = stats(s.times);
    console.log(`${s.label.padEnd(44)} ${f(t.median)} ${f(t.min)} ${f(t.max)}`);
  }
} finally {
  for (const c of configs) {
    await c.box.destroy();
    await c.engine.close();
  }
  rmSync(work, { recursive: true, force: true });
}
