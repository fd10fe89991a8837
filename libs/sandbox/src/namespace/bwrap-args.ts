import type { Mount } from '../types';
import type { RootEntry } from '../host-root';

export interface BwrapArgsInput {
  root: RootEntry[];
  hostBoxDir: string;
  /** Size of the run's own /tmp, a tmpfs that lives and dies with the run's mount namespace. */
  tmpSizeBytes: number;
  sandboxBox: string;
  sandboxTmp: string;
  boxWritable: boolean;
  mounts: Mount[];
  env: Record<string, string>;
  cwd: string;
  /** Where bwrap reports the sandbox's start and the program's exit (absent for a pre-built box's init). */
  statusFd?: number;
  /**
   * Capabilities of the box's own user namespace kept for the program: only a pre-built box's init has any
   * (CAP_SYS_ADMIN to give each run its own mounts and namespaces, CAP_SETPCAP to drop every capability of it).
   */
  capabilities?: string[];
  /** A descriptor of the syscall filter (BPF), installed by bwrap right before it executes the program. */
  seccompFd?: number;
  argv: string[];
}

/**
 * The box's whole world: read-only /usr (and the system folders' links), fresh /proc and a minimal /dev,
 * the box folder and a scratch /tmp, and what the language asks for. Nothing else of the host: no /etc,
 * /home, /root, host /tmp, other boxes, or the problem's answers.
 *
 * Everything before `--` names host paths: the run passes it to bwrap through a descriptor (`--args`), so that
 * the sandbox's pid 1 (bwrap's reaper, whose command line the program can read) shows none of it.
 */
export function buildBwrapArgs(input: BwrapArgsInput): string[] {
  const args = [
    '--unshare-all',
    '--unshare-user',
    // No nested user namespaces: they are the usual door to kernel attack surface.
    '--disable-userns',
    '--die-with-parent',
    // A new session: the program cannot push keystrokes into a terminal with TIOCSTI.
    '--new-session',
    '--hostname',
    'box',
    '--clearenv',
  ];
  for (const capability of input.capabilities ?? []) args.push('--cap-add', capability);
  for (const [key, value] of Object.entries(input.env)) args.push('--setenv', key, value);
  args.push('--ro-bind', '/usr', '/usr');
  for (const entry of input.root) {
    if (entry.kind === 'link') args.push('--symlink', entry.target, `/${entry.name}`);
    else args.push('--ro-bind', `/${entry.name}`, `/${entry.name}`);
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push(input.boxWritable ? '--bind' : '--ro-bind', input.hostBoxDir, input.sandboxBox);
  // A fresh /tmp for every run, gone with the run's mount namespace when its last process ends: nothing a run
  // writes there reaches the next one, and the judge never walks it to clean up.
  args.push('--size', String(input.tmpSizeBytes), '--tmpfs', input.sandboxTmp);
  for (const mount of input.mounts) {
    args.push(mount.optional ? '--ro-bind-try' : '--ro-bind', mount.hostPath, mount.sandboxPath);
  }
  // The only writable places are the box (when compiling, in the box's bounded tmpfs) and the run's bounded /tmp:
  // bwrap's own root and /dev tmpfs would otherwise be writable and bounded by nothing but memory.
  args.push('--remount-ro', '/dev', '--remount-ro', '/');
  args.push('--chdir', input.cwd);
  if (input.statusFd !== undefined) args.push('--json-status-fd', String(input.statusFd));
  // The syscall filter (src/seccomp/deny-list.ts) binds the program, not bwrap: bwrap still mounts and unshares.
  if (input.seccompFd !== undefined) args.push('--seccomp', String(input.seccompFd));
  args.push('--', ...input.argv);
  return args;
}

/**
 * bwrap's command line for built arguments: the options go through descriptor `argsFd` (their bytes are
 * returned, NUL-separated), only the program's own argv stays on the command line.
 */
export function bwrapCommandLine(args: string[], argv: string[], argsFd: number): { argv: string[]; options: Buffer } {
  const options = args.slice(0, args.length - argv.length - 1);
  if (args[options.length] !== '--') throw new Error('bwrap arguments do not end with -- and the argv');
  for (const option of options) if (option.includes('\0')) throw new Error(`NUL in a bwrap argument: ${option}`);
  return {
    argv: ['--args', String(argsFd), ...args.slice(options.length)],
    options: Buffer.from(options.map((o) => `${o}\0`).join(''), 'utf8'),
  };
}
