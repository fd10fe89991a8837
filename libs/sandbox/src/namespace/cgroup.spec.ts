import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CgroupV2Manager } from './cgroup';

/**
 * cgroup v2 is what most hosts run, but this CI machine has v1: the v2 driver is checked against a folder laid
 * out like the kernel's interface files (the v1 driver runs for real in the integration tests).
 */
describe('cgroup v2 driver', () => {
  let parent: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cgroup-v2-'));
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('writes the memory, swap and process limits of a run group', async () => {
    const manager = new CgroupV2Manager(parent, true);
    await manager.create('run1', { memoryBytes: 64 << 20, processes: 10 });
    expect(await readFile(join(parent, 'run1', 'memory.max'), 'utf8')).toBe(String(64 << 20));
    expect(await readFile(join(parent, 'run1', 'pids.max'), 'utf8')).toBe('10');
  });

  it('reads CPU time, peak memory, OOM kills and processes refused at the limit from the interface files', async () => {
    const manager = new CgroupV2Manager(parent, true);
    const group = await manager.create('run2', { memoryBytes: 1 << 20, processes: 4 });
    await writeFile(join(parent, 'run2', 'cpu.stat'), 'usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n');
    await writeFile(join(parent, 'run2', 'memory.peak'), '7340032\n');
    await writeFile(join(parent, 'run2', 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n');
    await writeFile(join(parent, 'run2', 'pids.events'), 'max 12\n');
    expect(group.usage()).toEqual({
      cpuTimeNs: 1234567000,
      memoryPeakBytes: 7340032,
      oomKills: 1,
      processLimitHits: 12,
    });
  });

  it('samples memory.current as the peak on kernels without memory.peak', async () => {
    const manager = new CgroupV2Manager(parent, false);
    const group = await manager.create('run3', { memoryBytes: 1 << 20, processes: 4 });
    await writeFile(join(parent, 'run3', 'cpu.stat'), 'usage_usec 10\n');
    await writeFile(join(parent, 'run3', 'memory.current'), '5000\n');
    expect(group.usage().memoryPeakBytes).toBe(5000);
    await writeFile(join(parent, 'run3', 'memory.current'), '3000\n');
    expect(group.usage().memoryPeakBytes).toBe(5000);
  });

  it('kills through cgroup.kill and lists no pids once empty', async () => {
    const manager = new CgroupV2Manager(parent, true);
    const group = await manager.create('run4', { memoryBytes: 1 << 20, processes: 4 });
    await writeFile(join(parent, 'run4', 'cgroup.kill'), '');
    await writeFile(join(parent, 'run4', 'cgroup.procs'), '');
    await group.killAll();
    expect(await readFile(join(parent, 'run4', 'cgroup.kill'), 'utf8')).toBe('1');
    expect(group.pids()).toEqual([]);
  });
});
