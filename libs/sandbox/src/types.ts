import type { BoxEntry } from './box-files';
import type { SecurityEvent } from '@judge/contract';
import type { ConnectionEnd } from './run-connection';

/** Limits of one run. Units are in the names; null means "no limit of this kind". */
export interface RunLimits {
  /** CPU time of all processes and threads of the run together. */
  cpuTimeMs: number;
  /** Wall-clock time; catches sleeping and blocking. */
  wallTimeMs: number;
  /** Memory of all processes together (the main thread's stack may use all of it when stackBytes is unset). */
  memoryBytes: number;
  /**
   * RLIMIT_STACK. Unset: unlimited, as DOMjudge's runguard and isolate leave it: the main thread's stack grows
   * until the memory limit stops it, and threads get the C library's default (glibc on x86-64: 2 MiB). A limit
   * also becomes glibc's default stack of every thread (see docs/security-model.md, "Stacks").
   */
  stackBytes?: number;
  /** Processes and threads alive at once. */
  processes: number;
  /** Bytes of stdout the judge reads before killing the run (OLE); not for a connected run (see StdinSpec). */
  stdoutBytes: number;
  /** Bytes of stderr kept; more is discarded (never fails the run). */
  stderrBytes: number;
  /** Largest file the run may write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Open file descriptors per process (RLIMIT_NOFILE). */
  openFiles: number;
}

/**
 * A read-only folder of the host made visible inside the box. Its path must be reachable by any user
 * (every folder on the way searchable): the box user's bubblewrap binds it.
 */
export interface Mount {
  hostPath: string;
  sandboxPath: string;
  /** Skip silently when hostPath is missing (toolchain folders that differ between distributions). */
  optional?: boolean;
  /** Part of a language's toolchain: a runtime image that brings its own toolchain has it already. */
  toolchain?: boolean;
}

export type StdinSpec =
  | { kind: 'null' }
  /**
   * A host file (the test input); opened by the engine with O_NOFOLLOW and checked to be a regular file, and fed
   * to the program through a pipe: the program never holds the file's descriptor, whose link names its host path.
   */
  | { kind: 'file'; path: string }
  | { kind: 'buffer'; data: Buffer }
  /**
   * Interactive runs: stdin and stdout are joined to another run's (`connectRuns`), which runs at the same
   * time in its own box. The output then is not kept and has no output limit: a writer whose reader does not
   * keep up blocks, as on a pipe.
   */
  | { kind: 'connected'; end: ConnectionEnd };

export interface RunSpec {
  /** argv[0] is resolved inside the sandbox (absolute path recommended). */
  argv: string[];
  /** The whole environment of the run; nothing of the judge's own leaks in. */
  env?: Record<string, string>;
  /** Working directory inside the sandbox; defaults to the box folder. */
  cwd?: string;
  /**
   * Host files the run may read (a validator's test input and answer), opened by the judge with O_NOFOLLOW,
   * so their folders need not be reachable by the box user. argv words `{file:0}`, `{file:1}`... are replaced
   * with the path under which each is visible inside the sandbox.
   */
  files?: string[];
  /** Whether the box folder is writable (compiling) or read-only (running a solution). */
  boxWritable: boolean;
  mounts?: Mount[];
  stdin: StdinSpec;
  limits: RunLimits;
  /** Kills the run; its status is then 'aborted'. */
  signal?: AbortSignal;
}

/** What the sandbox saw; verdicts are derived from this elsewhere (one mapping table in the judge). */
export type RunStatus =
  /** Exited with code 0. */
  | 'ok'
  /** Exited with a non-zero code. */
  | 'nonzero-exit'
  /** Killed by a signal we did not send. */
  | 'signaled'
  | 'cpu-time-limit'
  | 'wall-time-limit'
  | 'memory-limit'
  | 'output-limit'
  /** Stopped through RunSpec.signal (the judgement was cancelled, or an interactor already decided). */
  | 'aborted'
  /** The sandbox itself failed (could not start, setup error): our fault, never the submission's. */
  | 'sandbox-error';

export interface RunResult {
  status: RunStatus;
  exitCode: number | null;
  signal: number | null;
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
  stdout: Buffer;
  stderr: Buffer;
  /** Human-readable detail for sandbox-error. */
  error?: string;
  /** What the run did that probes the sandbox, as the engine saw it: one event per kind (see run-events.ts). */
  events?: RunEvent[];
}

/** A security event of one run; the judge adds the test it belongs to. */
export type RunEvent = Omit<SecurityEvent, 'test'>;

/** A box: one writable folder of bounded size with its own unprivileged user, reused across the runs of one submission. */
export interface Box {
  readonly id: string;
  /** The box folder's path as seen inside the sandbox. */
  readonly sandboxPath: string;
  /** Host uid that runs this box's processes; unique among live boxes. */
  readonly uid: number;
  /** Put a file into the box (host writes it; the path is relative to the box folder and must not traverse links). */
  writeFile(relativePath: string, data: Buffer | string, mode?: number): Promise<void>;
  /** Read a regular file the box produced: no links followed, no devices or fifos, at most maxBytes. */
  readFile(relativePath: string, maxBytes: number): Promise<Buffer | null>;
  /** A folder's entries, recursively, by lstat (links are listed, never followed); null past maxEntries. */
  listFiles(relativeDir: string, maxEntries: number): Promise<BoxEntry[] | null>;
  /** Make an empty folder in the box writable by the box user (feedback folders). */
  makeDir(relativePath: string): Promise<void>;
  /** Empty a folder in the box without following links inside it. */
  clearDir(relativePath: string): Promise<void>;
  /** Remove one entry of the box (a file, or a link itself); nothing happens when it is absent. */
  removeFile(relativePath: string): Promise<void>;
  run(spec: RunSpec): Promise<RunResult>;
  /** Kill anything left and remove the box folder. Idempotent. */
  destroy(): Promise<void>;
}

export interface BoxOptions {
  /** Total size of files the box may hold. */
  sizeBytes: number;
  /**
   * The runtime (language family: `gcc`, `python`, `jvm`...) of the programs the box will run. The docker
   * engine makes the box from that runtime's image; the namespace engine shows every box the host's toolchains.
   */
  runtime?: string;
  /**
   * Every mount a run in this box may ask for (RunSpec.mounts must be among them). The docker engine binds
   * them when it makes the box's container, since a container's mounts are fixed; the namespace engine
   * mounts per run and ignores this.
   */
  mounts?: Mount[];
}

export interface SandboxEngine {
  readonly name: string;
  createBox(options: BoxOptions): Promise<Box>;
  /** Problems that stop the engine from working here (missing bwrap, no cgroups, no daemon); empty when ready. */
  check(): Promise<string[]>;
  close(): Promise<void>;
}
