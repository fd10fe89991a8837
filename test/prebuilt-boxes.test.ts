import { readdir, readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Box, NamespaceEngine, RunLimits, RunResult } from '@judge/sandbox';
import { boxProcesses, openHarness, type Harness } from './support/harness';

/**
 * The namespace engine's pre-built boxes (docs/architecture.md, "Pre-built boxes"): a box's sandbox is made
 * once and its runs start inside it. What a user could tell apart from a sandbox per run must be only speed:
 * each run still has its own mounts, processes, IPC, accounting and limits, and a box that breaks costs no verdict.
 */
const limits: RunLimits = {
  cpuTimeMs: 3000,
  wallTimeMs: 10_000,
  memoryBytes: 96 << 20,
  processes: 16,
  stdoutBytes: 1 << 16,
  stderrBytes: 1 << 12,
  fileSizeBytes: 1 << 20,
  openFiles: 64,
};

describe.each([true, false])('the namespace engine with pre-built boxes %s', (prebuiltBoxes) => {
  let harness: Harness;
  let box: Box;

  beforeAll(async () => {
    harness = await openHarness('namespace', undefined, { namespace: { prebuiltBoxes } });
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(async () => {
    await box?.destroy();
    // Nothing of the box's user is left on the host once the engine has removed the box (in the background,
    // with spare boxes): its runs, its init, bwrap's processes.
    expect(await boxProcesses(box.uid, harness.sandbox)).toEqual([]);
  });

  function run(argv: string[], extra: Partial<RunLimits> = {}): Promise<RunResult> {
    return box.run({
      argv,
      env: { PATH: '/usr/bin:/bin' },
      boxWritable: false,
      stdin: { kind: 'null' },
      limits: { ...limits, ...extra },
    });
  }
  const sh = (script: string, extra: Partial<RunLimits> = {}) => run(['/bin/sh', '-c', script], extra);
  const python = (code: string, extra: Partial<RunLimits> = {}) => run(['/usr/bin/python3', '-c', code], extra);

  it('starts every run as pid 2 of a pid namespace of its own, whose pid 1 reaps and reports', async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    expect((await sh('echo $$')).stdout.toString()).toBe('2\n');
    expect((await sh('echo $$')).stdout.toString()).toBe('2\n');
  });

  if (prebuiltBoxes)
    it("keeps the box's network, user and host name namespaces between its runs (made once)", async () => {
      box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
      const namespaces = 'for n in net user uts; do readlink /proc/self/ns/$n; done';
      const first = (await sh(namespaces)).stdout.toString();
      expect(first).toMatch(/^net:\[\d+\]\nuser:\[\d+\]\nuts:\[\d+\]\n$/);
      expect((await sh(namespaces)).stdout.toString()).toBe(first);
    });

  it("counts each run's CPU time, peak memory, OOM kills and refused processes alone", async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    const heavy = await python("b = b'\\x01' * (64 << 20)\nx = 0\nfor i in range(3_000_000): x += i\nprint(len(b))");
    expect(heavy.status).toBe('ok');
    expect(heavy.memoryBytes).toBeGreaterThan(64 << 20);
    const light = await sh('true');
    expect(light.status).toBe('ok');
    expect(light.memoryBytes).toBeLessThan(16 << 20);
    expect(light.cpuTimeMs).toBeLessThan(heavy.cpuTimeMs / 4);

    const oom = await python("b = b'\\x01' * (200 << 20)");
    expect(oom.status).toBe('memory-limit');
    expect((await sh('true')).status).toBe('ok');

    const bomb = await sh('i=0; while [ $i -lt 40 ]; do sleep 5 & i=$((i+1)); done; wait', { processes: 8 });
    expect((bomb.events ?? []).map((e) => e.kind)).toContain('process-limit');
    const after = await sh('true');
    expect(after.status).toBe('ok');
    expect(after.events ?? []).toEqual([]);
  });

  it('does not count what a compile wrote in the memory of the tests after it', async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 64 << 20 });
    // A compile's files live in the box's tmpfs, charged to the group that wrote them (a big static binary).
    const compiled = await box.run({
      argv: ['/bin/sh', '-c', 'head -c 24000000 /dev/zero > big'],
      env: { PATH: '/usr/bin:/bin' },
      boxWritable: true,
      stdin: { kind: 'null' },
      limits: { ...limits, fileSizeBytes: 32 << 20 },
    });
    expect(compiled.status, compiled.stderr.toString()).toBe('ok');
    expect(compiled.memoryBytes).toBeGreaterThan(20 << 20);
    const test = await sh('true');
    expect(test.status).toBe('ok');
    expect(test.memoryBytes).toBeLessThan(8 << 20);
  });

  it('repeats a run in a new box when the box was broken, and never reports it against the program', async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    expect((await sh('echo one')).stdout.toString()).toBe('one\n');
    // Everything of the box's user on the host dies: its init, if it has one, goes too.
    for (const pid of await processesOf(box.uid)) process.kill(pid, 'SIGKILL');
    const run = await sh('echo two');
    expect(run).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(run.stdout.toString()).toBe('two\n');
  });

  it('repeats a run whose box broke while it ran', async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    expect((await sh('true')).status).toBe('ok');
    const running = sh('sleep 1; echo done');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The box's init and the run's pid 1, its fork (bwrap executes it as /proc/self/fd/3); none without them.
    const inits = await processesOf(box.uid, (cmdline) => cmdline.startsWith('/proc/self/fd/'));
    expect(inits.length > 0).toBe(prebuiltBoxes);
    for (const pid of inits) process.kill(pid, 'SIGKILL');
    const run = await running;
    expect(run).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(run.stdout.toString()).toBe('done\n');
  });

  it('runs a program that cannot be executed as a sandbox error, as without pre-built boxes', async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    const run = await box.run({ argv: ['/box/missing'], boxWritable: false, stdin: { kind: 'null' }, limits });
    expect(run.status).toBe('sandbox-error');
    expect(run.error).toMatch(/missing/);
    expect((await sh('echo still')).stdout.toString()).toBe('still\n');
  });

  it('leaves no process of the box once it is destroyed', async () => {
    box = await harness.sandbox.createBox({ sizeBytes: 16 << 20 });
    expect((await sh('(setsid sleep 1000 &); echo left')).stdout.toString()).toBe('left\n');
    const uid = box.uid;
    await box.destroy();
    // The program's processes are gone when destroy() returns; the box's idle init may go in the background.
    expect(await processesOf(uid, (cmdline) => !cmdline.startsWith('/proc/self/fd/'))).toEqual([]);
    await (harness.sandbox as NamespaceEngine).settled();
    expect(await processesOf(uid)).toEqual([]);
  });
});

describe('the namespace engine with spare boxes', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness('namespace', undefined, { namespace: { spareBoxes: 1 } });
  });

  afterAll(async () => {
    await harness?.close();
    expect(await boxProcesses()).toEqual([]);
  });

  it('makes a box ahead once one is used, hands it out ready, and removes everything on close', async () => {
    const engine = harness.sandbox as NamespaceEngine;
    const options = { sizeBytes: 16 << 20 };
    const first = await engine.createBox(options);
    expect((await first.run(shell('echo one'))).stdout.toString()).toBe('one\n');
    await first.destroy();
    await engine.settled();
    // The used box is gone; a spare of the same kind waits, its init started.
    expect(await processesOf(first.uid)).toEqual([]);
    const [spareId] = engine.spareBoxIds;
    expect(engine.spareBoxIds).toHaveLength(1);
    expect(await processesOf(Number(spareId), (cmdline) => cmdline.startsWith('/proc/self/fd/'))).not.toEqual([]);

    // A box of another kind is made when asked; one of the spare's kind is the spare.
    const other = await engine.createBox({ sizeBytes: 32 << 20 });
    expect(other.id).not.toBe(spareId);
    const second = await engine.createBox(options);
    expect(second.id).toBe(spareId);
    const run = await second.run(shell('echo $$; ls -A /box /tmp'));
    expect(run.stdout.toString()).toBe('2\n/box:\n\n/tmp:\n');
    await Promise.all([other.destroy(), second.destroy()]);
  });
});

function shell(script: string) {
  return {
    argv: ['/bin/sh', '-c', script],
    env: { PATH: '/usr/bin:/bin' },
    boxWritable: false,
    stdin: { kind: 'null' as const },
    limits,
  };
}

/** Host processes (not zombies) of a user, whose command line passes `which`. */
async function processesOf(uid: number, which: (cmdline: string) => boolean = () => true): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (/^State:\s+Z/m.test(status)) continue;
    if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1) !== uid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (which(cmdline)) found.push(Number(entry));
  }
  return found;
}
