import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCpuList, NamespaceEngine, onlineCpus, type Box, type RunLimits } from '@judge/sandbox';
import { boxProcesses, ENGINES, openHarness, type Harness } from './support/harness';

const limits: RunLimits = {
  cpuTimeMs: 2000,
  wallTimeMs: 5000,
  memoryBytes: 64 << 20,
  processes: 8,
  stdoutBytes: 1 << 12,
  stderrBytes: 1 << 10,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};

const online = onlineCpus();
/** The CPU a one-CPU JUDGE_CPUS names: the last online one, so that it differs from CPU 0 where there are two. */
const lastCpu = online[online.length - 1];

/** The CPUs a run may use, as the run itself reads them (its children inherit the same). */
async function allowedCpus(box: Box, before = ''): Promise<string> {
  const run = await box.run({
    argv: ['/bin/sh', '-c', `${before}grep Cpus_allowed_list /proc/self/status | cut -f2`],
    boxWritable: false,
    stdin: { kind: 'null' },
    limits,
  });
  expect(run.status, run.stderr.toString()).toBe('ok');
  return run.stdout.toString().trim();
}

/** JUDGE_CPUS seen from inside the box, on each engine. */
describe.each(ENGINES)('the %s engine', (engineName) => {
  afterAll(async () => {
    expect(await boxProcesses()).toEqual([]);
  });

  describe('without JUDGE_CPUS', () => {
    let harness: Harness;
    let box: Box;

    beforeAll(async () => {
      harness = await openHarness(engineName);
      box = await harness.sandbox.createBox({ sizeBytes: 8 << 20 });
    });

    afterAll(async () => {
      await box?.destroy();
      await harness?.close();
    });

    it('lets a run use every online CPU', async () => {
      expect(await allowedCpus(box)).toBe(formatCpuList(online));
    });
  });

  describe(`with JUDGE_CPUS=${lastCpu}`, () => {
    let harness: Harness;
    let box: Box;

    beforeAll(async () => {
      harness = await openHarness(engineName, [lastCpu]);
      box = await harness.sandbox.createBox({ sizeBytes: 8 << 20 });
    });

    afterAll(async () => {
      await box?.destroy();
      await harness?.close();
    });

    it('places every run on that CPU', async () => {
      expect(await allowedCpus(box)).toBe(String(lastCpu));
      expect(await allowedCpus(box)).toBe(String(lastCpu));
    });

    it('keeps a run that widens its own affinity there when a cpuset group holds it', async () => {
      const widened = await allowedCpus(box, `taskset -c ${formatCpuList(online)} `);
      const sandbox = harness.sandbox;
      if (sandbox instanceof NamespaceEngine && sandbox.cpuPlacement === 'affinity') {
        // No cpuset hierarchy on this host: the affinity is a placement the program may change.
        expect(widened).toBe(formatCpuList(online));
      } else {
        // The docker engine's container cpuset, or the namespace engine's run cpuset group.
        expect(widened).toBe(String(lastCpu));
      }
    });
  });

  describe(`with JUDGE_CPUS=${formatCpuList(online)}`, () => {
    let harness: Harness;
    let boxes: Box[];

    beforeAll(async () => {
      harness = await openHarness(engineName, online);
      boxes = await Promise.all(online.map(() => harness.sandbox.createBox({ sizeBytes: 8 << 20 })));
    });

    afterAll(async () => {
      await Promise.all((boxes ?? []).map((b) => b.destroy()));
      await harness?.close();
    });

    it('gives runs going on at once a CPU each', async () => {
      // Each run holds its CPU while it sleeps, so they all overlap.
      const seen = await Promise.all(boxes.map((box) => allowedCpus(box, 'sleep 0.5; ')));
      expect(seen.map(Number).sort((a, b) => a - b)).toEqual(online);
    });
  });
});
