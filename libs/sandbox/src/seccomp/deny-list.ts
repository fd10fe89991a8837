import type { SecurityEventKind } from '@judge/contract';

/**
 * The syscall filter of every sandboxed run, on both engines: the one list, each rule with why it is there.
 *
 * Everything is allowed except what is listed; a listed call fails with its errno and the program goes on (a
 * runtime that probes a call, as glibc probes clone3 and libuv io_uring, falls back). The build compiles the
 * list with libseccomp (native/judge-seccomp.c) into BPF: the namespace engine hands it to bubblewrap
 * (`--seccomp`), which installs it right before it executes the program; the docker engine's judge-exec
 * installs the same filter on top of Docker's default profile. System calls of another ABI than the host's
 * own (the 32-bit x86 `int 0x80` table, x32) fail with ENOSYS, whatever their number.
 *
 * The list covers, beside the calls isolate denies, every call Docker's default profile refuses to a
 * container without capabilities, so that both engines refuse the same calls.
 */

export type DeniedErrno = 'EPERM' | 'ENOSYS' | 'EAFNOSUPPORT';

/**
 * When a call is denied, by its arguments. Numbers are compared as the kernel reads the argument:
 * `notIn` on the whole 64-bit register (high bits set count as "not in", so a truncating kernel cannot be
 * fooled), `in` on its low 32 bits (an `int` argument), `anyBit` on the bits given (each bit set
 * denies, unless `unlessBit` is set too).
 */
export type ArgTest =
  | { arg: number; notIn: number[] }
  | { arg: number; in: number[] }
  | { arg: number; anyBit: number[]; unlessBit?: number };

export interface DenyRule {
  syscalls: string[];
  errno: DeniedErrno;
  /** Denied only when this holds; absent: always. */
  when?: ArgTest;
  /** Which sandbox escape, cross-box channel or kernel surface the rule closes. */
  reason: string;
  /** The security event a denied call is, where the engine can see it (else 'syscall-denied'). */
  event?: Extract<SecurityEventKind, 'network-attempt' | 'mount-attempt'>;
}

// Socket families a program may use: local sockets and the IP families (the box has no network interface but
// loopback, and runtimes open IP sockets to probe it). Anything else (AF_VSOCK to the hypervisor, AF_NETLINK,
// AF_PACKET, AF_ALG, AF_BLUETOOTH...) is kernel surface no judged program needs.
const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;

// fcntl's record-locking commands: F_GETLK, F_SETLK, F_SETLKW and the open-file-description variants.
const LOCKING_FCNTL = [5, 6, 7, 36, 37, 38];

// clone's namespace flags: CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. (CLONE_NEWTIME
// shares its bit with clone's exit signal and exists only for unshare and clone3, both denied whole.)
const CLONE_NAMESPACE_FLAGS = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000];

// personality flags that weaken memory protection: READ_IMPLIES_EXEC (every readable mapping executable) and
// MMAP_PAGE_ZERO (a mapping at address 0, which turns kernel NULL dereferences into exploits). Bit 31 is set in
// no personality but in the query 0xffffffff, which stays allowed.
const WEAK_PERSONALITY_FLAGS = [0x0400000, 0x0100000];
const PERSONALITY_QUERY_BIT = 0x80000000;

export const DENY_LIST: DenyRule[] = [
  // Kernel objects that are not namespaced: channels between boxes, and large attack surface.
  {
    syscalls: ['io_uring_setup', 'io_uring_enter', 'io_uring_register'],
    errno: 'ENOSYS',
    reason: 'io_uring: a large, often-vulnerable kernel surface; ENOSYS makes runtimes (libuv) fall back',
  },
  {
    syscalls: ['keyctl', 'add_key', 'request_key'],
    errno: 'EPERM',
    reason: 'kernel keyrings are not namespaced: a key is a channel between boxes of the same uid range',
  },
  {
    syscalls: ['perf_event_open'],
    errno: 'EPERM',
    reason: 'performance counters: kernel surface and timing side channels on other boxes',
  },
  { syscalls: ['bpf'], errno: 'EPERM', reason: 'eBPF programs and maps: kernel surface' },
  {
    syscalls: ['userfaultfd'],
    errno: 'EPERM',
    reason: 'lets a program stall the kernel mid-copy, the usual tool to win a kernel race',
  },
  {
    syscalls: ['socket', 'socketpair'],
    errno: 'EAFNOSUPPORT',
    when: { arg: 0, notIn: [AF_UNIX, AF_INET, AF_INET6] },
    event: 'network-attempt',
    reason: 'families other than UNIX and IP: AF_VSOCK reaches the hypervisor outside any network namespace',
  },
  // Namespaces and mounts: bubblewrap has built the box; the program must not rebuild it.
  {
    syscalls: ['unshare', 'setns'],
    errno: 'EPERM',
    event: 'mount-attempt',
    reason: 'new or other namespaces: the door to user-namespace kernel surface',
  },
  {
    syscalls: ['clone'],
    errno: 'EPERM',
    when: { arg: 0, anyBit: CLONE_NAMESPACE_FLAGS },
    event: 'mount-attempt',
    reason: 'clone into new namespaces, as unshare',
  },
  {
    syscalls: ['clone3'],
    errno: 'ENOSYS',
    reason: 'its flags are behind a pointer the filter cannot read; ENOSYS makes glibc fall back to clone',
  },
  {
    syscalls: [
      'mount',
      'umount2',
      'pivot_root',
      'chroot',
      'fsopen',
      'fsconfig',
      'fsmount',
      'fspick',
      'move_mount',
      'open_tree',
      'mount_setattr',
    ],
    errno: 'EPERM',
    event: 'mount-attempt',
    reason: 'mounts, old and new API: the box has its file system',
  },
  // Other processes.
  {
    syscalls: ['ptrace', 'process_vm_readv', 'process_vm_writev', 'kcmp', 'pidfd_getfd', 'process_madvise'],
    errno: 'EPERM',
    reason: "reading or changing another process's memory and files; no shipped language needs it",
  },
  // Cross-box channels through shared files: an inode the boxes share (a toolchain file) must not carry locks.
  {
    syscalls: ['flock'],
    errno: 'EPERM',
    reason: 'a lock on a shared file (a toolchain file every box can open) is a channel between boxes',
  },
  {
    syscalls: ['fcntl'],
    errno: 'EPERM',
    when: { arg: 1, in: LOCKING_FCNTL },
    reason: 'record locks on a shared file: the same channel as flock',
  },
  {
    syscalls: ['open_by_handle_at', 'name_to_handle_at'],
    errno: 'EPERM',
    reason: 'file handles open files by inode, past the mounts that hide them',
  },
  {
    syscalls: ['fanotify_init'],
    errno: 'EPERM',
    reason: 'watching file access on a whole mount: sees other boxes',
  },
  // The machine itself.
  {
    syscalls: ['kexec_load', 'kexec_file_load', 'reboot'],
    errno: 'EPERM',
    reason: 'replacing or restarting the kernel',
  },
  {
    syscalls: ['init_module', 'finit_module', 'delete_module', 'create_module', 'query_module', 'get_kernel_syms'],
    errno: 'EPERM',
    reason: 'kernel modules',
  },
  { syscalls: ['swapon', 'swapoff'], errno: 'EPERM', reason: 'swap devices of the host' },
  { syscalls: ['acct'], errno: 'EPERM', reason: 'process accounting of the host' },
  { syscalls: ['quotactl', 'quotactl_fd'], errno: 'EPERM', reason: 'disk quotas of the host' },
  {
    // adjtimex and clock_adjtime stay: they also read the clock, and the kernel refuses their writes to users.
    syscalls: ['clock_settime', 'settimeofday'],
    errno: 'EPERM',
    reason: "setting the host's clock",
  },
  { syscalls: ['iopl', 'ioperm'], errno: 'EPERM', reason: 'raw I/O ports' },
  { syscalls: ['syslog'], errno: 'EPERM', reason: "the kernel's log shows addresses and other boxes' events" },
  {
    syscalls: ['sethostname', 'setdomainname', 'vhangup'],
    errno: 'EPERM',
    reason: 'host names and terminals: nothing a program needs',
  },
  {
    syscalls: ['mbind', 'set_mempolicy', 'get_mempolicy', 'migrate_pages', 'move_pages', 'set_mempolicy_home_node'],
    errno: 'EPERM',
    reason: 'NUMA placement: moves pages other processes share; runtimes run without it',
  },
  {
    syscalls: ['personality'],
    errno: 'EPERM',
    when: { arg: 0, anyBit: WEAK_PERSONALITY_FLAGS, unlessBit: PERSONALITY_QUERY_BIT },
    reason: 'personalities that weaken memory protection (READ_IMPLIES_EXEC, MMAP_PAGE_ZERO)',
  },
  {
    syscalls: ['lookup_dcookie', 'uselib', 'ustat', 'sysfs', '_sysctl', 'nfsservctl'],
    errno: 'EPERM',
    reason: 'obsolete calls: old code paths in the kernel, needed by nothing current',
  },
];

/** What the filter's errno names are, as numbers (the same on every Linux architecture the judge runs on). */
const ERRNO: Record<DeniedErrno, number> = { EPERM: 1, ENOSYS: 38, EAFNOSUPPORT: 97 };

/** The widest gap between allowed values that is denied value by value. */
const MAX_GAP = 64;

/**
 * The list as libseccomp rules, one a line, for native/judge-seccomp.c: `SYSCALL ERRNO [ARG OP VALUE MASK]`
 * (OP: eq, lt, gt, masked_eq). libseccomp takes one comparison per argument in a rule, so `notIn` becomes
 * the ranges around the allowed values, and `in` and `anyBit` a rule per value or bit.
 */
export function libseccompRules(list: DenyRule[] = DENY_LIST): string[] {
  const lines: string[] = [];
  for (const rule of list) {
    const errno = ERRNO[rule.errno];
    for (const syscall of rule.syscalls) {
      const test = rule.when;
      const head = `${syscall} ${errno}`;
      if (!test) lines.push(head);
      else for (const comparison of comparisons(test)) lines.push(`${head} ${test.arg} ${comparison}`);
    }
  }
  return lines;
}

/** The comparisons (`OP VALUE MASK`) any one of which denies the call. */
function comparisons(test: ArgTest): string[] {
  if ('in' in test) return test.in.map((v) => `masked_eq ${v} ${0xffffffff}`);
  if ('anyBit' in test) {
    const guard = test.unlessBit ?? 0;
    return test.anyBit.map((bit) => `masked_eq ${bit} ${(bit | guard) >>> 0}`);
  }
  const allowed = [...new Set(test.notIn)].sort((a, b) => a - b);
  const out: string[] = [];
  if (allowed[0] > 0) out.push(`lt ${allowed[0]} 0`);
  for (let i = 0; i + 1 < allowed.length; i++) {
    const [low, high] = [allowed[i], allowed[i + 1]];
    if (high - low - 1 > MAX_GAP) throw new Error(`seccomp rule: ${low}..${high} is too wide a gap to deny`);
    for (let v = low + 1; v < high; v++) out.push(`eq ${v} 0`);
  }
  out.push(`gt ${allowed[allowed.length - 1]} 0`);
  return out;
}

/** The event a denied call is: by the rule that names it. */
export function deniedCallEvent(syscall: string, list: DenyRule[] = DENY_LIST): SecurityEventKind {
  return list.find((rule) => rule.syscalls.includes(syscall))?.event ?? 'syscall-denied';
}
