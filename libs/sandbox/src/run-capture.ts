import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import type { RunLimits, RunResult, StdinSpec } from './types';

/** The result of a run the sandbox could not carry out: our fault, never the submission's. */
export function sandboxError(message: string): RunResult {
  return {
    status: 'sandbox-error',
    exitCode: null,
    signal: null,
    cpuTimeMs: 0,
    wallTimeMs: 0,
    memoryBytes: 0,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
    error: message,
  };
}

/** Collects a stream up to a byte limit. */
export class Capture {
  private readonly chunks: Buffer[] = [];
  bytes = 0;
  kept = 0;

  constructor(private readonly limit: number) {}

  /** Returns false once the limit is passed. */
  add(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    const room = this.limit - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    return this.bytes <= this.limit;
  }

  buffer(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}

/** Opens a host file for a run: no links, regular files only. O_NONBLOCK: a fifo must not hang us. */
export function openRegularFile(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new Error('not a regular file');
  }
  return fd;
}

/** The descriptor of a run's stdin when it is a host file (see openRegularFile); null for any other stdin. */
export function openStdinFile(stdin: StdinSpec): number | null {
  if (stdin.kind !== 'file') return null;
  try {
    return openRegularFile(stdin.path);
  } catch (error) {
    throw new Error(`cannot open input ${stdin.path}: ${(error as Error).message}`);
  }
}

/** argv with each `{file:N}` replaced by the path under which the run's Nth file is visible in the sandbox. */
export function withFilePaths(argv: string[], pathOf: (index: number) => string): string[] {
  return argv.map((word) => word.replace(/\{file:(\d+)\}/g, (_, i: string) => pathOf(Number(i))));
}

/**
 * What the judge keeps of a run's output: stdout up to its limit (one byte more and the run is killed); stderr
 * up to its limit, the rest dropped.
 */
export class RunOutput {
  private readonly stdout: Capture;
  private readonly stderr: Capture;

  constructor(
    limits: Pick<RunLimits, 'stdoutBytes' | 'stderrBytes'>,
    private readonly overLimit: () => void,
  ) {
    this.stdout = new Capture(limits.stdoutBytes);
    this.stderr = new Capture(limits.stderrBytes);
  }

  readonly onStdout = (chunk: Buffer): void => {
    if (!this.stdout.add(chunk)) this.overLimit();
  };

  readonly onStderr = (chunk: Buffer): void => {
    this.stderr.add(chunk);
  };

  buffers(): { stdout: Buffer; stderr: Buffer } {
    return { stdout: this.stdout.buffer(), stderr: this.stderr.buffer() };
  }
}
