import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** The line the shell prints after each command, with its exit status. */
const DONE = '@@judge-command-done';

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
  output: string[];
}

/**
 * Runs the judge's own short commands (`mount`, `umount` of a box's tmpfs) through one long-lived shell, instead
 * of a process started by Node for each: Node forks its whole address space to start one, and every page it
 * touches before the child executes is then copied on write, which on a host with slow page faults stalls the
 * judge's event loop for 10 ms and more per command (in the middle of storing a verdict). The shell is small,
 * so its forks are cheap. Commands run one at a time, in order; each argument is quoted, never interpreted.
 */
export class CommandShell {
  private shell: ChildProcessWithoutNullStreams | null = null;
  private buffered = '';
  private readonly queue: Pending[] = [];

  /** Runs `argv`; rejects with what it wrote (stdout and stderr) when it exits with another status than 0. */
  run(argv: string[]): Promise<void> {
    if (argv.length === 0) return Promise.reject(new Error('no command'));
    if (argv.some((arg) => arg.includes('\n') || arg.includes('\0')))
      return Promise.reject(new Error('a command argument holds a line break'));
    const words = argv.map(quote).join(' ');
    return new Promise((resolve, reject) => {
      const shell = this.start();
      this.queue.push({ resolve, reject, output: [] });
      hold(shell, true);
      // What the command says on stderr comes back on stdout, before the status line.
      shell.stdin.write(`{ ${words}; } </dev/null 2>&1; echo "${DONE} $?"\n`);
    });
  }

  close(): void {
    this.shell?.stdin.end();
    this.shell = null;
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
      for (const pending of this.queue.splice(0)) pending.reject(new Error(`the judge's command shell ${why}`));
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
      else pending.reject(new Error(pending.output.join(' ').trim() || `exit status ${status}`));
    }
  }
}

/** One shell word that is exactly `text`: single quotes, each quote in it closed, escaped and reopened. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** An idle shell never keeps the judge's process alive; one with a command under way does. */
function hold(shell: ChildProcessWithoutNullStreams, held: boolean): void {
  for (const handle of [shell, shell.stdin, shell.stdout, shell.stderr] as { ref(): void; unref(): void }[]) {
    if (held) handle.ref();
    else handle.unref();
  }
}
