import { createServer, type Server } from 'node:net';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '@judge/contract';
import { JudgeEngine } from '@judge/judge';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import { boxProcesses, leftoverBoxes, openHarness, SANDBOX_SETUPS, type Harness } from './support/harness';

/**
 * Hostile programs against the real sandbox. Each test asserts the verdict the contestant would see and
 * the state of the host afterwards: no box process left, no box folder left, nothing written outside.
 */
describe.each(SANDBOX_SETUPS.map((setup) => [setup.label, setup] as const))('the %s', (_, setup) => {
  const { engine: engineName, options } = setup;
  let harness: Harness;
  let problem: LoadedPackage;

  beforeAll(async () => {
    harness = await openHarness(engineName, undefined, options);
    problem = await loadProblemPackage(join(__dirname, 'fixtures', 'attack-problem'));
  });

  afterAll(async () => {
    await problem?.dispose();
    await harness?.close();
  });

  afterEach(async () => {
    expect(await boxProcesses(undefined, harness.sandbox)).toEqual([]);
    expect(await leftoverBoxes(harness.sandbox)).toEqual([]);
  });

  function judgeC(code: string, fileName = 'attack.c'): Promise<JudgeResult> {
    return harness.engine.judge({ problem, source: { fileName, code } });
  }

  /**
   * Judged with a wall limit far above the CPU limit, for the tests of CPU time: on a busy machine a CPU-bound
   * program is otherwise stopped by the wall clock first, before it has used its CPU time.
   */
  function judgeCOnCpuTime(code: string): Promise<JudgeResult> {
    const engine = new JudgeEngine({
      sandbox: harness.sandbox,
      languages: harness.engine.languages,
      cacheDir: harness.cacheDir,
      wallTime: { factor: 10, interactiveFactor: 10, extraMs: 1000 },
    });
    return engine.judge({ problem, source: { fileName: 'attack.c', code } });
  }

  describe('resource attacks', () => {
    it('fork bomb: stopped by the process limit and the CPU limit, host keeps its processes', async () => {
      const result = await judgeC(`#include <unistd.h>
  int main(void) { for (;;) fork(); }`);
      expect(result.verdict).toBe('TLE');
      // Staff see it: the processes refused at the limit, and the kill that stopped them still multiplying.
      const kinds = (result.securityEvents ?? []).map((e) => [e.kind, e.test]);
      expect(kinds).toContainEqual(['process-limit', 'sample/1']);
      expect(kinds).toContainEqual(['fork-bomb', 'sample/1']);
    });

    it('memory bomb: MLE', async () => {
      // Huge pages where the kernel offers them (madvise): the bomb reaches its limit in a few hundred page faults,
      // where 4 KiB pages took 65,536 and, on a busy virtual machine, more than the second of CPU time it has.
      const result = await judgeC(`#define _GNU_SOURCE
  #include <string.h>
  #include <sys/mman.h>
  int main(void) {
    for (;;) {
      char *p = mmap(0, 32 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) continue;
      madvise(p, 32 << 20, MADV_HUGEPAGE);
      memset(p, 1, 32 << 20);
    }
  }`);
      expect(result.verdict).toBe('MLE');
      expect(result.tests[0].memoryKb).toBeGreaterThanOrEqual(250 * 1024);
    });

    it('output flood: OLE, and the judge keeps no more than the output limit', async () => {
      const result = await judgeC(`#include <stdio.h>
  int main(void) { for (;;) fputs("flood flood flood flood\\n", stdout); }`);
      expect(result.verdict).toBe('OLE');
      expect(result.securityEvents).toEqual([
        { kind: 'output-flood', test: 'sample/1', detail: expect.stringMatching(/limit/) as string, count: 1 },
      ]);
    });

    it('a flood on stderr is cut and never fails the run', async () => {
      const result = await judgeC(`#include <stdio.h>
  int main(void) { for (int i = 0; i < 200000; i++) fputs("noise noise noise noise noise\\n", stderr); puts("ok"); return 0; }`);
      expect(result.verdict).toBe('AC');
    });

    it('a file past the file size limit stops the run (OLE)', async () => {
      const result = await judgeC(`#include <stdio.h>
  #include <string.h>
  int main(void) {
    static char block[1 << 20];
    memset(block, 'x', sizeof block);
    FILE *f = fopen("/tmp/big", "w");
    for (int i = 0; i < 64; i++) fwrite(block, 1, sizeof block, f);
    fclose(f);
    puts("ok");
    return 0;
  }`);
      expect(result.verdict).toBe('OLE');
      expect(result.securityEvents?.map((e) => e.kind)).toEqual(['file-size-limit']);
    });

    it('open files are limited', async () => {
      const result = await judgeC(`#include <stdio.h>
  int main(void) {
    for (int i = 0; i < 100000; i++) if (!fopen("/dev/null", "r")) { puts("ok"); return 0; }
    puts("unlimited");
    return 0;
  }`);
      expect(result.verdict).toBe('AC');
    });

    it('infinite loop: TLE on CPU time', async () => {
      const result = await judgeCOnCpuTime('int main(void) { volatile unsigned long n = 0; for (;;) n++; }');
      expect(result.verdict).toBe('TLE');
      expect(result.tests[0].timeMs).toBeGreaterThanOrEqual(1000);
    });

    it('sleeping: TLE on wall time although almost no CPU is used', async () => {
      const result = await judgeC('#include <unistd.h>\nint main(void) { sleep(100); return 0; }');
      expect(result.verdict).toBe('TLE');
      expect(result.tests[0].timeMs).toBeLessThan(500);
      expect(result.tests[0].wallMs).toBeGreaterThanOrEqual(2000);
    });

    it('two busy threads: CPU time counts both', async () => {
      // Each thread burns 600 ms of its own CPU time, then the program exits: alone each is within the 1 s
      // limit, together they are over it. Measured in CPU time, so a busy machine cannot change the outcome.
      const result = await judgeCOnCpuTime(`#define _POSIX_C_SOURCE 200809L
  #include <pthread.h>
  #include <stdio.h>
  #include <time.h>
  static void *burn(void *arg) {
    struct timespec t;
    do { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); } while (t.tv_sec * 1000 + t.tv_nsec / 1000000 < 600);
    return arg;
  }
  int main(void) { pthread_t t; pthread_create(&t, 0, burn, 0); burn(0); pthread_join(t, 0); puts("ok"); return 0; }`);
      expect(result.verdict).toBe('TLE');
      expect(result.tests[0].timeMs).toBeGreaterThanOrEqual(1000);
    });

    it("deep recursion within the memory limit is accepted: the main thread's stack has no limit but memory", async () => {
      const result = await judgeC(`#include <stdio.h>
  static long depth(long n) { volatile char pad[64]; pad[0] = (char)n; return n == 0 ? pad[0] : depth(n - 1) + pad[0] % 2; }
  int main(void) { long r = depth(1500000); printf(r >= 0 ? "ok\\n" : "no\\n"); return 0; }`);
      expect(result.verdict).toBe('AC');
      expect(result.tests[0].memoryKb).toBeGreaterThan(64 * 1024);
    });

    it('#include </dev/random> at compile time: CE within the compile limits, never a hang', async () => {
      const result = await judgeC('#include </dev/random>\nint main(void) { return 0; }');
      expect(result.verdict).toBe('CE');
    });
  });

  describe('escape attempts', () => {
    let server: Server;
    let port = 0;
    let connections = 0;

    beforeAll(async () => {
      server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('network: cannot connect to a port the host listens on', async () => {
      const result = await judgeC(`#include <arpa/inet.h>
  #include <stdio.h>
  #include <sys/socket.h>
  #include <unistd.h>
  int main(void) {
    const char *hosts[] = {"127.0.0.1", "10.0.2.2", "172.17.0.1"};
    int reached = 0;
    for (int i = 0; i < 3; i++) {
      int s = socket(AF_INET, SOCK_STREAM, 0);
      struct sockaddr_in a = {0};
      a.sin_family = AF_INET; a.sin_port = htons(${port}); inet_pton(AF_INET, hosts[i], &a.sin_addr);
      if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0) reached = 1;
      if (s >= 0) close(s);
    }
    puts(reached ? "connected" : "ok");
    return 0;
  }`);
      expect(result.verdict).toBe('AC');
      expect(connections).toBe(0);
    });

    it("reading /etc/shadow and the problem's answer files fails", async () => {
      const answer = problem.data.groups.find((g) => g.name === 'secret')!.tests[0].answerPath;
      const result = await judgeC(`#include <stdio.h>
  int main(void) {
    const char *paths[] = {"/etc/shadow", "/etc/passwd", "${answer}", "/proc/1/root/etc/shadow", "/root/.bashrc", "/home"};
    for (int i = 0; i < 6; i++) { FILE *f = fopen(paths[i], "r"); if (f) { printf("read %s\\n", paths[i]); return 0; } }
    puts("ok");
    return 0;
  }`);
      expect(result.verdict).toBe('AC');
    });

    it("the judge's environment does not reach the program", async () => {
      process.env.DATABASE_URL = 'postgres://secret@db/judge';
      process.env.JUDGE_RUNNER_TOKEN = 'secret-token';
      try {
        const result = await judgeC(`#include <stdio.h>
  #include <string.h>
  extern char **environ;
  int main(void) {
    const char *allowed[] = {"PATH=", "HOME=", "LANG=", "TMPDIR=", "PWD="};
    for (char **e = environ; *e; e++) {
      int ok = 0;
      for (int i = 0; i < 5; i++) if (strncmp(*e, allowed[i], strlen(allowed[i])) == 0) ok = 1;
      if (!ok) { printf("leaked %s\\n", *e); return 0; }
    }
    puts("ok");
    return 0;
  }`);
        expect(result.verdict).toBe('AC');
      } finally {
        delete process.env.DATABASE_URL;
        delete process.env.JUDGE_RUNNER_TOKEN;
      }
    });

    it('writing outside the box fails, and nothing appears on the host', async () => {
      const targets = [
        '/judge-escape',
        '/usr/judge-escape',
        '/box/judge-escape',
        '/etc/judge-escape',
        '/root/judge-escape',
        '/var/tmp/judge-escape',
        '/dev/shm/judge-escape',
      ];
      const result = await judgeC(`#include <stdio.h>
  int main(void) {
    const char *paths[] = {${targets.map((t) => `"${t}"`).join(', ')}};
    for (int i = 0; i < ${targets.length}; i++) { FILE *f = fopen(paths[i], "w"); if (f) { printf("wrote %s\\n", paths[i]); return 0; } }
    FILE *scratch = fopen("/tmp/scratch", "w");
    puts(scratch ? "ok" : "no scratch space");
    return 0;
  }`);
      expect(result.verdict).toBe('AC');
      for (const target of targets) expect(existsSync(target)).toBe(false);
    });

    it('an orphan that outlives its parent is killed when the run ends', async () => {
      const result = await judgeC(`#include <stdio.h>
  #include <unistd.h>
  int main(void) {
    if (fork() == 0) { setsid(); if (fork() == 0) { for (;;) sleep(1); } for (;;) sleep(1); }
    puts("ok");
    return 0;
  }`);
      expect(result.verdict).toBe('AC');
      // afterEach asserts that no process of any box user is left on the host.
    });

    it('kill(-1, SIGKILL) reaches nothing outside the box', async () => {
      const sentinel: ChildProcess = spawn('sleep', ['60'], { stdio: 'ignore' });
      try {
        const result = await judgeC(`#include <signal.h>
  #include <stdio.h>
  int main(void) { kill(-1, SIGKILL); puts("ok"); return 0; }`);
        expect(result.verdict).toBe('AC');
        expect(sentinel.exitCode).toBeNull();
        expect(() => process.kill(sentinel.pid!, 0)).not.toThrow();
      } finally {
        sentinel.kill();
      }
    });
  });

  describe('the same attacks in the languages that can express them', () => {
    // In CI every language is installed (scripts/setup.sh --languages all): a missing one fails there. Elsewhere
    // a language whose toolchain is not installed is reported as skipped.
    const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
    let server: Server;
    let port = 0;
    let connections = 0;

    beforeAll(async () => {
      server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    async function judgeIn(fileName: string, code: string, skip: (note: string) => void): Promise<JudgeResult> {
      const language = harness.engine.languages.byFileName(fileName)!;
      if (!(await harness.engine.languages.availableIds()).includes(language.id)) {
        if (inCi) throw new Error(`language ${language.id} is not installed, though CI installs every language`);
        skip(`${language.id} is not installed here`);
      }
      return harness.engine.judge({ problem, source: { fileName, code } });
    }

    // Each program forks until the process limit stops it, and keeps trying: never an answer.
    const forkBombs: [string, string][] = [
      ['bomb.bash', 'bomb() { bomb & bomb; }\nbomb\n'],
      ['bomb.sh', 'bomb() { bomb & bomb; }\nbomb\n'],
      ['bomb.pl', '1 while 1 + (fork() // 0);\n'],
      ['bomb.rb', 'loop { begin; fork; rescue SystemCallError; end }\n'],
      ['bomb.php', '<?php\nwhile (true) { pcntl_fork(); }\n'],
      ['bomb.lua', 'while true do os.execute("sleep 100 &") end\n'],
      ['bomb.py', 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n'],
      [
        'bomb.ml',
        'let rec loop () = (try ignore (Unix.fork ()) with Unix.Unix_error _ -> ()); loop ()\nlet () = loop ()\n',
      ],
    ];

    it.for(forkBombs)('fork bomb in %s: stopped, host keeps its processes', async ([fileName, code], { skip }) => {
      const result = await judgeIn(fileName, code, skip);
      expect(['TLE', 'RE']).toContain(result.verdict);
      // afterEach asserts that no process of any box user is left on the host.
    });

    const hosts = ['127.0.0.1', '10.0.2.2', '172.17.0.1'];
    const network = (p: number): [string, string][] => [
      [
        'net.bash',
        `for h in ${hosts.join(' ')}; do\n  if (exec 3<>/dev/tcp/$h/${p}) 2>/dev/null; then echo connected; exit 0; fi\ndone\necho ok\n`,
      ],
      [
        'net.pl',
        `use IO::Socket::INET;\nfor my $h (qw(${hosts.join(' ')})) {\n  if (IO::Socket::INET->new(PeerAddr => $h, PeerPort => ${p}, Timeout => 1)) { print "connected\\n"; exit 0 }\n}\nprint "ok\\n";\n`,
      ],
      [
        'net.rb',
        `require 'socket'\n%w[${hosts.join(' ')}].each do |h|\n  begin\n    Socket.tcp(h, ${p}, connect_timeout: 1)\n    puts 'connected'\n    exit\n  rescue SystemCallError, IOError\n  end\nend\nputs 'ok'\n`,
      ],
      [
        'net.php',
        `<?php\nforeach (['${hosts.join("', '")}'] as $h) {\n  if (@fsockopen($h, ${p}, $errno, $error, 1)) { echo "connected\\n"; exit(0); }\n}\necho "ok\\n";\n`,
      ],
      [
        'net.py',
        `import socket\nfor h in ['${hosts.join("', '")}']:\n    try:\n        socket.create_connection((h, ${p}), 1)\n        print('connected')\n        raise SystemExit\n    except OSError:\n        pass\nprint('ok')\n`,
      ],
    ];

    it.for(network(0).map(([fileName]) => fileName))(
      'network in %s: cannot connect to a port the host listens on',
      async (fileName, { skip }) => {
        const code = network(port).find(([f]) => f === fileName)![1];
        const result = await judgeIn(fileName, code, skip);
        expect(result.verdict).toBe('AC');
        expect(connections).toBe(0);
      },
    );

    const targets = [
      '/judge-escape',
      '/usr/judge-escape',
      '/box/judge-escape',
      '/etc/judge-escape',
      '/root/judge-escape',
    ];
    const quoted = targets.map((t) => `'${t}'`).join(' ');
    const writers: [string, string][] = [
      [
        'write.bash',
        `for p in ${quoted}; do\n  if (echo x > "$p") 2>/dev/null; then echo "wrote $p"; exit 0; fi\ndone\necho x > /tmp/scratch && echo ok\n`,
      ],
      [
        'write.sh',
        `for p in ${quoted}; do\n  if (echo x > "$p") 2>/dev/null; then echo "wrote $p"; exit 0; fi\ndone\necho x > /tmp/scratch && echo ok\n`,
      ],
      [
        'write.pl',
        `for my $p (${targets.map((t) => `'${t}'`).join(', ')}) { if (open(my $f, '>', $p)) { print "wrote $p\\n"; exit 0 } }\nopen(my $s, '>', '/tmp/scratch') or die;\nprint "ok\\n";\n`,
      ],
      [
        'write.rb',
        `[${targets.map((t) => `'${t}'`).join(', ')}].each do |p|\n  begin\n    File.open(p, 'w') { |f| f.puts 'x' }\n    puts "wrote #{p}"\n    exit\n  rescue SystemCallError\n  end\nend\nFile.write('/tmp/scratch', 'x')\nputs 'ok'\n`,
      ],
      [
        'write.php',
        `<?php\nforeach ([${targets.map((t) => `'${t}'`).join(', ')}] as $p) {\n  if (@fopen($p, 'w')) { echo "wrote $p\\n"; exit(0); }\n}\nfile_put_contents('/tmp/scratch', 'x');\necho "ok\\n";\n`,
      ],
      [
        'write.lua',
        `for _, p in ipairs({${targets.map((t) => `'${t}'`).join(', ')}}) do\n  local f = io.open(p, 'w')\n  if f then print('wrote ' .. p) os.exit(0) end\nend\nassert(io.open('/tmp/scratch', 'w'))\nprint('ok')\n`,
      ],
      [
        'write.R',
        `for (p in c(${targets.map((t) => `'${t}'`).join(', ')})) {\n  if (suppressWarnings(file.create(p))) { cat('wrote', p, '\\n'); quit() }\n}\nstopifnot(file.create('/tmp/scratch'))\ncat('ok\\n')\n`,
      ],
    ];

    it.for(writers)(
      'writing outside the box in %s fails, and nothing appears on the host',
      async ([fileName, code], { skip }) => {
        const result = await judgeIn(fileName, code, skip);
        expect(result.verdict).toBe('AC');
        for (const target of targets) expect(existsSync(target)).toBe(false);
      },
    );
  });

  /**
   * test/fixtures/syscall-filter/<case>/: attempt.c makes one call, expected-errno.txt says how it must fail
   * (0: succeed). The program prints "ok" and exits 0 when it does: a denied call fails, never kills.
   */
  describe('the syscall filter', () => {
    const folder = join(__dirname, 'fixtures', 'syscall-filter');
    const check = readFileSync(join(folder, 'check.h'), 'utf8');
    const cases = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);

    it.each(cases)('%s', async (name) => {
      const expected = readFileSync(join(folder, name, 'expected-errno.txt'), 'utf8').trim();
      const attempt = readFileSync(join(folder, name, 'attempt.c'), 'utf8');
      const result = await judgeC(`#define EXPECTED ${expected}\n${check}\n${attempt}`);
      if (name === 'int80-getpid' && !kernelOffersInt80()) {
        // This kernel has no 32-bit ABI at all: the call kills its caller before any filter sees it, as closed.
        expect({ verdict: result.verdict, signal: result.tests[0]?.signal }).toEqual({ verdict: 'RE', signal: 11 });
        return;
      }
      // The sample test's output says what the call did when it was not refused as expected.
      expect({ verdict: result.verdict, output: result.tests[0]?.output?.trim() }).toEqual({
        verdict: 'AC',
        output: 'ok',
      });
    });
  });

  describe('from one test to the next in one box', () => {
    const limits = {
      cpuTimeMs: 2000,
      wallTimeMs: 10_000,
      memoryBytes: 128 << 20,
      processes: 16,
      stdoutBytes: 1 << 16,
      stderrBytes: 1 << 12,
      fileSizeBytes: 1 << 20,
      openFiles: 64,
    };
    /**
     * What a run can see of what went before it: processes, /tmp, its environment, System V IPC objects, a lock
     * on a box file, its limits and umask. Printed as text, so that a fresh box's first run can be compared.
     */
    const probe = [
      'n=0; for c in /proc/[0-9]*/cmdline; do tr "\\0" " " < "$c" 2>/dev/null | grep -q "sleep [1]000" && n=$((n+1)); done; echo "sleepers $n"',
      'echo "tmp: $(ls -A /tmp | tr "\\n" " ")"',
      'env | sort',
      'ipcs -m -s -q 2>&1 | grep -c "^0x" | sed "s/^/ipc objects /"',
      'flock -n -x /box/shared.lock true 2>/dev/null; echo "lock $?"',
      'ulimit -a',
      'umask',
    ].join('\n');
    /** Everything a test could leave behind, kept alive where it can be. */
    const polluter = [
      '(setsid sleep 1000 > /dev/null 2>&1 &)',
      '(sleep 1000 > /dev/null 2>&1 &)',
      'nohup sleep 1000 > /dev/null 2>&1 &',
      'echo left > /tmp/left; mkdir /tmp/dir; mkfifo /tmp/fifo',
      'ipcmk -M 4096; ipcmk -S 1; ipcmk -Q',
      '(flock -x /box/shared.lock sleep 1000 > /dev/null 2>&1 &)',
      'ulimit -n 16; umask 077; export LEFT=1',
      'echo polluted',
    ].join('\n');

    async function firstRuns(scripts: string[]): Promise<string[]> {
      const box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
      try {
        await box.writeFile('shared.lock', '');
        const outputs: string[] = [];
        for (const script of scripts) {
          const run = await box.run({
            argv: ['/bin/sh', '-c', script],
            env: { PATH: '/usr/bin:/bin', RUN: String(outputs.length) },
            boxWritable: false,
            stdin: { kind: 'null' },
            limits,
          });
          expect(run.status, run.stderr.toString()).toBe('ok');
          outputs.push(run.stdout.toString());
        }
        return outputs;
      } finally {
        await box.destroy();
      }
    }

    it('a test that leaves processes, files, IPC objects, a held lock, limits or environment changes nothing for the next', async () => {
      const [fresh] = await firstRuns([probe]);
      expect(fresh).toMatch(/^sleepers 0$/m);
      expect(fresh).toMatch(/^tmp: $/m);
      const [polluted, after] = await firstRuns([polluter, probe]);
      expect(polluted).toContain('polluted');
      // The second run of a box sees exactly what the first run of a fresh box sees (bar its own RUN number).
      expect(after.replace('RUN=1', 'RUN=0')).toBe(fresh);
    });

    it('a test stopped at its time limit, with its children, never stops the test after it', async () => {
      const box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
      try {
        const statuses: string[] = [];
        for (let i = 0; i < 12; i++) {
          // Stopped by the CPU watch, then by the wall clock: either way the engine kills the whole group while
          // the program and its children still run, and the next test starts right after.
          const stopped = await box.run({
            argv: ['/bin/sh', '-c', 'for i in 1 2 3 4 5 6; do (while :; do :; done) & done; sleep 1000'],
            boxWritable: false,
            stdin: { kind: 'null' },
            limits: i % 2 ? { ...limits, wallTimeMs: 150 } : { ...limits, cpuTimeMs: 100 },
          });
          statuses.push(stopped.status);
          const next = await box.run({
            argv: ['/bin/sh', '-c', 'sleep 0.05; echo next'],
            boxWritable: false,
            stdin: { kind: 'null' },
            limits,
          });
          expect(next.status, `after run ${i}: ${next.stderr.toString()}`).toBe('ok');
          expect(next.stdout.toString()).toBe('next\n');
        }
        expect(new Set(statuses)).toEqual(new Set(['cpu-time-limit', 'wall-time-limit']));
      } finally {
        await box.destroy();
      }
    });
  });

  describe('links and special files planted in a box', () => {
    it('the judge reads no link and no fifo a validator planted in its feedback folder', async () => {
      const planted = await loadProblemPackage(join(__dirname, 'fixtures', 'planted-links-problem'));
      try {
        const result = await harness.engine.judge({
          problem: planted,
          source: { fileName: 'one.py', code: 'print(1)\n' },
        });
        expect(result.verdict).toBe('WA');
        const shadow = readFileSync('/etc/shadow', 'utf8');
        const passwd = readFileSync('/etc/passwd', 'utf8');
        expect(result.tests[0].feedback).toBe('');
        expect(result.tests[0].feedback).not.toContain(shadow.slice(0, 10));
        expect(result.tests[0].feedback).not.toContain(passwd.slice(0, 10));
      } finally {
        await planted.dispose();
      }
    });

    it('a symlink the program plants is never followed by host-side reads', async () => {
      const box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
      try {
        const run = await box.run({
          argv: [
            '/bin/sh',
            '-c',
            'ln -s /etc/shadow /box/stolen && mkfifo /box/pipe && mkdir /box/dir && ln -s /etc /box/dir/up',
          ],
          boxWritable: true,
          stdin: { kind: 'null' },
          limits: {
            cpuTimeMs: 1000,
            wallTimeMs: 5000,
            memoryBytes: 64 << 20,
            processes: 8,
            stdoutBytes: 1024,
            stderrBytes: 1024,
            fileSizeBytes: 1 << 20,
            openFiles: 32,
          },
        });
        expect(run.status).toBe('ok');
        expect(await box.readFile('stolen', 1 << 20)).toBeNull();
        expect(await box.readFile('pipe', 1 << 20)).toBeNull();
        expect(await box.readFile('dir/up/shadow', 1 << 20)).toBeNull();
        // Writing through a planted link must not touch the link's target either.
        await expect(box.writeFile('stolen', 'overwrite')).rejects.toThrow();
        await expect(box.writeFile('dir/up/judge-escape', 'x')).rejects.toThrow();
        expect(existsSync('/etc/judge-escape')).toBe(false);
        expect(readFileSync('/etc/shadow', 'utf8')).not.toContain('overwrite');
      } finally {
        await box.destroy();
      }
    });
  });
});

/**
 * Whether this kernel offers the 32-bit x86 ABI (int 0x80): one built or booted without IA32 emulation kills the
 * caller with SIGSEGV. Probed with our own one-line program on the host, never a submission.
 */
function kernelOffersInt80(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'int80-probe-'));
  try {
    writeFileSync(
      join(dir, 'probe.c'),
      'int main(void) { long r; __asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory", "rcx", "r11"); return 0; }\n',
    );
    execFileSync('gcc', ['-o', join(dir, 'probe'), join(dir, 'probe.c')]);
    return spawnSync(join(dir, 'probe')).signal === null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
