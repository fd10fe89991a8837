import { describe, expect, it } from 'vitest';
import { DENY_LIST, deniedCallEvent, libseccompRules, type DenyRule } from './deny-list';

describe('the syscall deny-list', () => {
  it('gives every rule a reason, and names each call once', () => {
    const names = DENY_LIST.flatMap((rule) => rule.syscalls);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of DENY_LIST) expect(rule.reason.length).toBeGreaterThan(10);
  });

  it('denies what isolate and the issue list, with the errno a runtime expects', () => {
    const errnoOf = (name: string) => DENY_LIST.find((rule) => rule.syscalls.includes(name))?.errno;
    for (const name of ['keyctl', 'add_key', 'request_key', 'perf_event_open', 'bpf', 'userfaultfd', 'flock'])
      expect(errnoOf(name)).toBe('EPERM');
    for (const name of ['unshare', 'setns', 'mount', 'umount2', 'pivot_root', 'chroot', 'ptrace', 'reboot'])
      expect(errnoOf(name)).toBe('EPERM');
    expect(errnoOf('io_uring_setup')).toBe('ENOSYS');
    expect(errnoOf('clone3')).toBe('ENOSYS');
    expect(errnoOf('socket')).toBe('EAFNOSUPPORT');
  });

  it('denies every socket family but UNIX and IP, including values with high bits set', () => {
    const socket = libseccompRules().filter((line) => line.startsWith('socket '));
    // family < 1, 3..9, > 10: the gaps around AF_UNIX (1), AF_INET (2) and AF_INET6 (10).
    expect(socket).toEqual([
      'socket 97 0 lt 1 0',
      ...[3, 4, 5, 6, 7, 8, 9].map((v) => `socket 97 0 eq ${v} 0`),
      'socket 97 0 gt 10 0',
    ]);
  });

  it("compares fcntl's command on its low 32 bits, as the kernel reads it", () => {
    const fcntl = libseccompRules().filter((line) => line.startsWith('fcntl '));
    expect(fcntl).toContain('fcntl 1 1 masked_eq 6 4294967295');
    expect(fcntl).toHaveLength(6);
  });

  it('denies a flag unless the guard bit is set too (the personality query stays allowed)', () => {
    const rule: DenyRule = {
      syscalls: ['personality'],
      errno: 'EPERM',
      when: { arg: 0, anyBit: [0x0400000], unlessBit: 0x80000000 },
      reason: 'test rule, with a reason',
    };
    expect(libseccompRules([rule])).toEqual([`personality 1 0 masked_eq ${0x0400000} ${0x80400000}`]);
  });

  it('refuses to expand a gap too wide to list', () => {
    const rule: DenyRule = { syscalls: ['x'], errno: 'EPERM', when: { arg: 0, notIn: [0, 1000] }, reason: 'test' };
    expect(() => libseccompRules([rule])).toThrow(/too wide/);
  });

  it('names the event a denied call is', () => {
    expect(deniedCallEvent('socket')).toBe('network-attempt');
    expect(deniedCallEvent('mount')).toBe('mount-attempt');
    expect(deniedCallEvent('keyctl')).toBe('syscall-denied');
  });
});
