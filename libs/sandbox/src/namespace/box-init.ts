import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, unlinkSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Mount } from '../types';
import { openRegularFile } from '../run-capture';
import { buildBwrapArgs, bwrapCommandLine } from './bwrap-args';
import type { BoxCgroup, RunCgroup } from './cgroup';
import { SANDBOX_BOX, SANDBOX_TMP } from './namespace-box';
import type { NamespaceTools } from './namespace-run';

/** Where the init's descriptors are in judge-spawn, bwrap and the init: its binary, the filter, then the groups. */
const INIT_BINARY_FD = 3;
const SECCOMP_FD = 4;
const FIRST_CGROUP_FD = 5;

/** The box whose world an init is made for. */
export interface InitBox {
  uid: number;
  hostBoxDir: string;
  tmpSizeBytes: number;
  /** Every mount a run in the box may ask for, all made once in the box's world. */
  mounts: Mount[];
}

/**
 * The hard limits this process may give a child without CAP_SYS_RESOURCE (a container may hold root without
 * it): the init's own limits, under which each run sets its lower ones.
 */
function hardLimits(): { openFiles: string; processes: string } {
  const text = readFileSync('/proc/self/limits', 'utf8');
  const hard = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(name));
    const value = line?.slice(name.length).trim().split(/\s+/)[1];
    return value === undefined || value === 'unlimited' ? null : value;
  };
  return { openFiles: hard('Max open files') ?? '65536', processes: hard('Max processes') ?? 'unlimited' };
}

/**
 * A pre-built box (see docs/architecture.md): the box's namespaces, mounts and init (native/judge-init.c), made
 * once by judge-spawn and bubblewrap and kept while the box lives; each run of the box is started inside it by
 * the init, on request over a Unix socket of the host. The init process is bwrap's, so it dies with the judge
 * (--die-with-parent) and with stop().
 */
export class BoxInit {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private running = true;
  private stderr = '';

  private constructor(
    tools: NamespaceTools,
    box: InitBox,
    readonly socketPath: string,
    readonly cgroup: BoxCgroup,
    /** The group of the box's own processes (bwrap's, the init, each run's pid 1): stop() empties it. */
    private readonly initCgroup: RunCgroup,
  ) {
    const procsFiles = cgroup.procsFiles();
    const cgroupFds = procsFiles.map((_, i) => FIRST_CGROUP_FD + i);
    const argsFd = FIRST_CGROUP_FD + procsFiles.length;
    const listenFd = argsFd + 1;
    const argv = [`/proc/self/fd/${INIT_BINARY_FD}`, String(listenFd), String(SECCOMP_FD), ...cgroupFds.map(String)];
    const bwrap = bwrapCommandLine(
      buildBwrapArgs({
        root: tools.root,
        hostBoxDir: box.hostBoxDir,
        tmpSizeBytes: box.tmpSizeBytes,
        sandboxBox: SANDBOX_BOX,
        sandboxTmp: SANDBOX_TMP,
        // Each run makes it read-only in its own mounts unless it may write it.
        boxWritable: true,
        mounts: box.mounts,
        env: {},
        cwd: '/',
        capabilities: ['CAP_SYS_ADMIN', 'CAP_SETPCAP'],
        argv,
      }),
      argv,
      argsFd,
    );
    const limits = hardLimits();
    const opened: number[] = [];
    try {
      opened.push(openRegularFile(tools.init), openRegularFile(tools.seccomp));
      // Opened by root: the descriptors carry the right to move a process into the group, which the box's user
      // lacks. Writing "0" to them is all the init and its runs can do with them.
      for (const file of procsFiles) opened.push(openWriteOnly(file));
      // judge-spawn binds the socket as root, drops to the box's user, and executes bwrap, which executes the init.
      this.child = spawn(
        tools.helper,
        [
          '--listen',
          socketPath,
          String(listenFd),
          String(box.uid),
          'unlimited',
          'unlimited',
          limits.openFiles,
          limits.processes,
          'unlimited',
          '0',
          '-',
          String(listenFd),
          ...initCgroup.procsFiles(),
          '--',
          tools.bwrap,
          ...bwrap.argv,
        ],
        { env: { PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'pipe', ...opened, 'pipe'] },
      );
    } finally {
      for (const fd of opened) closeSync(fd);
    }
    const argsStream = this.child.stdio[argsFd] as Writable | null;
    argsStream?.on('error', () => undefined);
    argsStream?.end(bwrap.options);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise<void>((resolve) => {
      this.child.on('error', () => resolve());
      this.child.on('exit', () => resolve());
    }).then(() => {
      this.running = false;
    });
  }

  /**
   * Makes the box's world and starts its init; runs may be sent at once (the socket is listening before the
   * init exists). The socket lives in a folder only root may enter, beside the box's own folder.
   */
  static start(
    tools: NamespaceTools,
    box: InitBox,
    socketPath: string,
    cgroup: BoxCgroup,
    initCgroup: RunCgroup,
  ): BoxInit {
    return new BoxInit(tools, box, socketPath, cgroup, initCgroup);
  }

  get alive(): boolean {
    return this.running;
  }

  /** What the init or bwrap said on stderr (why a box failed). */
  get messages(): string {
    return this.stderr.trim();
  }

  /** Kills the box's world and everything in it, and removes its groups and socket. */
  async stop(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
    // bwrap's pid 1 and the init die with bwrap (--die-with-parent), a moment after it: wait for them.
    await this.initCgroup.killAll();
    await this.cgroup.killAll();
    await Promise.all([this.initCgroup.remove(), this.cgroup.remove()]);
    try {
      unlinkSync(this.socketPath);
    } catch {
      // never bound (judge-spawn failed before), or already gone
    }
  }
}

/** A cgroup interface file opened for writing (it is no regular file: openRegularFile would refuse it). */
function openWriteOnly(path: string): number {
  return openSync(path, constants.O_WRONLY);
}
