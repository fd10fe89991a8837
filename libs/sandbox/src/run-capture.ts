import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import type { RunResult } from './types';

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
