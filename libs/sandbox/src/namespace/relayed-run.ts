import { createReadStream } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { once } from 'node:events';
import type { RunResult, RunSpec } from '../types';
import { openStdinFile, RunOutput, sandboxError } from '../run-capture';
import type { BoxInit } from './box-init';
import type { RunCgroup } from './cgroup';
import { BoxInitLost, CgroupRun } from '../cgroup-run';
import { FRAME, FrameReader, INPUT_CHUNK, frame, initRequest } from './init-protocol';
import { SANDBOX_BOX } from './namespace-box';

/**
 * A run in a pre-built box, started by talking to the box's init over its socket: no helper process is spawned,
 * and the program's stdio are pipes of the run's pid 1, relayed on the connection (see native/judge-init.c).
 * For runs without files of their own and not joined to another run; those go through judge-run (NamespaceRun).
 */
export class RelayedRun extends CgroupRun<RunCgroup> {
  private socket: Socket | null = null;

  constructor(
    private readonly init: BoxInit,
    private readonly tmpSizeBytes: number,
    spec: RunSpec,
    cgroup: RunCgroup,
    private readonly cpu?: number,
  ) {
    super(spec, cgroup);
  }

  protected killProcesses(): void {
    // The run's pid 1 then ends, and everything in the run with it.
    this.socket?.destroy();
  }

  async execute(): Promise<RunResult> {
    const { spec, watch } = this;
    let stdinFd: number | null;
    try {
      stdinFd = openStdinFile(spec.stdin);
    } catch (error) {
      return sandboxError((error as Error).message);
    }
    const request = initRequest({
      tmpSizeBytes: this.tmpSizeBytes,
      boxWritable: spec.boxWritable,
      cwd: spec.cwd ?? SANDBOX_BOX,
      limits: spec.limits,
      pipeBytes: 0,
      cpu: this.cpu,
      files: 0,
      cgroups: 0,
      env: spec.env ?? {},
      argv: spec.argv,
    });
    const output = new RunOutput(spec.limits, () => watch.kill('output-limit'));
    let exitStatus: number | null = null;
    let over: string | null = null;
    let failure: Error | null = null;
    const reader = new FrameReader((type, payload) => {
      switch (type) {
        case FRAME.started:
          this.started();
          break;
        case FRAME.stdout:
          output.onStdout(payload);
          break;
        case FRAME.stderr:
          output.onStderr(payload);
          break;
        case FRAME.exit:
          exitStatus = Number(payload.toString('latin1'));
          this.ended();
          break;
        case FRAME.over:
          over = payload.toString('latin1');
          break;
      }
    });

    const socket = createConnection(this.init.socketPath);
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    const closed = new Promise<void>((resolve) => {
      socket.on('error', (error) => {
        failure ??= error;
      });
      socket.on('close', () => resolve());
    });
    socket.write(frame(FRAME.request, request));
    watch.cancelWith(spec.signal);
    void this.sendInput(socket, stdinFd);
    await closed;
    this.watch.stop();
    if (over !== 'D' && over !== 'S' && watch.killedFor === null) {
      const stderr = output.buffers().stderr.toString('utf8').trim();
      throw new BoxInitLost(stderr || (failure as Error | null)?.message || 'the box init closed the connection');
    }
    return this.result(exitStatus, output, (stderr) => `sandbox setup failed: ${stderr || 'no exit status'}`);
  }

  /** The program's input, as it takes it (the socket's backpressure reaches the file), then its end. */
  private async sendInput(socket: Socket, stdinFd: number | null): Promise<void> {
    const { stdin } = this.spec;
    try {
      if (stdin.kind === 'buffer') {
        for (let at = 0; at < stdin.data.length; at += INPUT_CHUNK)
          if (!socket.write(frame(FRAME.input, stdin.data.subarray(at, at + INPUT_CHUNK)))) await drained(socket);
      } else if (stdinFd !== null) {
        const file = createReadStream('', { fd: stdinFd, highWaterMark: INPUT_CHUNK });
        try {
          for await (const chunk of file) {
            if (socket.destroyed) break;
            if (!socket.write(frame(FRAME.input, chunk as Buffer))) await drained(socket);
          }
        } finally {
          file.destroy();
        }
      }
      if (!socket.destroyed) socket.write(frame(FRAME.inputEnd));
    } catch {
      // The run ended before it took all its input (the connection is closed): the rest is not needed.
    }
  }
}

/** Resolves when the socket may take more, or is closed (then writing stops). */
async function drained(socket: Socket): Promise<void> {
  await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
}
