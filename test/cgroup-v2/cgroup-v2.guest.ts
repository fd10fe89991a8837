import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NamespaceEngine, type Box, type RunLimits, type RunSpec } from '@judge/sandbox';
import { boxProcesses, openHarness, type Harness } from '../support/harness';

/**
 * Runs only inside the cgroup v2 guest (guest-run.sh), where the tests start in /judge-tests, a group below
 * the root with processes in it and no controllers delegated yet, as a systemd service would. What the run
 * and attack suites cannot see from inside a box: which driver the engine chose, where it put itself, and
 * what it wrote into each run's group. Limits are wide: the guest is emulated and tens of times slower.
 */
const CGROUP_ROOT = '/sys/fs/cgroup';

const limits: RunLimits = {
  cpuTimeMs: 60_000,
  wallTimeMs: 300_000,
  memoryBytes: 64 << 20,
  processes: 8,
  stdoutBytes: 1 << 16,
  stderrBytes: 1 << 10,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readText(path: string): Promise<string> {
  return (await readFile(path, 'utf8')).trim();
}

/** This process's group, from /proc/self/cgroup (`0::/path` on a v2-only host). */
async function ownGroup(): Promise<string> {
  return (await readText('/proc/self/cgroup')).replace(/^0::/, '');
}

/**
 * The run groups (named <box>-<pid>-<n>-<random>) under the engine's parent group; not the groups of pre-built
 * boxes' own processes (<...>-init), which hold no program.
 */
async function runGroups(parent: string): Promise<string[]> {
  const entries = await readdir(parent, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && /^\d+-\d+-\d+-[0-9a-f]+$/.test(e.name))
    .map((e) => join(parent, e.name));
}

/** Those of them that hold a process. */
async function busyRunGroups(parent: string): Promise<string[]> {
  const busy: string[] = [];
  for (const group of await runGroups(parent)) {
    const procs = await readText(join(group, 'cgroup.procs')).catch(() => '');
    if (procs !== '') busy.push(group);
  }
  return busy;
}

describe('the namespace engine under cgroup v2', () => {
  let harness: Harness;
  let box: Box;
  /** The folder of the engine's group `judge`, beside the `supervisor` leaf it moved itself into. */
  let parent: string;

  function python(code: string, extra: Partial<RunLimits> = {}) {
    return box.run({
      argv: ['/usr/bin/python3', '-c', code],
      boxWritable: false,
      stdin: { kind: 'null' },
      limits: { ...limits, ...extra },
    });
  }

  function sh(script: string, extra: Partial<RunSpec> = {}) {
    return box.run({ argv: ['/bin/sh', '-c', script], boxWritable: true, stdin: { kind: 'null' }, limits, ...extra });
  }

  beforeAll(async () => {
    harness = await openHarness('namespace');
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    parent = join(CGROUP_ROOT, dirname(await ownGroup()), 'judge');
  });

  afterAll(async () => {
    await box?.destroy();
    await harness?.close();
    expect(await boxProcesses()).toEqual([]);
  });

  it('chose the v2 driver', () => {
    expect(harness.sandbox).toBeInstanceOf(NamespaceEngine);
    expect((harness.sandbox as NamespaceEngine).cgroupVersion).toBe(2);
  });

  it('moved the processes of its own group into a `supervisor` leaf and delegated memory, pids and cpu', async () => {
    // One `supervisor` per judge process started from a process an earlier judge had moved: vitest starts
    // a worker per test file from its main process, which the first file's engine moved.
    const own = await ownGroup();
    expect(own).toMatch(/^\/judge-tests(\/supervisor)+$/);
    const delegating = join(CGROUP_ROOT, dirname(own));
    expect(await readText(join(delegating, 'cgroup.procs'))).toBe('');
    expect((await readText(join(delegating, 'cgroup.subtree_control'))).split(' ').sort()).toEqual([
      'cpu',
      'memory',
      'pids',
    ]);
    expect((await readText(join(parent, 'cgroup.subtree_control'))).split(' ').sort()).toEqual([
      'cpu',
      'memory',
      'pids',
    ]);
  });

  it('gives each run a group with its memory limit, no swap and its process limit', async () => {
    const controller = new AbortController();
    const pending = sh('sleep 600', { signal: controller.signal });
    let groups: string[] = [];
    try {
      for (let attempt = 0; attempt < 1200 && groups.length === 0; attempt++) {
        await sleep(50);
        groups = await busyRunGroups(parent);
      }
      expect(groups).toHaveLength(1);
      const group = groups[0];
      expect(await readText(join(group, 'memory.max'))).toBe(String(limits.memoryBytes));
      expect(await readText(join(group, 'memory.swap.max'))).toBe('0');
      // A pre-built box's group holds the program alone (its init and bwrap stay out): exactly the limit.
      expect(await readText(join(group, 'pids.max'))).toBe(String(limits.processes));
    } finally {
      controller.abort();
    }
    expect((await pending).status).toBe('aborted');
  });

  it('stops a program that needs more than its memory limit, although swap could hold the rest', async () => {
    const swapFreeKb = Number(/^SwapFree:\s+(\d+)/m.exec(await readFile('/proc/meminfo', 'utf8'))?.[1] ?? 0);
    expect(swapFreeKb).toBeGreaterThan(256 * 1024);
    // 96 MB written (bytes * n fills every page) against a 64 MB limit: without memory.swap.max = 0 the
    // kernel would move the excess to swap and the program would finish.
    const run = await python("b = b'\\x01' * (96 << 20); print(len(b))");
    expect(run.status).toBe('memory-limit');
    expect(run.stdout.toString()).toBe('');
  });

  it('reports the peak memory of the run from memory.peak', async () => {
    const run = await python("b = b'\\x01' * (48 << 20); print(len(b))", { memoryBytes: 128 << 20 });
    expect(run.status).toBe('ok');
    expect(run.memoryBytes).toBeGreaterThan(48 << 20);
    expect(run.memoryBytes).toBeLessThan(128 << 20);
  });

  it('stops a run at its CPU time limit, counted from cpu.stat', async () => {
    const run = await sh('while :; do :; done', { limits: { ...limits, cpuTimeMs: 2000 } });
    expect(run.status).toBe('cpu-time-limit');
    expect(run.cpuTimeMs).toBeGreaterThanOrEqual(2000);
  });

  it("kills what a run leaves behind, and removes the box's group with the box", async () => {
    const own = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    const run = await own.run({
      argv: ['/bin/sh', '-c', '(sleep 600 &) ; (setsid sleep 600 &) ; echo left'],
      boxWritable: false,
      stdin: { kind: 'null' },
      limits,
    });
    expect(run).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(run.stdout.toString()).toBe('left\n');
    // The run's group is empty as soon as its result is known: the next run of the box starts in it.
    expect(await busyRunGroups(parent)).toEqual([]);
    const uid = own.uid;
    await own.destroy();
    // With spare boxes the rest of the box (its idle init, its groups) goes in the background.
    await (harness.sandbox as NamespaceEngine).settled();
    expect(await boxProcesses(uid)).toEqual([]);
    // The shared box of the other checks, and the spare made in this one's place, keep their groups.
    const groups = (await runGroups(parent)).map((group) => basename(group));
    expect(groups.filter((name) => name.startsWith(`${uid}-`))).toEqual([]);
    expect(groups.length).toBeGreaterThan(0);
  });
});
