import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOX_LABEL, DockerEngine, OWNER_LABEL, type Box, type RunLimits } from '@judge/sandbox';
import { boxProcesses, leftoverBoxes, openHarness, TEST_DOCKER, type Harness } from './support/harness';

/** What only the docker engine has: its containers, as the Docker API shows them, and their clean-up. */
let harness: Harness;
let docker: DockerEngine;

const limits: RunLimits = {
  cpuTimeMs: 1000,
  wallTimeMs: 3000,
  memoryBytes: 96 << 20,
  processes: 8,
  stdoutBytes: 1 << 16,
  stderrBytes: 1 << 10,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};

beforeAll(async () => {
  harness = await openHarness('docker');
  docker = harness.sandbox as DockerEngine;
});

afterAll(async () => {
  await harness?.close();
  expect(await leftoverBoxes(docker)).toEqual([]);
  expect(await boxProcesses()).toEqual([]);
});

/** Whether the daemon no longer knows a container (by name or id). */
async function containerGone(id: string): Promise<boolean> {
  return docker.docker
    .getContainer(id)
    .inspect()
    .then(
      () => false,
      (error: { statusCode?: number }) => error.statusCode === 404,
    );
}

async function boxContainer(box: Box) {
  return docker.docker.getContainer(box.id).inspect();
}

describe('a box container', () => {
  let box: Box;

  beforeAll(async () => {
    box = await docker.createBox({ sizeBytes: 24 << 20, runtime: 'gcc' });
    // A run sets the container's limits to its own.
    await box.run({ argv: ['/bin/true'], boxWritable: false, stdin: { kind: 'null' }, limits });
  });

  afterAll(() => box.destroy());

  it('has no network, a read-only root, no capabilities and no new privileges', async () => {
    const { HostConfig: host } = await boxContainer(box);
    expect(host.NetworkMode).toBe('none');
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd ?? []).toEqual([]);
    expect(host.SecurityOpt).toContain('no-new-privileges');
    expect(host.Privileged).toBe(false);
  });

  it('runs as non-root users, its init and every run', async () => {
    const info = await boxContainer(box);
    expect(info.Config.User).not.toMatch(/^(0|root)?(:|$)/);
    const run = await box.run({ argv: ['/bin/sh', '-c', 'id -u'], boxWritable: true, stdin: { kind: 'null' }, limits });
    expect(Number(run.stdout.toString())).toBeGreaterThan(0);
  });

  it('limits memory with swap equal to memory, processes and CPU', async () => {
    const { HostConfig: host } = await boxContainer(box);
    expect(host.Memory).toBe(limits.memoryBytes);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.PidsLimit).toBeGreaterThanOrEqual(limits.processes);
    expect(host.PidsLimit).toBeLessThanOrEqual(limits.processes + 4);
    expect(host.NanoCpus).toBeGreaterThan(0);
  });

  it("has a size-limited tmpfs for the box, and gives each run a /tmp of the box's size", async () => {
    const { HostConfig: host } = await boxContainer(box);
    expect(host.Tmpfs?.['/box']).toContain(`size=${24 << 20}`);
    // The container's own /tmp is empty and read-only: runs write the tmpfs mounted on it for each of them.
    expect(host.Tmpfs?.['/tmp']).toMatch(/^ro,/);
    for (const folder of ['/box', '/tmp']) {
      const full = await box.run({
        argv: ['/bin/sh', '-c', `head -c 30000000 /dev/zero > ${folder}/big; echo $?; rm -f ${folder}/big`],
        boxWritable: true,
        stdin: { kind: 'null' },
        limits: { ...limits, fileSizeBytes: 64 << 20, memoryBytes: 256 << 20 },
      });
      expect(full.stdout.toString().trim()).not.toBe('0');
    }
    const small = await box.run({
      argv: ['/bin/sh', '-c', 'echo x > /tmp/small && cat /tmp/small'],
      boxWritable: false,
      stdin: { kind: 'null' },
      limits,
    });
    expect(small.stdout.toString()).toBe('x\n');
  });

  it('is made from the runtime image of its language, labelled as a box of this judge', async () => {
    const info = await boxContainer(box);
    expect(info.Config.Image).toBe('judge-runtime-gcc');
    expect(info.Config.Labels[BOX_LABEL]).toBe('1');
    expect(info.Config.Labels[OWNER_LABEL]).toBe(TEST_DOCKER.owner);
  });

  it('compiles and runs with the toolchain of the image', async () => {
    await box.writeFile('main.c', '#include <stdio.h>\nint main(void) { puts("compiled"); return 0; }\n');
    const compiled = await box.run({
      argv: ['/usr/bin/gcc', '-o', 'main', 'main.c'],
      env: { PATH: '/usr/bin:/bin', TMPDIR: '/tmp' },
      boxWritable: true,
      stdin: { kind: 'null' },
      limits: {
        ...limits,
        memoryBytes: 512 << 20,
        processes: 32,
        fileSizeBytes: 64 << 20,
        cpuTimeMs: 10_000,
        wallTimeMs: 20_000,
      },
    });
    expect(compiled.status).toBe('ok');
    const run = await box.run({ argv: ['./main'], boxWritable: false, stdin: { kind: 'null' }, limits });
    expect(run.stdout.toString()).toBe('compiled\n');
  });

  it('a program exiting with 126 or 127 exits so, even saying what the helpers say, and many runs in a row all start', async () => {
    // The exit codes of a setup failure, and the helpers' words: a program's own are its own, never a judge error.
    for (const code of [126, 127]) {
      const own = await box.run({
        argv: ['/bin/sh', '-c', `echo 'judge-exec: syscall filter: Invalid argument' >&2; exit ${code}`],
        boxWritable: false,
        stdin: { kind: 'null' },
        limits,
      });
      expect(own).toMatchObject({ status: 'nonzero-exit', exitCode: code });
      expect(own.stderr.toString()).toContain('judge-exec: syscall filter');
    }
    const statuses = new Set<string>();
    for (let i = 0; i < 200; i++) {
      statuses.add(
        (await box.run({ argv: ['/bin/true'], boxWritable: false, stdin: { kind: 'null' }, limits })).status,
      );
    }
    expect([...statuses]).toEqual(['ok']);
  });
});

describe('errors of the engine are the judge’s', () => {
  it('a runtime without an image is a clear error when a box is made', async () => {
    await expect(docker.createBox({ sizeBytes: 1 << 20, runtime: 'no-such-runtime' })).rejects.toThrow(
      /judge-runtime-no-such-runtime.*judge images build/,
    );
  });

  it('a run asking for a mount its box was made without is a sandbox error', async () => {
    const box = await docker.createBox({ sizeBytes: 1 << 20 });
    try {
      const run = await box.run({
        argv: ['/bin/true'],
        boxWritable: false,
        stdin: { kind: 'null' },
        mounts: [{ hostPath: '/etc', sandboxPath: '/etc' }],
        limits,
      });
      expect(run.status).toBe('sandbox-error');
    } finally {
      await box.destroy();
    }
  });

  it('check() names a daemon that does not answer', async () => {
    const unreachable = new DockerEngine({ ...docker.options, docker: { socketPath: '/nonexistent/docker.sock' } });
    const problems = await unreachable.check();
    expect(problems.join(' ')).toMatch(/no Docker daemon/);
  });
});

describe('nothing outlives a submission', () => {
  it('a destroyed box leaves no container', async () => {
    const box = await docker.createBox({ sizeBytes: 1 << 20 });
    await box.destroy();
    expect(await leftoverBoxes(docker)).toEqual([]);
    expect(await containerGone(box.id)).toBe(true);
  });

  it('containers a crashed judge left behind are removed when the next one starts', async () => {
    // A judge with the same owner that "crashed": its box is never destroyed, and its pool is left full.
    const crashed = new DockerEngine({ ...docker.options, pool: 1 });
    const orphan = await crashed.createBox({ sizeBytes: 1 << 20 });
    await orphan.run({ argv: ['/bin/sh', '-c', 'sleep 100 &'], boxWritable: true, stdin: { kind: 'null' }, limits });
    await (await crashed.createBox({ sizeBytes: 1 << 20 })).destroy();
    await crashed.settled();
    expect(crashed.pooled).toBe(1);
    expect((await leftoverBoxes(docker)).length).toBe(2);
    // The next judge of this owner clears them all: the pool's too (this suite's engine, of the same owner, keeps
    // its own pool, which the next judge takes for leftovers as well: it never hands out one that is gone).
    const next = new DockerEngine({ ...docker.options });
    const ownPool = docker.idleBoxIds.length;
    expect(await next.removeLeftovers()).toBe(2 + ownPool);
    expect(await leftoverBoxes(docker)).toEqual([]);
    expect(await boxProcesses()).toEqual([]);
    const box = await docker.createBox({ sizeBytes: 1 << 20 });
    try {
      const run = await box.run({ argv: ['/bin/true'], boxWritable: false, stdin: { kind: 'null' }, limits });
      expect(run.status).toBe('ok');
    } finally {
      await box.destroy();
    }
  });

  it('a fork bomb in a box is held by the process limits', async () => {
    const box = await docker.createBox({ sizeBytes: 1 << 20 });
    try {
      const run = await box.run({
        argv: ['/bin/sh', '-c', 'n=0; while [ $n -lt 64 ]; do sleep 5 & n=$((n+1)); done; wait'],
        boxWritable: false,
        stdin: { kind: 'null' },
        limits: { ...limits, processes: 8, wallTimeMs: 1500 },
      });
      expect(run.stderr.toString()).toMatch(/fork|resource|Cannot/i);
      expect(await boxProcesses()).toEqual([]);
    } finally {
      await box.destroy();
    }
  });
});

describe('the pool of started containers', () => {
  /** An engine of its own: its pool is what the test looks at (same owner, so the suite's checks cover it). */
  function poolEngine(pool: number, slot: number): DockerEngine {
    return new DockerEngine({
      ...docker.options,
      namePrefix: `judge-test-pool${slot}`,
      uidBase: TEST_DOCKER.uidBase + 2 * TEST_DOCKER.slots + 16 * slot,
      slots: 8,
      pool,
    });
  }
  const run = (box: Box, script: string, boxWritable = false) =>
    box.run({ argv: ['/bin/sh', '-c', script], boxWritable, stdin: { kind: 'null' }, limits });

  it('hands out a fresh container for each submission: nothing one left is in the next', async () => {
    const engine = poolEngine(1, 0);
    try {
      const first = await engine.createBox({ sizeBytes: 1 << 20 });
      const firstContainer = (await boxContainer(first)).Id;
      expect((await run(first, 'echo left > /box/file; echo left > /tmp/file; (sleep 100 &)', true)).status).toBe('ok');
      await first.destroy();
      await engine.settled();
      // Its replacement waits in the pool, started, and has never run anything.
      const [idle] = engine.idleBoxIds;
      expect(idle).toBeDefined();
      expect((await docker.docker.getContainer(idle).inspect()).ExecIDs ?? []).toEqual([]);

      const second = await engine.createBox({ sizeBytes: 1 << 20 });
      try {
        expect(second.id).toBe(idle);
        expect((await boxContainer(second)).Id).not.toBe(firstContainer);
        expect(await containerGone(firstContainer)).toBe(true);
        const seen = await run(second, 'ls -A /box /tmp; ps -e -o comm= 2>/dev/null | grep -c sleep');
        expect(seen.stdout.toString()).not.toMatch(/file/);
        expect(seen.stdout.toString().trim().split('\n').at(-1)).toBe('0');
        expect(await second.readFile('file', 100)).toBeNull();
      } finally {
        await second.destroy();
      }
    } finally {
      await engine.close();
    }
    expect(await leftoverBoxes(docker)).toEqual([]);
  });

  it('keeps at most its size of containers, and close() removes every one', async () => {
    const engine = poolEngine(2, 1);
    const names = async () =>
      (await docker.docker.listContainers({ all: true }))
        .flatMap((c) => c.Names)
        .filter((n) => n.startsWith('/judge-test-pool1-'));
    const boxes = await Promise.all([1, 2, 3].map(() => engine.createBox({ sizeBytes: 1 << 20 })));
    await Promise.all(boxes.map((b) => b.destroy()));
    await engine.settled();
    expect(engine.pooled).toBe(2);
    expect((await names()).length).toBe(2);
    await engine.close();
    expect(await names()).toEqual([]);
  });

  it('switched off (0), makes each container when asked and removes it when the box is destroyed', async () => {
    const engine = poolEngine(0, 2);
    try {
      const box = await engine.createBox({ sizeBytes: 1 << 20 });
      expect((await run(box, 'echo ok')).stdout.toString()).toBe('ok\n');
      await box.destroy();
      expect(await containerGone(box.id)).toBe(true);
      expect(engine.pooled).toBe(0);
    } finally {
      await engine.close();
    }
  });
});

describe('a clean-up that fails after a run', () => {
  it("is the judge's error, and the box refuses every later run rather than show what the run left", async () => {
    const box = await docker.createBox({ sizeBytes: 24 << 20, runtime: 'gcc' });
    try {
      // Fault injection: sealing the box after a run that could write it fails (for this box only).
      (box as unknown as { sealBox: () => Promise<void> }).sealBox = () =>
        Promise.reject(new Error('cannot seal the box: Device or resource busy'));
      const first = await box.run({
        argv: ['/bin/sh', '-c', 'echo left > marker; chmod 666 marker; echo done'],
        boxWritable: true,
        stdin: { kind: 'null' },
        limits,
      });
      expect(first.status).toBe('sandbox-error');
      expect(first.error).toMatch(/cannot clean the box after the run: .*Device or resource busy/);
      const second = await box.run({
        argv: ['/bin/cat', 'marker'],
        boxWritable: false,
        stdin: { kind: 'null' },
        limits,
      });
      expect(second.status).toBe('sandbox-error');
      expect(second.stdout.toString()).toBe('');
    } finally {
      await box.destroy();
    }
  });
});
