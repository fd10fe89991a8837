import { describe, expect, it } from 'vitest';
import { buildBwrapArgs, bwrapCommandLine } from './bwrap-args';

const base = {
  root: [
    { name: 'bin', kind: 'link' as const, target: 'usr/bin' },
    { name: 'lib', kind: 'link' as const, target: 'usr/lib' },
  ],
  hostBoxDir: '/var/lib/judge/boxes/3000000/box',
  tmpSizeBytes: 64 << 20,
  sandboxBox: '/box',
  sandboxTmp: '/tmp',
  boxWritable: false,
  mounts: [],
  env: { PATH: '/usr/bin:/bin' },
  cwd: '/box',
  statusFd: 3,
  argv: ['./main'],
};

function mountedSources(args: string[]): string[] {
  const sources: string[] = [];
  args.forEach((a, i) => {
    if (a === '--bind' || a === '--ro-bind' || a === '--ro-bind-try' || a === '--dev-bind') sources.push(args[i + 1]);
  });
  return sources;
}

describe('bubblewrap arguments', () => {
  it('gives the syscall filter to bwrap for the program, before the program and its arguments', () => {
    const args = buildBwrapArgs({ ...base, seccompFd: 5 });
    const at = args.indexOf('--seccomp');
    expect(args[at + 1]).toBe('5');
    expect(at).toBeLessThan(args.indexOf('--'));
    expect(buildBwrapArgs(base)).not.toContain('--seccomp');
  });

  it('isolates every namespace and forbids nested user namespaces', () => {
    const args = buildBwrapArgs(base);
    for (const flag of [
      '--unshare-all',
      '--unshare-user',
      '--disable-userns',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
    ]) {
      expect(args).toContain(flag);
    }
    expect(args).not.toContain('--share-net');
  });

  it('shows only /usr and the box of the host', () => {
    expect(mountedSources(buildBwrapArgs(base))).toEqual(['/usr', base.hostBoxDir]);
  });

  it("gives every run a fresh /tmp of the box's size, which dies with the run", () => {
    const args = buildBwrapArgs(base);
    const tmpfs = args.indexOf('--tmpfs');
    expect(args.slice(tmpfs - 2, tmpfs + 2)).toEqual(['--size', String(64 << 20), '--tmpfs', '/tmp']);
  });

  it('keeps every host path off the command line: the options go through a descriptor', () => {
    const argv = ['./main', '--', 'x'];
    const line = bwrapCommandLine(buildBwrapArgs({ ...base, argv }), argv, 7);
    expect(line.argv).toEqual(['--args', '7', '--', './main', '--', 'x']);
    expect(line.argv.join(' ')).not.toContain('/var/lib/judge');
    const options = line.options.toString('utf8').split('\0');
    expect(options.at(-1)).toBe('');
    expect(options).toContain(base.hostBoxDir);
    expect(options).toContain('--json-status-fd');
  });

  it('binds the box read-only when running and writable when compiling', () => {
    const run = buildBwrapArgs(base);
    expect(run[run.indexOf(base.hostBoxDir) - 1]).toBe('--ro-bind');
    const compile = buildBwrapArgs({ ...base, boxWritable: true });
    expect(compile[compile.indexOf(base.hostBoxDir) - 1]).toBe('--bind');
  });

  it('makes the root and /dev read-only so the box is the only writable place', () => {
    const args = buildBwrapArgs(base);
    expect(args.join(' ')).toContain('--remount-ro /dev --remount-ro /');
  });

  it('passes only the given environment and ends with the program', () => {
    const args = buildBwrapArgs({ ...base, env: { PATH: '/usr/bin', LANG: 'C.UTF-8' } });
    expect(args.filter((a) => a === '--setenv')).toHaveLength(2);
    expect(args.slice(-2)).toEqual(['--', './main']);
  });

  it('adds language mounts read-only, optional ones with -try', () => {
    const args = buildBwrapArgs({
      ...base,
      mounts: [
        { hostPath: '/etc/java-17-openjdk', sandboxPath: '/etc/java-17-openjdk', optional: true },
        { hostPath: '/var/cache/judge/validators/abc', sandboxPath: '/validator' },
      ],
    });
    expect(args.join(' ')).toContain('--ro-bind-try /etc/java-17-openjdk /etc/java-17-openjdk');
    expect(args.join(' ')).toContain('--ro-bind /var/cache/judge/validators/abc /validator');
  });
});
