import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RunResult, RunSpec } from '../types';
import { boxPathComponents } from '../box-files';
import { CgroupRun, type RunGroup } from '../cgroup-run';
import { openRegularFile, openStdinFile, RunOutput, sandboxError, withFilePaths } from '../run-capture';
import { CONNECTION_PIPE_BYTES } from '../run-connection';
import { cpuRlimitSeconds, stackRlimit } from '../run-watch';
import { HELPER_PATH, SANDBOX_BOX, SANDBOX_FILES } from './box-container';
import type { DockerBox } from './docker-box';

/** judge-enter (native/judge-enter.c) on the daemon's host, and the size of each run's /tmp. */
export interface RunEntry {
  helper: string;
  tmpBytes: number;
}

/**
 * One run of the docker engine: judge-enter, started by the judge with the run's stdio, joins the container's
 * cgroups and namespaces, becomes the box's user and executes the container's judge-exec, which sets the limits
 * and the filter and executes the program. Watched, collected and classified as a namespace run is, on the
 * container's cgroup (runs in a box never overlap, so its deltas over a run are the run's).
 */
export class DockerRun extends CgroupRun {
  private child: ChildProcess | null = null;
  private readonly token = randomBytes(12).toString('hex');

  constructor(
    private readonly box: DockerBox,
    private readonly entry: RunEntry,
    spec: RunSpec,
  ) {
    super(spec, containerGroup(box));
  }

  protected killProcesses(): void {
    // judge-enter kills the run's first process and reaps it (killed itself, it would leave that to the host's
    // init); the run's group is killed besides.
    this.child?.kill('SIGTERM');
  }

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
    const closeStdin = () => {
      if (stdinFd !== null) closeSync(stdinFd);
    };
    try {
      await this.copyFiles(spec.files ?? []);
    } catch (error) {
      closeStdin();
      return sandboxError(`cannot copy a file for the run: ${(error as Error).message}`);
    }
    // A program file larger than the run's memory (an initialised static array) is held in the box's tmpfs,
    // charged to the container: the container cannot even be given that limit. The run is over its memory.
    const held = await box.heldBytes().catch(() => 0);
    if (held >= limits.memoryBytes) {
      closeStdin();
      return overMemoryBeforeStart(held);
    }
    try {
      // The init is one more process of the container.
      await box.applyLimits(limits.memoryBytes, limits.processes + 3);
    } catch (error) {
      closeStdin();
      return sandboxError(`cannot set the box's limits: ${(error as Error).message}`);
    }
    // A connected run's stdin and stdout are kernel pipes to its peer: the judge neither reads nor writes them.
    let connected: { stdin: number; stdout: number } | null = null;
    if (spec.stdin.kind === 'connected') {
      try {
        connected = await spec.stdin.end.pipeFds();
      } catch (error) {
        return sandboxError(`cannot connect the run: ${(error as Error).message}`);
      }
    }

    const user = spec.boxWritable ? box.uid : box.readerUid;
    const args = [
      String(box.initPid),
      String(user),
      String(this.entry.tmpBytes),
      String(connected ? CONNECTION_PIPE_BYTES : 0),
      spec.cwd ?? SANDBOX_BOX,
      this.token,
      ...box.cgroup.procsFiles,
      '--',
      HELPER_PATH,
      'run',
      this.token,
      stackRlimit(limits),
      String(limits.fileSizeBytes),
      String(limits.openFiles),
      // Counted per user, and the user is the box's own: the run's processes and threads. One above what the
      // container's pids limit leaves the run (it counts the init too), so that the cgroup refuses first and
      // counts it (the process-limit event).
      String(limits.processes + 3),
      String(cpuRlimitSeconds(limits.cpuTimeMs)),
      ...Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
      '--',
      ...withFilePaths(spec.argv, (i) => `${SANDBOX_FILES}/${i}`),
    ];

    const output = new RunOutput(limits, () => watch.kill('output-limit'));
    // judge-exec's and judge-enter's setup failures are the last thing on stderr, whatever the stderr limit kept.
    let stderrTail: Buffer = Buffer.alloc(0);

    box.cgroup.startRun();
    const child = spawn(this.entry.helper, args, {
      env: { PATH: '/usr/bin:/bin' },
      stdio: [
        connected?.stdin ?? (spec.stdin.kind === 'null' ? 'ignore' : 'pipe'),
        connected?.stdout ?? 'pipe',
        'pipe',
      ],
    });
    this.child = child;
    this.started();
    watch.cancelWith(spec.signal);
    if (watch.killedFor) this.killProcesses();

    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the program may exit without reading its input
      if (spec.stdin.kind === 'buffer') child.stdin.end(spec.stdin.data);
      else if (stdinFd !== null) void pipeline(createReadStream('', { fd: stdinFd }), child.stdin).catch(() => {});
    } else {
      closeStdin();
    }
    child.stdout?.on('data', output.onStdout);
    child.stderr?.on('data', (chunk: Buffer) => {
      output.onStderr(chunk);
      stderrTail = Buffer.concat([stderrTail, chunk]).subarray(-512);
    });

    let exitStatus: number | null = null;
    const closed = new Promise<void>((resolve) => {
      child.on('close', () => resolve());
      child.on('error', (error) => {
        this.setupError = `cannot start sandbox: ${error.message}`;
        resolve();
      });
    });
    child.on('exit', (code, signal) => {
      // judge-enter exits when the program has: whatever it left behind dies with the run, which closes the
      // output an orphan held open.
      this.ended();
      if (signal === null) exitStatus = code;
      void box.killRuns().catch(() => undefined);
    });

    await closed;
    watch.stop();
    // Whatever the program left behind dies with the run, before its usage is read.
    await box.killRuns();

    const tail = stderrTail.toString('utf8');
    // A setup failure (judge-enter's or judge-exec's) ends with the run's token: what follows is its message.
    const helperFailed = exitStatus === 127 && stderrTail.includes(this.token);
    if (helperFailed) this.setupError = `sandbox setup failed: ${tail.split(this.token).at(-1)?.trim() ?? ''}`;
    return this.result(
      exitStatus,
      output,
      (stderr) => `sandbox setup failed: ${stderr || 'no exit status'}`,
      // The helper's message is in the error: the program wrote nothing.
      !helperFailed,
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
}

/** The container's group as a run's: every process in it but the init belongs to the run. */
function containerGroup(box: DockerBox): RunGroup {
  return { usage: () => box.cgroup.usage(), killAll: () => box.killRuns() };
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
