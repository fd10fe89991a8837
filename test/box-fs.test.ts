import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box, RunLimits, RunSpec } from '@judge/sandbox';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import { boxProcesses, ENGINES, openHarness, type Harness } from './support/harness';

const limits: RunLimits = {
  cpuTimeMs: 10_000,
  wallTimeMs: 30_000,
  // 200,000 inodes and their dentries are kernel memory charged to the run.
  memoryBytes: 512 << 20,
  processes: 8,
  stdoutBytes: 1 << 16,
  stderrBytes: 1 << 12,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};

/** Makes a tree deeper than PATH_MAX (4096) with a marker at its bottom, and a marker at the top of /tmp. */
const DEEP_TREE = `
import os
os.chdir('/tmp')
open('marker', 'w').write('from the first run')
for i in range(40):
    os.mkdir('d' * 200)
    os.chdir('d' * 200)
open('bottom', 'w').write('deep')
print(len(os.getcwd()))
`;

/** A box's /tmp and what a program can learn of the host through /proc, straight from each engine. */
describe.each(ENGINES)('the %s engine', (engineName) => {
  let harness: Harness;
  let box: Box;
  let secret: string;

  function python(code: string, extra: Partial<RunSpec> = {}) {
    return box.run({
      argv: ['/usr/bin/python3', '-c', code],
      boxWritable: false,
      stdin: { kind: 'null' },
      limits,
      ...extra,
    });
  }

  beforeAll(async () => {
    harness = await openHarness(engineName);
    box = await harness.sandbox.createBox({ sizeBytes: 256 << 20 });
    // As a package's test input lies on the runner: in a private folder whose name holds the package's hash.
    secret = await mkdtemp(join(tmpdir(), 'judge-problem-'));
    await chmod(secret, 0o700);
    await writeFile(join(secret, '1.in'), '41\n');
  });

  afterAll(async () => {
    await box?.destroy();
    await harness?.close();
    if (secret) await rm(secret, { recursive: true, force: true });
    expect(await boxProcesses()).toEqual([]);
  });

  describe('each run has a /tmp of its own', () => {
    it('200,000 files one run made in /tmp are gone when the next run starts', async () => {
      const fill = await python(
        "import os\nfor i in range(200000): os.close(os.open(f'/tmp/f{i}', os.O_CREAT | os.O_WRONLY))\nprint(len(os.listdir('/tmp')))",
      );
      expect(fill.error ?? fill.status).toBe('ok');
      expect(fill.stdout.toString().trim()).toBe('200000');
      const next = await python("import os\nprint(len(os.listdir('/tmp')))");
      expect(next.status).toBe('ok');
      expect(next.stdout.toString().trim()).toBe('0');
    });

    it('a tree deeper than PATH_MAX in /tmp does not reach the next run', async () => {
      const deep = await python(DEEP_TREE);
      expect(deep.status).toBe('ok');
      expect(Number(deep.stdout.toString())).toBeGreaterThan(4096);
      const next = await python("import os\nprint(sorted(os.listdir('/tmp')))");
      expect(next.status).toBe('ok');
      expect(next.stdout.toString().trim()).toBe('[]');
    });

    it('a run writes its /tmp as before, up to the size of the box', async () => {
      const run = await python(
        "open('/tmp/a', 'w').write('x' * 1000)\nprint(open('/tmp/a').read().count('x'))\ntry:\n  f = open('/tmp/big', 'wb')\n  for i in range(300): f.write(b'x' * (1 << 20)); f.flush()\nexcept OSError as e: print(e.errno)",
        { limits: { ...limits, fileSizeBytes: 1 << 30, memoryBytes: 1 << 30 } },
      );
      expect(run.status).toBe('ok');
      // 1000 bytes read back, then ENOSPC (28) before 300 MiB: /tmp holds no more than the box's 256 MiB.
      expect(run.stdout.toString().split('\n').slice(0, 2)).toEqual(['1000', '28']);
    });
  });

  describe('the box after a run that may write it (compiling)', () => {
    it('a folder left writable by others, at the top of a tree deeper than PATH_MAX, takes no write of a later run', async () => {
      const writer = await python(
        "import os\nos.chdir('/box')\nos.mkdir('open')\nos.chmod('open', 0o777)\nos.chdir('open')\nfor i in range(40):\n    os.mkdir('d' * 200)\n    os.chmod('d' * 200, 0o777)\n    os.chdir('d' * 200)\nprint('made')",
        { boxWritable: true },
      );
      expect(writer.stdout.toString().trim()).toBe('made');
      const reader = await python(
        "try:\n  open('/box/open/planted', 'w').write('x')\n  print('wrote')\nexcept OSError:\n  print('refused')",
      );
      expect(reader.error ?? reader.status).toBe('ok');
      expect(reader.stdout.toString().trim()).toBe('refused');
    });
  });

  describe('in a judgement', () => {
    let problem: LoadedPackage;
    beforeAll(async () => {
      // Two tests (a sample and a secret one), each answered by "ok".
      problem = await loadProblemPackage(join(__dirname, 'fixtures', 'attack-problem'));
    });
    afterAll(() => problem?.dispose());

    it("a marker and a tree deeper than PATH_MAX the first test leaves in /tmp are not in the second test's", async () => {
      const code = `#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
  FILE *seen = fopen("/tmp/marker", "r");
  if (seen) { puts("the previous test's marker"); return 0; }
  FILE *marker = fopen("/tmp/marker", "w");
  fputs("test 1", marker);
  fclose(marker);
  char name[201];
  memset(name, 'd', 200);
  name[200] = 0;
  if (chdir("/tmp") != 0) return 1;
  for (int i = 0; i < 40; i++) if (mkdir(name, 0755) != 0 || chdir(name) != 0) return 1;
  puts("ok");
  return 0;
}`;
      const result = await harness.engine.judge({ problem, source: { fileName: 'marker.c', code } });
      expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'AC']);
      expect(result.verdict).toBe('AC');
    });
  });

  describe('host paths stay invisible', () => {
    const PROBE = `
import os
for fd in (0, 1, 2):
    try: print(fd, os.readlink(f'/proc/self/fd/{fd}'))
    except OSError as e: print(fd, 'error', e.errno)
for name in ('cmdline', 'environ'):
    try: print(name, open(f'/proc/1/{name}', 'rb').read().replace(b'\\0', b' ').decode())
    except OSError as e: print(name, 'error', e.errno)
print('input', input())
`;

    it('stdin, stdout, stderr and pid 1 show no host path of the input, the box or the judge', async () => {
      const run = await python(PROBE, { stdin: { kind: 'file', path: join(secret, '1.in') } });
      expect(run.status).toBe('ok');
      const seen = run.stdout.toString();
      // The program read its input...
      expect(seen).toContain('input 41');
      // ...and saw nothing of where it lies, nor of the boxes' folders.
      expect(seen).toMatch(/^cmdline /m);
      for (const hostPath of [secret, 'judge-problem-', '/var/lib/judge', '/var/cache/judge', '/tmp/judge'])
        expect(seen).not.toContain(hostPath);
    });
  });
});
