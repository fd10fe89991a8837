import type { RunLimits } from '../types';
import { cpuRlimitSeconds, stackRlimit } from '../run-watch';

/**
 * The judge's side of a pre-built box's protocol (native/judge-init.c): frames of a type byte, a 4-byte
 * little-endian length and the payload, on the Unix socket of the box's init.
 */
export const FRAME = {
  /** judge → init: the run's settings (initRequest). */
  request: 'R',
  /** judge → init: input for the program (relayed runs). */
  input: 'I',
  /** judge → init: the program's input ends. */
  inputEnd: 'C',
  /** init → judge: the program was executed (its pid in the run). */
  started: 'P',
  stdout: 'O',
  stderr: 'E',
  /** init → judge: the program's exit status, 128 + n for signal n. */
  exit: 'X',
  /**
   * init → judge, last: 'D' the run was carried out, 'S' its program could not be executed (the run's failure),
   * 'F' its set-up failed (the box's), 'K' its init was killed.
   */
  over: 'Z',
} as const;

/** The most input a frame carries: what the init's pid 1 holds for the program at once. */
export const INPUT_CHUNK = 64 * 1024;

const PROTOCOL = 'judge-init-1';

export interface InitRequest {
  tmpSizeBytes: number;
  boxWritable: boolean;
  cwd: string;
  limits: RunLimits;
  /** Bytes of pipe buffer for a run joined to another one; 0 leaves the pipes as they are. */
  pipeBytes: number;
  cpu: number | undefined;
  files: number;
  /** cgroup.procs descriptors passed after the files: the run's own group (else the box's run group). */
  cgroups: number;
  env: Record<string, string>;
  argv: string[];
}

/** The request's words, NUL-terminated, in the order judge-init.c parses them. */
export function initRequest(request: InitRequest): Buffer {
  const { limits } = request;
  const env = Object.entries(request.env).map(([key, value]) => `${key}=${value}`);
  const words = [
    PROTOCOL,
    String(request.tmpSizeBytes),
    request.boxWritable ? '1' : '0',
    request.cwd,
    stackRlimit(limits),
    String(limits.fileSizeBytes),
    String(limits.openFiles),
    // Counted per user, as under judge-spawn (see NamespaceRun): the box's init and the runs' own inits count.
    String(limits.processes * 2 + 256),
    String(cpuRlimitSeconds(limits.cpuTimeMs)),
    String(request.pipeBytes),
    request.cpu === undefined ? '-' : String(request.cpu),
    String(request.files),
    String(request.cgroups),
    String(env.length),
    ...env,
    String(request.argv.length),
    ...request.argv,
  ];
  for (const word of words) if (word.includes('\0')) throw new Error(`NUL in a run's setting: ${word}`);
  return Buffer.from(words.map((w) => `${w}\0`).join(''), 'utf8');
}

export function frame(type: string, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/** Cuts the init's byte stream into frames, however it arrives. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (type: string, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 5) {
      const length = this.pending.readUInt32LE(1);
      if (this.pending.length < 5 + length) return;
      const type = String.fromCharCode(this.pending[0]);
      const payload = this.pending.subarray(5, 5 + length);
      this.pending = this.pending.subarray(5 + length);
      this.onFrame(type, payload);
    }
  }
}
