import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RunResult, RunSpec } from '../types';
import { openRegularFile, openStdinFile, RunOutput, sandboxError, withFilePaths } from '../run-capture';
import { CONNECTION_PIPE_BYTES } from '../run-connection';
import { cpuRlimitSeconds, stackRlimit } from '../run-watch';
import { buildBwrapArgs, bwrapCommandLine } from './bwrap-args';
import type { RootEntry } from '../host-root';
import type { RunCgroup } from './cgroup';
import { SANDBOX_BOX, SANDBOX_TMP, type NamespaceBox } from './namespace-box';
import type { BoxInit } from './box-init';
import { initRequest } from './init-protocol';
import { CgroupRun, BoxInitLost } from '../cgroup-run';

/** Descriptors 0-2 are stdio, 3 carries bwrap's status; inherited files follow, then bwrap's options. */
const FIRST_FILE_FD = 4;

/** What a run needs of the engine: the helper, bubblewrap, and the host root's layout. */
export interface NamespaceTools {
  helper: string;
  /** A pre-built box's init (native/judge-init.c), and the helper that hands it a run's descriptors. */
  init: string;
  runner: string;
  bwrap: string;
  /** The syscall filter as BPF (bin/seccomp.bpf). */
  seccomp: string;
  root: RootEntry[];
}

/**
 * One execution with a helper the judge spawns: judge-spawn (which executes bwrap) for a box made for the run
 * alone, or judge-run, which hands the run's own descriptors to a pre-built box's init (`init`). Watch the
 * limits, collect, classify.
 */
export class NamespaceRun extends CgroupRun<RunCgroup> {
  private child: ChildProcess | null = null;
  private exitCode: number | null = null;

  constructor(
    private readonly tools: NamespaceTools,
    private readonly box: NamespaceBox,
    spec: RunSpec,
    cgroup: RunCgroup,
    /** The CPU the run is placed on (JUDGE_CPUS), or undefined. */
    private readonly cpu?: number,
    /** A pre-built box to run in; `ownGroup`: the run joins `cgroup`, its own, rather than the box's run group. */
    private readonly init?: { box: BoxInit; ownGroup: boolean },
  ) {
    super(spec, cgroup);
  }

  protected killProcesses(): void {
    this.child?.kill('SIGKILL');
  }

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
    const argv = withFilePaths(spec.argv, (i) => `/proc/self/fd/${FIRST_FILE_FD + i}`);
    let launch: { helper: string; args: string[]; extraFds: number[]; payload: Buffer };
    try {
      launch = this.init
        ? this.runnerLaunch(this.init, argv, fileFds.length, connected !== null)
        : this.bwrapLaunch(argv, fileFds.length);
    } catch (error) {
      for (const fd of fileFds) closeSync(fd);
      if (stdinFd !== null) closeSync(stdinFd);
      return sandboxError((error as Error).message);
    }

    const output = new RunOutput(limits, () => watch.kill('output-limit'));

    // judge-spawn joins the run's cgroups itself, sets the rlimits and drops to the box user before it
    // executes bwrap: everything the run starts is born accounted and limited.
    // The test input reaches the program through a pipe the judge feeds, never as the host file's descriptor,
    // whose link in /proc/self/fd would name the file's host path (and the package's hash in it).
    const child = spawn(launch.helper, launch.args, {
      env: { PATH: '/usr/bin:/bin' },
      stdio: [
        connected?.stdin ?? (spec.stdin.kind === 'null' ? 'ignore' : 'pipe'),
        connected?.stdout ?? 'pipe',
        'pipe',
        'pipe',
        ...fileFds,
        ...launch.extraFds,
        'pipe',
      ],
    });
    this.child = child;
    for (const fd of [...fileFds, ...launch.extraFds]) closeSync(fd);
    const argsStream = child.stdio[FIRST_FILE_FD + fileFds.length + launch.extraFds.length] as Writable | null;
    argsStream?.on('error', () => undefined); // a helper that failed to start reads nothing
    argsStream?.end(launch.payload);

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
      this.ended();
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
    // judge-run: 75, the init could not be reached or went away; 3, the init could not set the run up.
    if (
      this.init &&
      exitStatus.value === null &&
      watch.killedFor === null &&
      (this.exitCode === 75 || this.exitCode === 3)
    )
      throw new BoxInitLost(output.buffers().stderr.toString('utf8').trim() || `judge-run exit ${this.exitCode}`);
    // bwrap reports an exit code only once the program started: anything else is a setup failure.
    return this.result(
      exitStatus.value,
      output,
      (stderr) => `sandbox setup failed: ${stderr || `exit ${this.exitCode}`}`,
    );
  }

  /** judge-spawn, then bwrap, with the syscall filter and bwrap's options as descriptors after the files. */
  private bwrapLaunch(argv: string[], files: number) {
    const { spec } = this;
    const limits = spec.limits;
    const seccompFd = openRegularFile(this.tools.seccomp);
    const seccompChildFd = FIRST_FILE_FD + files;
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
    const args = [
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
      String(spec.stdin.kind === 'connected' ? CONNECTION_PIPE_BYTES : 0),
      this.cpu === undefined ? '-' : String(this.cpu),
      String(argsFd),
      ...this.cgroup.procsFiles(),
      '--',
      this.tools.bwrap,
      ...bwrap.argv,
    ];
    return { helper: this.tools.helper, args, extraFds: [seccompFd], payload: bwrap.options };
  }

  /** judge-run, with the run's settings on a descriptor after the files. */
  private runnerLaunch(init: { box: BoxInit; ownGroup: boolean }, argv: string[], files: number, connected: boolean) {
    const { spec } = this;
    const payload = initRequest({
      tmpSizeBytes: this.box.tmpSizeBytes,
      boxWritable: spec.boxWritable,
      cwd: spec.cwd ?? SANDBOX_BOX,
      limits: spec.limits,
      pipeBytes: connected ? CONNECTION_PIPE_BYTES : 0,
      cpu: this.cpu,
      files,
      cgroups: init.ownGroup ? this.cgroup.procsFiles().length : 0,
      env: spec.env ?? {},
      argv,
    });
    const args = [
      init.box.socketPath,
      String(FIRST_FILE_FD + files),
      String(files),
      ...(init.ownGroup ? this.cgroup.procsFiles() : []),
    ];
    return { helper: this.tools.runner, args, extraFds: [], payload };
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
}
