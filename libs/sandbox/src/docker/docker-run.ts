import { randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex, Readable, Writable } from 'node:stream';
import type Docker from 'dockerode';
import type { RunResult, RunSpec } from '../types';
import { boxPathComponents } from '../box-files';
import { usageOrNothing } from '../cgroup-files';
import { isRunning } from '../processes';
import { openRegularFile, openStdinFile, RunOutput, sandboxError, withFilePaths } from '../run-capture';
import { runResult } from '../run-status';
import { cpuRlimitSeconds, RunWatch, stackRlimit } from '../run-watch';
import { HELPER_PATH, SANDBOX_BOX, SANDBOX_FILES } from './box-container';
import { ExecDemuxer } from './exec-stream';
import type { DockerBox } from './docker-box';

/** The start of the error of a run the runtime could not start: the box may try it again. */
export const NOT_STARTED = 'docker exec could not start the run';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One run: a `docker exec` of judge-exec, watched, collected, and classified. */
export class DockerRun {
  private startNs = 0n;
  private endNs = 0n;
  private stream: Duplex | null = null;
  /** A connected run whose program the judge killed: what it still sends is dropped, never waited on. */
  private dropOutput = false;
  private mainPid = 0;
  private ended = false;
  private killing: Promise<void> | null = null;
  private readonly token = randomBytes(12).toString('hex');
  private readonly watch = new RunWatch(
    () => this.ended,
    () => {
      if (this.stream) this.killNow();
    },
  );

  constructor(
    private readonly box: DockerBox,
    private readonly spec: RunSpec,
  ) {}

  async execute(): Promise<RunResult> {
    const { spec, box, watch } = this;
    const limits = spec.limits;
    const missing = await box.missingMount(spec.mounts ?? []);
    if (missing) return sandboxError(`the box was made without the mount ${missing}`);

    let stdinFd: number | null;
    try {
      stdinFd = openStdinFile(spec.stdin);
    } catch (error) {
      return sandboxError((error as Error).message);
    }
    try {
      await this.copyFiles(spec.files ?? []);
    } catch (error) {
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot copy a file for the run: ${(error as Error).message}`);
    }
    const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const cmd = [
      HELPER_PATH,
      'run',
      this.token,
      stackRlimit(limits),
      String(limits.fileSizeBytes),
      String(limits.openFiles),
      // Counted per user, and the user is the box's own: the run's processes and threads. One above what the
      // container's pids limit leaves the run (it counts the init too), so that the cgroup refuses first and
      // counts it (the process-limit event); the rlimit holds where the cgroup does not cover an exec's processes.
      String(limits.processes + 3),
      String(cpuRlimitSeconds(limits.cpuTimeMs)),
      ...env,
      '--',
      ...withFilePaths(spec.argv, (i) => `${SANDBOX_FILES}/${i}`),
    ];

    // A program file larger than the run's memory (an initialised static array) is held in the box's tmpfs,
    // charged to the container: the container cannot even be given that limit. The run is over its memory.
    const held = await box.heldBytes().catch(() => 0);
    if (held >= limits.memoryBytes) {
      if (stdinFd !== null) closeSync(stdinFd);
      return overMemoryBeforeStart(held);
    }
    try {
      // The init is one more process of the container.
      await box.applyLimits(limits.memoryBytes, limits.processes + 3);
    } catch (error) {
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot set the box's limits: ${(error as Error).message}`);
    }

    const output = new RunOutput(limits, () => watch.kill('output-limit'));
    const relay = spec.stdin.kind === 'connected' ? spec.stdin.end.relayStreams() : null;
    // judge-exec's setup failure is the last thing on stderr, whatever the stderr limit kept.
    let stderrTail: Buffer = Buffer.alloc(0);
    const demux = new ExecDemuxer(relay ? (chunk) => this.relay(chunk, relay.output) : output.onStdout, (chunk) => {
      output.onStderr(chunk);
      stderrTail = Buffer.concat([stderrTail, chunk]).subarray(-512);
    });

    const withStdin = spec.stdin.kind !== 'null';
    const user = spec.boxWritable ? box.uid : box.readerUid;
    const exec = await box.container.exec({
      Cmd: cmd,
      User: `${user}:${user}`,
      WorkingDir: spec.cwd ?? SANDBOX_BOX,
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Env: [],
    });
    box.cgroup.startRun();
    watch.cancelWith(spec.signal);

    const stream = await exec.start({ hijack: true, stdin: withStdin });
    this.stream = stream;
    this.startNs = process.hrtime.bigint();
    const closed = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => demux.push(chunk));
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', () => resolve());
    });
    if (withStdin) this.feedStdin(stream, stdinFd, relay?.input ?? null);
    watch.startWallClock(limits.wallTimeMs);
    if (watch.killedFor) this.killNow();
    this.watchProgram(exec);

    await closed;
    this.ended = true;
    if (this.endNs === 0n) this.endNs = process.hrtime.bigint();
    watch.stop();
    await this.killing;
    // Whatever the program left behind dies with the run, before its usage is read.
    await box.killRuns();

    let exitStatus: number | null = null;
    let startedPid = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const info = await exec.inspect();
      if (!info.Running) {
        exitStatus = info.ExitCode;
        startedPid = info.Pid;
        break;
      }
      await sleep(5);
    }

    const usage = usageOrNothing(() => box.cgroup.usage());
    const { stdout, stderr } = output.buffers();
    const tail = stderrTail.toString('utf8');
    let setupError: string | null = null;
    // judge-exec's own failure ends with the run's token: what follows is its message, not the program's.
    const helperFailed = exitStatus === 127 && stderrTail.includes(this.token);
    if (helperFailed) setupError = `sandbox setup failed: ${tail.split(this.token).at(-1)?.trim() ?? ''}`;
    else if (exitStatus === 126 && /judge-exec:/.test(tail)) setupError = `sandbox setup failed: ${tail.trim()}`;
    // The runtime could not start judge-exec at all (it never got a pid): ours, not the program's exit code.
    else if ((exitStatus === 126 || exitStatus === 127) && startedPid === 0)
      setupError = `${NOT_STARTED} (exit ${exitStatus})`;

    return runResult(
      {
        setupError,
        killedFor: watch.killedFor,
        exitStatus,
        noExitStatusError: 'the exec did not report an exit code',
        cpuTimeMs: Math.max(0, usage.cpuTimeNs) / 1e6,
        memoryPeakBytes: usage.memoryPeakBytes,
        oomKills: usage.oomKills,
        processLimitHits: usage.processLimitHits,
        wallTimeMs: Number(this.endNs - this.startNs) / 1e6,
        limits,
      },
      { stdout, stderr: helperFailed ? Buffer.alloc(0) : stderr },
    );
  }

  /** Copies of the run's host files in the container: a container's mounts cannot change once it runs. */
  private async copyFiles(paths: string[]): Promise<void> {
    for (const [i, path] of paths.entries()) {
      const fd = openRegularFile(path);
      let data: Buffer;
      try {
        data = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      // The folder is root's: no box user can have planted anything in it.
      boxPathComponents(String(i));
      const handle = await fs.open(
        join(this.box.hostRoot, SANDBOX_FILES, String(i)),
        constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
        0o644,
      );
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    }
  }

  /**
   * A connected run's stdout goes to its peer's input, never faster than the peer reads: when the bounded relay
   * is full the exec's stream is paused, so the daemon stops reading the program, whose pipe fills, and the
   * program blocks as it would on a pipe to its peer.
   */
  private relay(chunk: Buffer, output: Writable): void {
    const stream = this.stream;
    if (this.dropOutput || output.writableEnded || !stream) return;
    if (output.write(chunk) || stream.isPaused()) return;
    stream.pause();
    output.once('drain', () => stream.resume());
  }

  private feedStdin(stream: Duplex, stdinFd: number | null, input: Readable | null): void {
    const { stdin } = this.spec;
    stream.on('error', () => undefined); // the program may exit without reading its input
    if (stdin.kind === 'buffer') {
      stream.end(stdin.data);
    } else if (stdin.kind === 'file' && stdinFd !== null) {
      createReadStream('', { fd: stdinFd }).pipe(stream);
    } else if (input) {
      input.pipe(stream);
    }
  }

  /**
   * Polls the container's CPU time (sooner as it nears the limit) and whether the program itself has ended:
   * an orphan holding its stdout open would keep the exec's stream open, and must die with the run.
   */
  private watchProgram(exec: Docker.Exec): void {
    let asking = false;
    this.watch.watchCpu(
      this.spec.limits.cpuTimeMs,
      50,
      () => this.box.cgroup.usage().cpuTimeNs / 1e6,
      () => {
        // The daemon knows the program's host pid only once it has started it.
        if (this.mainPid === 0 && !asking) {
          asking = true;
          void exec
            .inspect()
            .then((info) => {
              if (info.Pid > 0) this.mainPid = info.Pid;
            })
            .catch(() => undefined)
            .finally(() => (asking = false));
        }
        if (this.mainPid > 0 && !isRunning(this.mainPid)) {
          this.endNs = process.hrtime.bigint();
          this.killing = this.box.killRuns().catch(() => undefined);
          // What the program wrote before it ended still reaches its peer as the peer reads it (as from a pipe);
          // once the peer is gone too, the rest is dropped.
          if (this.spec.stdin.kind === 'connected') void this.spec.stdin.end.peerEnded().then(() => this.dropRelay());
          return false;
        }
        return true;
      },
    );
  }

  private killNow(): void {
    this.endNs = process.hrtime.bigint();
    this.killing = this.box.killRuns().catch(() => undefined);
    this.dropRelay();
  }

  /** Nothing more goes to the peer; the stream flows again so that its end is seen. */
  private dropRelay(): void {
    this.dropOutput = true;
    this.stream?.resume();
  }
}

/** A run that never started because the box's files alone exceed its memory limit. */
function overMemoryBeforeStart(heldBytes: number): RunResult {
  const nothing = Buffer.alloc(0);
  return {
    status: 'memory-limit',
    exitCode: null,
    signal: null,
    cpuTimeMs: 0,
    wallTimeMs: 0,
    memoryBytes: heldBytes,
    stdout: nothing,
    stderr: nothing,
  };
}
