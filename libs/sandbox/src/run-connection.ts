import { execFile } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Bytes a pipe between two connected runs holds before its writer blocks: 1 MiB, as problemtools' and
 * DOMjudge's runners size theirs, so an interactor may send a whole large input before reading answers.
 */
export const CONNECTION_PIPE_BYTES = 1 << 20;

/** One direction of a connection as kernel pipe ends held by the judge (null once closed). */
interface PipeFds {
  read: number | null;
  write: number | null;
}

/**
 * Two runs joined both ways, for interactive tests: each one's stdout is the other's stdin. The two runs are
 * started separately (each in its box, with its own limits) and are given one end each (`StdinSpec` kind
 * `connected`). Both engines join them with kernel pipes, so a writer blocks when its reader does not keep up,
 * exactly as on a pipe, and the judge never reads what they say to each other.
 *
 * The judge keeps its own copy of every pipe end while the runs go on, as problemtools' `interactive` does:
 * - the write end of a run's output until that run has ended (`finish`), so its peer reads end of file only once
 *   the judge knows who ended first;
 * - the read ends until both runs have ended, so a program writing to a peer that has just exited is never
 *   killed by SIGPIPE for it (the verdict must not depend on that race).
 */
export class RunConnection {
  readonly ends: [ConnectionEnd, ConnectionEnd];
  private pipes: Promise<[PipeFds, PipeFds]> | null = null;
  private opened: [PipeFds, PipeFds] | null = null;
  /** @internal The side whose run ended first. */
  first: 0 | 1 | null = null;

  constructor() {
    this.ends = [new ConnectionEnd(this, 0), new ConnectionEnd(this, 1)];
  }

  /** @internal The kernel pipes, made on the first request: [0 → 1, 1 → 0]. */
  pipeFds(side: 0 | 1): Promise<{ stdin: number; stdout: number }> {
    this.pipes ??= makePipes().then((pipes) => {
      this.opened = pipes;
      // A side that ended before the pipes were made (its run failed to start) has nothing to say.
      for (const end of this.ends) if (end.ended) this.closeOutput(end.side);
      this.closeReadsWhenDone();
      return pipes;
    });
    return this.pipes.then((pipes) => {
      const stdin = pipes[1 - side].read;
      const stdout = pipes[side].write;
      if (stdin === null || stdout === null) throw new Error('the connection is already closed');
      return { stdin, stdout };
    });
  }

  /** @internal A side's run has ended: its peer reads end of file. */
  finished(side: 0 | 1): void {
    this.first ??= side;
    this.closeOutput(side);
    this.closeReadsWhenDone();
  }

  private closeOutput(side: 0 | 1): void {
    const fds = this.opened?.[side];
    if (fds?.write != null) {
      closeSync(fds.write);
      fds.write = null;
    }
  }

  private closeReadsWhenDone(): void {
    if (!this.opened || !this.ends.every((end) => end.ended)) return;
    for (const fds of this.opened) {
      if (fds.read !== null) closeSync(fds.read);
      fds.read = null;
    }
  }
}

/** One run's side of a RunConnection. */
export class ConnectionEnd {
  private done = false;

  constructor(
    private readonly connection: RunConnection,
    readonly side: 0 | 1,
  ) {}

  /** Whether this side's run has ended (its peer then reads end of file). */
  get ended(): boolean {
    return this.done;
  }

  /**
   * Whether this side's run ended before its peer's. Its peer reads end of file only after that, so a peer that
   * ended because its input ended never counts as first.
   */
  get endedFirst(): boolean {
    return this.connection.first === this.side;
  }

  /** @internal The descriptors to give the run as stdin and stdout (the judge keeps its own). */
  pipeFds(): Promise<{ stdin: number; stdout: number }> {
    return this.connection.pipeFds(this.side);
  }

  /** @internal Called by the engine once the run is over, whatever happened (also when it never started). */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.connection.finished(this.side);
  }
}

/** Two runs joined both ways: give each one end as its stdin. */
export function connectRuns(): [ConnectionEnd, ConnectionEnd] {
  return new RunConnection().ends;
}

/**
 * Two kernel pipes with both ends open in the judge, blocking. Node cannot call pipe(2), so each is a fifo made
 * in a fresh folder only root can enter and unlinked at once: opening its read end without blocking first lets
 * the write end and then a blocking read end open at once (a fifo's open waits only for the other side).
 */
async function makePipes(): Promise<[PipeFds, PipeFds]> {
  const dir = await mkdtemp(join(tmpdir(), 'judge-pipes-'));
  try {
    const paths = [join(dir, '0'), join(dir, '1')];
    await promisify(execFile)('mkfifo', ['-m', '600', ...paths], { env: { PATH: '/usr/bin:/bin' } });
    const pipes: PipeFds[] = [];
    try {
      for (const path of paths) pipes.push(openFifo(path));
    } catch (error) {
      for (const fds of pipes) for (const fd of [fds.read, fds.write]) if (fd !== null) closeSync(fd);
      throw error;
    }
    return [pipes[0], pipes[1]];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function openFifo(path: string): PipeFds {
  const opening = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const write = openSync(path, constants.O_WRONLY | constants.O_NOFOLLOW);
    try {
      return { read: openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW), write };
    } catch (error) {
      closeSync(write);
      throw error;
    }
  } finally {
    closeSync(opening);
  }
}
