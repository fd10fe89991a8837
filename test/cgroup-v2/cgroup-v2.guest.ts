import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NamespaceEngine, type Box, type RunLimits, type RunSpec } from '@judge/sandbox';
import { boxProcesses, openHarness, type Harness } from '../support/harness';

/**
 * Runs only inside the cgroup v2 guest (guest-run.sh), where the tests live in /judge-tests, a group below
 * the root with processes in it and no controllers delegated yet, as a systemd service would be. What the
 * run and attack suites cannot see from inside a box: which driver the engine chose, where it put itself,
 * and what it wrote into each run's group.
 */
const CGROUP_ROOT = '/sys/fs/cgroup';
const TESTS_GROUP = join(CGROUP_ROOT, 'judge-tests');

const limits: RunLimits = {
  cpuTimeMs: 5000,
  wallTimeMs: 20_000,
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

/** The run groups (named <box>-<pid>-<n>-<random>) under the engine's parent group. */
async function runGroups(parent: string): Promise<string[]> {
  const entries = await readdir(parent, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && /^\d+-\d+-\d+-/.test(e.name)).map((e) => join(parent, e.name));
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

  function sh(script: string, extra: Partial<RunSpec> = {}) {
    return box.run({ argv: ['/bin/sh', '-c', script], boxWritable: true, stdin: { kind: 'null' }, limits, ...extra });
  }

  beforeAll(async () => {
    harness = await openHarness('namespace');
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
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
    expect(await readText('/proc/self/cgroup')).toBe('0::/judge-tests/supervisor');
    expect(await readText(join(TESTS_GROUP, 'cgroup.procs'))).toBe('');
    expect((await readText(join(TESTS_GROUP, 'cgroup.subtree_control'))).split(' ').sort()).toEqual([
      'cpu',
      'memory',
      'pids',
    ]);
  });

  it("gives each run a group with its memory limit, no swap and its process limit", async () => {
    const parent = join(TESTS_GROUP, 'judge');
    const controller = new AbortController();
    const pending = sh('sleep 60', { signal: controller.signal });
    let groups: string[] = [];
    for (let attempt = 0; attempt < 200 && groups.length === 0; attempt++) {
      await sleep(50);
      groups = await busyRunGroups(parent);
    }
    try {
      expect(groups).toHaveLength(1);
      const group = groups[0];
      expect(await readText(join(group, 'memory.max'))).toBe(String(limits.memoryBytes));
      expect(await readText(join(group, 'memory.swap.max'))).toBe('0');
      expect(await readText(join(group, 'pids.max'))).toBe(String(limits.processes + 2));
    } finally {
      controller.abort();
    }
    expect((await pending).status).toBe('aborted');
  });

  it('stops a program that needs more than its memory limit, although swap could hold the rest', async () => {
    const swapFreeKb = Number(/^SwapFree:\s+(\d+)/m.exec(await readFile('/proc/meminfo', 'utf8'))?.[1] ?? 0);
    expect(swapFreeKb).toBeGreaterThan(256 * 1024);
    // 96 MB written (bytes * n fills every page) against a 64 MB limit.
    const run = await box.run({
      argv: ['/usr/bin/python3', '-c', "b = b'\\x01' * (96 << 20); print(len(b))"],
      boxWritable: false,
      stdin: { kind: 'null' },
      limits,
    });
    expect(run.status).toBe('memory-limit');
    expect(run.stdout.toString()).toBe('');
  });

  it("kills what a run leaves behind and removes the run's group", async () => {
    const parent = join(TESTS_GROUP, 'judge');
    const run = await sh('(sleep 60 &) ; (setsid sleep 60 &) ; echo left');
    expect(run).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(run.stdout.toString()).toBe('left\n');
    // Killing and removing go on after the result is returned (the engine does not make the judge wait).
    let groups = await runGroups(parent);
    for (let attempt = 0; attempt < 200 && groups.length > 0; attempt++) {
      await sleep(50);
      groups = await runGroups(parent);
    }
    expect(groups).toEqual([]);
    expect(await boxProcesses()).toEqual([]);
  });
});
