import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RunResult, RunSpec } from '../types';
import { usageOrNothing } from '../cgroup-files';
import { openRegularFile, openStdinFile, RunOutput, sandboxError, withFilePaths } from '../run-capture';
import { CONNECTION_PIPE_BYTES } from '../run-connection';
import { runResult } from '../run-status';
import { cpuRlimitSeconds, RunWatch, stackRlimit } from '../run-watch';
import { buildBwrapArgs, bwrapCommandLine } from './bwrap-args';
import type { RootEntry } from '../host-root';
import type { RunCgroup } from './cgroup';
import { SANDBOX_BOX, SANDBOX_TMP, type NamespaceBox } from './namespace-box';

/** Descriptors 0-2 are stdio, 3 carries bwrap's status; inherited files follow, then bwrap's options. */
const FIRST_FILE_FD = 4;

/** What a run needs of the engine: the helper, bubblewrap, and the host root's layout. */
export interface NamespaceTools {
  helper: string;
  bwrap: string;
  /** The syscall filter as BPF (bin/seccomp.bpf). */
  seccomp: string;
  root: RootEntry[];
}

/** One execution: spawn judge-spawn (which executes bwrap), watch the limits, collect, classify. */
export class NamespaceRun {
  private clockStarted = false;
  private startNs = 0n;
  private endNs = 0n;
  private child: ChildProcess | null = null;
  private exitCode: number | null = null;
  private setupError: string | null = null;
  private cpuBaselineNs = 0;
  private readonly watch = new RunWatch(
    () => this.endNs !== 0n,
    () => {
      void this.cgroup.killAll().catch(() => undefined);
      this.child?.kill('SIGKILL');
    },
  );

  constructor(
    private readonly tools: NamespaceTools,
    private readonly box: NamespaceBox,
    private readonly spec: RunSpec,
    private readonly cgroup: RunCgroup,
  ) {}

  async execute(): Promise<RunResult> {
    const { spec, watch } = this;
    const limits = spec.limits;
    let stdinFd: number | null;
    try {
      stdinFd = openStdinFile(spec.stdin);
    } catch (error) {
      return sandboxError((error as Error).message);
    }
    // Files reach the program as inherited descriptors (a regular file's descriptor opens no way out).
    const fileFds: number[] = [];
    try {
      for (const path of spec.files ?? []) fileFds.push(openRegularFile(path));
    } catch (error) {
      for (const fd of fileFds) closeSync(fd);
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot open a file for the run: ${(error as Error).message}`);
    }
    // A connected run's stdin and stdout are kernel pipes to its peer: the judge neither reads nor writes them.
    let connected: { stdin: number; stdout: number } | null = null;
    if (spec.stdin.kind === 'connected') {
      try {
        connected = await spec.stdin.end.pipeFds();
      } catch (error) {
        for (const fd of fileFds) closeSync(fd);
        return sandboxError(`cannot connect the run: ${(error as Error).message}`);
      }
    }
    // The syscall filter reaches bwrap as one more descriptor, after the files.
    let seccompFd: number;
    try {
      seccompFd = openRegularFile(this.tools.seccomp);
    } catch (error) {
      for (const fd of fileFds) closeSync(fd);
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError(`cannot open the syscall filter: ${(error as Error).message}`);
    }
    const seccompChildFd = FIRST_FILE_FD + fileFds.length;
    const argv = withFilePaths(spec.argv, (i) => `/proc/self/fd/${FIRST_FILE_FD + i}`);
    const bwrapArgs = buildBwrapArgs({
      root: this.tools.root,
      hostBoxDir: this.box.hostBoxDir,
      tmpSizeBytes: this.box.tmpSizeBytes,
      sandboxBox: SANDBOX_BOX,
      sandboxTmp: SANDBOX_TMP,
      boxWritable: spec.boxWritable,
      mounts: spec.mounts ?? [],
      env: spec.env ?? {},
      cwd: spec.cwd ?? SANDBOX_BOX,
      statusFd: 3,
      seccompFd: seccompChildFd,
      argv,
    });
    // bwrap's options come last, after the filter: judge-spawn passes on every descriptor up to this one.
    const argsFd = seccompChildFd + 1;
    const bwrap = bwrapCommandLine(bwrapArgs, argv, argsFd);
    const spawnArgs = [
      String(this.box.uid),
      // Unlimited unless asked (the stack then grows up to the memory limit); the rest are per-process
      // backstops behind the cgroup's totals.
      stackRlimit(limits),
      String(limits.fileSizeBytes),
      String(limits.openFiles),
      // Counted per user (the uid is the box's own). Generous because bwrap's monitor exits before reaping the
      // sandbox's init, so finished runs linger as zombies until the host's init reaps them, and still count.
      String(limits.processes * 2 + 256),
      String(cpuRlimitSeconds(limits.cpuTimeMs)),
      String(connected ? CONNECTION_PIPE_BYTES : 0),
      String(argsFd),
      ...this.cgroup.procsFiles(),
      '--',
      this.tools.bwrap,
      ...bwrap.argv,
    ];

    const output = new RunOutput(limits, () => watch.kill('output-limit'));

    // judge-spawn joins the run's cgroups itself, sets the rlimits and drops to the box user before it
    // executes bwrap: everything the run starts is born accounted and limited.
    // The test input reaches the program through a pipe the judge feeds, never as the host file's descriptor,
    // whose link in /proc/self/fd would name the file's host path (and the package's hash in it).
    const child = spawn(this.tools.helper, spawnArgs, {
      env: { PATH: '/usr/bin:/bin' },
      stdio: [
        connected?.stdin ?? (spec.stdin.kind === 'null' ? 'ignore' : 'pipe'),
        connected?.stdout ?? 'pipe',
        'pipe',
        'pipe',
        ...fileFds,
        seccompFd,
        'pipe',
      ],
    });
    this.child = child;
    for (const fd of fileFds) closeSync(fd);
    closeSync(seccompFd);
    const argsStream = child.stdio[argsFd] as Writable | null;
    argsStream?.on('error', () => undefined); // bwrap that failed to start reads nothing
    argsStream?.end(bwrap.options);

    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the program may exit without reading its input
      if (spec.stdin.kind === 'buffer') child.stdin.end(spec.stdin.data);
      if (stdinFd !== null) {
        // pipeline closes the file however the pipe ends (the program may exit without reading it all).
        void pipeline(createReadStream('', { fd: stdinFd }), child.stdin).catch(() => undefined);
      }
    } else if (stdinFd !== null) {
      closeSync(stdinFd);
    }
    child.stdout?.on('data', output.onStdout);
    child.stderr?.on('data', output.onStderr);
    watch.cancelWith(spec.signal);

    const closed = new Promise<void>((resolve) => {
      child.on('close', () => resolve());
      child.on('error', (error) => {
        this.setupError = `cannot start sandbox: ${error.message}`;
        resolve();
      });
    });
    child.on('exit', (code) => {
      this.endNs = process.hrtime.bigint();
      this.exitCode = code;
      // The program has ended: whatever it left behind (orphans, setsid children) dies with the run.
      void this.cgroup.killAll().catch(() => undefined);
      // Streams held open by something that escaped the kill would hang us: close them after a grace period.
      watch.after(1000, () => {
        for (const stream of child.stdio) (stream as { destroy?: () => void } | null)?.destroy?.();
      });
    });
    const exitStatus = this.readStatus(child.stdio[3] as NodeJS.ReadableStream);

    await closed;
    watch.stop();
    if (this.endNs === 0n) this.endNs = process.hrtime.bigint();

    const usage = usageOrNothing(() => this.cgroup.usage());
    const { stdout, stderr } = output.buffers();
    return runResult(
      {
        setupError: this.setupError,
        killedFor: watch.killedFor,
        exitStatus: exitStatus.value,
        // bwrap reports an exit code only once the program started: anything else is a setup failure.
        noExitStatusError: `sandbox setup failed: ${stderr.toString('utf8').trim() || `exit ${this.exitCode}`}`,
        cpuTimeMs: Math.max(0, usage.cpuTimeNs - this.cpuBaselineNs) / 1e6,
        memoryPeakBytes: usage.memoryPeakBytes,
        oomKills: usage.oomKills,
        processLimitHits: usage.processLimitHits,
        wallTimeMs: this.clockStarted ? Number(this.endNs - this.startNs) / 1e6 : 0,
        limits,
      },
      { stdout, stderr },
    );
  }

  /**
   * bwrap's JSON status lines: `child-pid` once the sandbox exists (the clocks start), `exit-code` when the
   * program has ended. The exit code is read when the run is over.
   */
  private readStatus(statusStream: NodeJS.ReadableStream): { value: number | null } {
    const exitStatus: { value: number | null } = { value: null };
    let statusText = '';
    statusStream.on('data', (chunk: Buffer) => {
      statusText += chunk.toString('utf8');
      let newline: number;
      while ((newline = statusText.indexOf('\n')) >= 0) {
        const line = statusText.slice(0, newline);
        statusText = statusText.slice(newline + 1);
        let doc: { 'child-pid'?: number; 'exit-code'?: number };
        try {
          doc = JSON.parse(line) as typeof doc;
        } catch {
          continue;
        }
        if (doc['child-pid'] !== undefined) this.started();
        if (doc['exit-code'] !== undefined) exitStatus.value = doc['exit-code'];
      }
    });
    return exitStatus;
  }

  /** The sandbox exists (bwrap has cloned it): the clocks start. */
  private started(): void {
    this.clockStarted = true;
    this.startNs = process.hrtime.bigint();
    // bwrap's own start-up ran in the group: the program's CPU time counts from here.
    this.cpuBaselineNs = usageOrNothing(() => this.cgroup.usage()).cpuTimeNs;
    this.watch.startWallClock(this.spec.limits.wallTimeMs);
    this.watch.watchCpu(
      this.spec.limits.cpuTimeMs,
      100,
      () => (this.cgroup.usage().cpuTimeNs - this.cpuBaselineNs) / 1e6,
    );
  }
}
