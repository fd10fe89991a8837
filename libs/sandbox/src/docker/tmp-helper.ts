import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** The line the shell prints after each command, with its exit status. */
const DONE = '@@judge-tmp-done';

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
  output: string[];
}

/**
 * Runs judge-tmp (native/judge-tmp.c) through one long-lived shell of the judge's, instead of a process started by
 * Node for each call: starting a process from Node costs milliseconds (it copies the judge's whole address space),
 * a shell's fork and exec a fraction of that, and every docker run calls judge-tmp. The commands are judge-tmp's
 * own, with numbers and its path only; calls run one at a time, in order.
 */
export class TmpHelper {
  private shell: ChildProcessWithoutNullStreams | null = null;
  private buffered = '';
  private readonly queue: Pending[] = [];

  constructor(private readonly helper: string) {}

  /** A fresh /tmp of `bytes` for the next run in the mount namespace of process `pid`. */
  async mount(pid: number, bytes: number): Promise<void> {
    await this.call(`${this.command(pid)} mount ${integer(bytes)}`);
  }

  /** Drops the last run's /tmp and mounts an empty one for the next run, in one call. */
  async replace(pid: number, bytes: number): Promise<void> {
    await this.call(`${this.command(pid)} unmount && ${this.command(pid)} mount ${integer(bytes)}`);
  }

  close(): void {
    this.shell?.stdin.end();
    this.shell = null;
  }

  private command(pid: number): string {
    return `'${this.helper.replaceAll("'", `'\\''`)}' ${integer(pid)}`;
  }

  private call(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const shell = this.start();
      this.queue.push({ resolve, reject, output: [] });
      hold(shell, true);
      // judge-tmp says what failed on stderr: it comes back on stdout, before the status line.
      shell.stdin.write(`{ ${line}; } 2>&1; echo "${DONE} $?"\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.shell) return this.shell;
    const shell = spawn('/bin/sh', [], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
    this.shell = shell;
    this.buffered = '';
    shell.stdout.setEncoding('utf8');
    shell.stdout.on('data', (text: string) => this.read(text));
    shell.stderr.resume();
    shell.stdin.on('error', () => undefined);
    const failAll = (why: string) => {
      if (this.shell === shell) this.shell = null;
      for (const pending of this.queue.splice(0)) pending.reject(new Error(`judge-tmp's shell ${why}`));
    };
    shell.on('error', (error) => failAll(`failed: ${error.message}`));
    shell.on('exit', (code, signal) => failAll(`ended (${signal ?? code})`));
    return shell;
  }

  private read(text: string): void {
    this.buffered += text;
    for (let end = this.buffered.indexOf('\n'); end >= 0; end = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      const pending = this.queue[0];
      if (!pending) continue;
      if (!line.startsWith(`${DONE} `)) {
        pending.output.push(line);
        continue;
      }
      this.queue.shift();
      if (this.queue.length === 0 && this.shell) hold(this.shell, false);
      const status = Number(line.slice(DONE.length + 1));
      if (status === 0) pending.resolve();
      else pending.reject(new Error(pending.output.join(' ').trim() || `judge-tmp exited with ${status}`));
    }
  }
}

/** An idle shell never keeps the judge's process alive; one with a call under way does. */
function hold(shell: ChildProcessWithoutNullStreams, held: boolean): void {
  for (const handle of [shell, shell.stdin, shell.stdout, shell.stderr] as { ref(): void; unref(): void }[]) {
    if (held) handle.ref();
    else handle.unref();
  }
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`judge-tmp: not a positive integer: ${value}`);
  return String(value);
}
