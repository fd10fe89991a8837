import type { Mount } from '../types';
import type { RootEntry } from '../host-root';

export interface BwrapArgsInput {
  root: RootEntry[];
  hostBoxDir: string;
  hostTmpDir: string;
  sandboxBox: string;
  sandboxTmp: string;
  boxWritable: boolean;
  mounts: Mount[];
  env: Record<string, string>;
  cwd: string;
  statusFd: number;
  /** A descriptor of the syscall filter (BPF), installed by bwrap right before it executes the program. */
  seccompFd?: number;
  argv: string[];
}

/**
 * The box's whole world: read-only /usr (and the system folders' links), fresh /proc and a minimal /dev,
 * the box folder and a scratch /tmp, and what the language asks for. Nothing else of the host: no /etc,
 * /home, /root, host /tmp, other boxes, or the problem's answers.
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
  for (const [key, value] of Object.entries(input.env)) args.push('--setenv', key, value);
  args.push('--ro-bind', '/usr', '/usr');
  for (const entry of input.root) {
    if (entry.kind === 'link') args.push('--symlink', entry.target, `/${entry.name}`);
    else args.push('--ro-bind', `/${entry.name}`, `/${entry.name}`);
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push(input.boxWritable ? '--bind' : '--ro-bind', input.hostBoxDir, input.sandboxBox);
  args.push('--bind', input.hostTmpDir, input.sandboxTmp);
  for (const mount of input.mounts) {
    args.push(mount.optional ? '--ro-bind-try' : '--ro-bind', mount.hostPath, mount.sandboxPath);
  }
  // The only writable places are the box (when compiling) and /tmp, both in the bounded box tmpfs:
  // bwrap's own root and /dev tmpfs would otherwise be writable and bounded by nothing but memory.
  args.push('--remount-ro', '/dev', '--remount-ro', '/');
  args.push('--chdir', input.cwd);
  args.push('--json-status-fd', String(input.statusFd));
  // The syscall filter (src/seccomp/deny-list.ts) binds the program, not bwrap: bwrap still mounts and unshares.
  if (input.seccompFd !== undefined) args.push('--seccomp', String(input.seccompFd));
  args.push('--', ...input.argv);
  return args;
}
