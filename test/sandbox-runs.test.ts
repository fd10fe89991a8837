import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRuns, type Box, type RunLimits, type RunSpec } from '@judge/sandbox';
import { boxProcesses, ENGINES, openHarness, type Harness } from './support/harness';

const limits: RunLimits = {
  cpuTimeMs: 1000,
  wallTimeMs: 3000,
  memoryBytes: 128 << 20,
  processes: 8,
  stdoutBytes: 1 << 16,
  stderrBytes: 1 << 10,
  fileSizeBytes: 1 << 20,
  openFiles: 32,
};

/** What the sandbox reports about a run, straight from each engine (no judge on top). */
describe.each(ENGINES)('the %s engine', (engineName) => {
  let harness: Harness;
  let box: Box;
  let files: string;

  function sh(script: string, extra: Partial<RunSpec> = {}) {
    return box.run({ argv: ['/bin/sh', '-c', script], boxWritable: true, stdin: { kind: 'null' }, limits, ...extra });
  }

  beforeAll(async () => {
    harness = await openHarness(engineName);
    box = await harness.sandbox.createBox({ sizeBytes: 32 << 20 });
    files = await mkdtemp(join(tmpdir(), 'judge-files-'));
    await chmod(files, 0o700);
  });

  afterAll(async () => {
    await box?.destroy();
    await harness?.close();
    if (files) await rm(files, { recursive: true, force: true });
    expect(await boxProcesses()).toEqual([]);
  });

  describe('a run reports', () => {
    it('exit code 0 and the output', async () => {
      const run = await sh('echo hello; echo oops >&2');
      expect(run).toMatchObject({ status: 'ok', exitCode: 0, signal: null });
      expect(run.stdout.toString()).toBe('hello\n');
      expect(run.stderr.toString()).toBe('oops\n');
    });

    it('a non-zero exit code', async () => {
      expect(await sh('exit 7')).toMatchObject({ status: 'nonzero-exit', exitCode: 7, signal: null });
    });

    it('the signal that killed the program', async () => {
      expect(await sh('kill -SEGV $$')).toMatchObject({ status: 'signaled', exitCode: null, signal: 11 });
    });

    it('CPU time and wall time apart', async () => {
      const busy = await sh('i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done');
      expect(busy.status).toBe('ok');
      expect(busy.cpuTimeMs).toBeGreaterThan(50);
      const sleepy = await sh('sleep 0.3');
      expect(sleepy.wallTimeMs).toBeGreaterThanOrEqual(300);
      expect(sleepy.cpuTimeMs).toBeLessThan(100);
    });

    it('peak memory of all processes together', async () => {
      const run = await box.run({
        argv: ['/usr/bin/python3', '-c', 'b = bytearray(48 << 20); import os; os.system("true")'],
        boxWritable: false,
        stdin: { kind: 'null' },
        limits,
      });
      expect(run.status).toBe('ok');
      expect(run.memoryBytes).toBeGreaterThan(48 << 20);
      expect(run.memoryBytes).toBeLessThan(limits.memoryBytes);
    });

    it('no stack rlimit unless one is asked for (in KiB, as `ulimit -s` shows it)', async () => {
      expect((await sh('ulimit -s')).stdout.toString()).toBe('unlimited\n');
      const limited = await sh('ulimit -s', { limits: { ...limits, stackBytes: 8 << 20 } });
      expect(limited.stdout.toString()).toBe('8192\n');
    });

    it('which limit was hit', async () => {
      expect((await sh('while :; do :; done')).status).toBe('cpu-time-limit');
      expect((await sh('sleep 10')).status).toBe('wall-time-limit');
      expect((await sh('yes')).status).toBe('output-limit');
      const big = await box.run({
        argv: ['/usr/bin/python3', '-c', 'x = [bytearray(1 << 20) for _ in range(1000)]'],
        boxWritable: false,
        stdin: { kind: 'null' },
        limits,
      });
      expect(big.status).toBe('memory-limit');
    });

    it('a sandbox error, not a program failure, when the program cannot be started', async () => {
      const run = await box.run({ argv: ['/no/such/program'], boxWritable: false, stdin: { kind: 'null' }, limits });
      expect(run.status).toBe('sandbox-error');
    });
  });

  describe('input and files', () => {
    it('stdin from a host file the box user could not open itself', async () => {
      const input = join(files, 'input.txt');
      await writeFile(input, 'from the host\n', { mode: 0o600 });
      const run = await box.run({
        argv: ['/bin/cat'],
        boxWritable: false,
        stdin: { kind: 'file', path: input },
        limits,
      });
      expect(run.stdout.toString()).toBe('from the host\n');
    });

    it('refuses a link as stdin', async () => {
      await symlink('/etc/shadow', join(files, 'link'));
      const run = await box.run({
        argv: ['/bin/cat'],
        boxWritable: false,
        stdin: { kind: 'file', path: join(files, 'link') },
        limits,
      });
      expect(run.status).toBe('sandbox-error');
      expect(run.stdout.length).toBe(0);
    });

    it('stdin from a buffer, and the box is read-only when not writable', async () => {
      const run = await box.run({
        argv: ['/bin/sh', '-c', 'cat; touch /box/x 2>/dev/null && echo writable || echo read-only'],
        boxWritable: false,
        stdin: { kind: 'buffer', data: Buffer.from('abc\n') },
        limits,
      });
      expect(run.stdout.toString()).toBe('abc\nread-only\n');
    });

    it('/tmp is emptied between runs', async () => {
      await sh('echo left > /tmp/left');
      expect((await sh('ls /tmp')).stdout.toString()).toBe('');
    });

    it('a run can be aborted', async () => {
      const controller = new AbortController();
      const pending = sh('sleep 10', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      expect((await pending).status).toBe('aborted');
    });
  });

  describe('two connected runs (an interactive test)', () => {
    let peerBox: Box;

    beforeAll(async () => {
      peerBox = await harness.sandbox.createBox({ sizeBytes: 32 << 20 });
    });

    afterAll(async () => {
      await peerBox?.destroy();
    });

    /** Runs the two scripts at once, each in its box, each one's stdout the other's stdin. */
    function connected(first: string, second: string, secondLimits: RunLimits = limits) {
      const [a, b] = connectRuns();
      const run = (target: Box, script: string, end: typeof a, runLimits: RunLimits) =>
        target.run({
          argv: ['/bin/sh', '-c', script],
          boxWritable: false,
          stdin: { kind: 'connected', end },
          limits: runLimits,
        });
      return Promise.all([run(box, first, a, limits), run(peerBox, second, b, secondLimits)]);
    }

    it("talk both ways, and a reader gets end of file once its peer's run is over", async () => {
      const [first, second] = await connected(
        'echo ping; read reply; echo "first got $reply" >&2',
        'read question; echo "pong $question"; cat >&2',
      );
      expect(first).toMatchObject({ status: 'ok', stderr: Buffer.from('first got pong ping\n') });
      // Nothing of a connected run's output is kept by the judge: it went to its peer.
      expect(first.stdout.length).toBe(0);
      expect(second).toMatchObject({ status: 'ok', stderr: Buffer.from('') });
    });

    it('a writer may be up to 1 MiB ahead of its reader without waiting', async () => {
      const [writer, reader] = await connected('head -c 900000 /dev/zero; echo wrote >&2', 'sleep 5', {
        ...limits,
        wallTimeMs: 2000,
      });
      expect(writer).toMatchObject({ status: 'ok', stderr: Buffer.from('wrote\n') });
      expect(reader.status).toBe('wall-time-limit');
    });

    it('a writer whose reader does not read blocks, as on a pipe: wall time limit, not output limit', async () => {
      // The output limit (64 KiB) is far below what the flood would write if the judge buffered it.
      const [writer, reader] = await connected('yes flood', 'sleep 5', { ...limits, wallTimeMs: 2000 });
      expect(reader.status).toBe('wall-time-limit');
      // Its reader gone, the writer stays blocked: the judge holds the pipe's read end, so no SIGPIPE.
      expect(writer.status).toBe('wall-time-limit');
      // Blocked, not busy: it never came near its CPU limit.
      expect(writer.cpuTimeMs).toBeLessThan(limits.cpuTimeMs);
    });
  });
});
