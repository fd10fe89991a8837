// What a run that fills /tmp costs the judge after it ends (a benchmark, not a test: it prints figures).
//  before: /tmp emptied file by file on the host, as the engines did until each run had a tmpfs of its own;
//  after:  for each engine, a run that makes FILES empty files in /tmp, then the next run: how long the judge
//          spent on the first run beyond the program's own wall time (clean-up included), and what the next
//          run found in /tmp.
// Run as root after `npm run build`: `node bench/tmp-cleanup.mjs` (BENCH_FILES, BENCH_ENGINES=namespace,docker).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createSandboxEngine, clearBoxDir } = require('../libs/sandbox/dist/index.js');

const FILES = Number(process.env.BENCH_FILES ?? 200_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'namespace,docker').split(',');
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const limits = {
  cpuTimeMs: 20_000,
  wallTimeMs: 60_000,
  memoryBytes: 512 << 20,
  processes: 8,
  stdoutBytes: 1 << 16,
  stderrBytes: 1 << 12,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};
const FILL = `import os\nfor i in range(${FILES}): os.close(os.open(f'/tmp/f{i}', os.O_CREAT | os.O_WRONLY))`;

// Before: the same number of files removed one by one by the judge (clearBoxDir, as after every run before).
{
  const dir = mkdtempSync(join(tmpdir(), 'judge-bench-tmp-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'judge-bench', dir]);
  try {
    mkdirSync(join(dir, 'tmp'));
    for (let i = 0; i < FILES; i++) closeSync(openSync(join(dir, 'tmp', `f${i}`), 'w'));
    const start = process.hrtime.bigint();
    await clearBoxDir(dir, 'tmp');
    console.log(`before: emptying /tmp of ${FILES} files file by file: ${ms(start).toFixed(0)} ms of the judge's time`);
  } finally {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const name of ENGINES) {
  const engine = createSandboxEngine(name);
  const problems = await engine.check();
  if (problems.length > 0) {
    console.log(`${name}: unavailable (${problems.join('; ')})`);
    continue;
  }
  const box = await engine.createBox({ sizeBytes: 256 << 20 });
  try {
    const run = (code) =>
      box.run({ argv: ['/usr/bin/python3', '-c', code], boxWritable: false, stdin: { kind: 'null' }, limits });
    const start = process.hrtime.bigint();
    const fill = await run(FILL);
    const total = ms(start);
    const next = await run("import os\nprint(len(os.listdir('/tmp')))");
    console.log(
      `after (${name}): run making ${FILES} files: ${fill.status}, program ${fill.wallTimeMs.toFixed(0)} ms wall / ` +
        `${fill.cpuTimeMs.toFixed(0)} ms CPU; the judge's run call ${total.toFixed(0)} ms in all ` +
        `(${(total - fill.wallTimeMs).toFixed(0)} ms beyond the program); next run saw ${next.stdout.toString().trim()} files in /tmp`,
    );
  } finally {
    await box.destroy();
    await engine.close();
  }
}
