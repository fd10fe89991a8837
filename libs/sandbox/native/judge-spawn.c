/*
 * judge-spawn: the first step of every sandboxed run, started by the judge as root.
 *
 *   judge-spawn [--listen PATH FD] UID STACK FSIZE NOFILE NPROC CPU PIPE PIN LAST_FD CGROUP_PROCS_FILE... -- PROGRAM ARGS...
 *
 * STACK, FSIZE and CPU are numbers or `unlimited`. PIN is the CPU the run is placed on (JUDGE_CPUS), or `-`.
 *
 * With --listen it starts a pre-built box's init (judge-init.c) rather than a run: as root, before anything
 * else, it binds a Unix socket at PATH (in a folder only root may enter; the socket itself is root's, mode
 * 0600) and places it on descriptor FD, where the init accepts judge-run's requests.
 *
 * It moves itself into the run's cgroups (a process moving itself is cheap; moving another process that is
 * busy starting up waits on the kernel's locks for milliseconds), sets the run's resource limits, gives its
 * stdin and stdout PIPE bytes of buffer when they are pipes and PIPE is not 0 (an interactive run joined to
 * its interactor: Node cannot resize a pipe, and root may go past /proc/sys/fs/pipe-max-size), drops to
 * the box's unprivileged user and group (after pinning itself to PIN, an affinity every child inherits; the run's
 * cpuset group, when the host has one, is what enforces it, since a program may widen its own affinity), closes every descriptor above LAST_FD (the judge's own may have
 * been inherited without close-on-exec), and executes PROGRAM (bubblewrap), which does all namespace work.
 * Everything it starts is then born inside the cgroups with the limits set. It holds no logic of its own
 * beyond that: no namespaces, no policy; the judge decides every value.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "parse-number.h"

static void fail(const char *what) {
  fprintf(stderr, "judge-spawn: %s: %s\n", what, strerror(errno));
  _exit(127);
}

static unsigned long long number(const char *text, const char *what) {
  unsigned long long value;
  if (parse_number(text, 10, &value) != 0) fail(what);
  return value;
}

/* A limit's value: a number, or `unlimited` (RLIM_INFINITY). */
static unsigned long long limit_value(const char *text, const char *what) {
  return strcmp(text, "unlimited") == 0 ? (unsigned long long)RLIM_INFINITY : number(text, what);
}

static void limit(int resource, unsigned long long soft, unsigned long long hard, const char *what) {
  struct rlimit r = {soft, hard};
  if (setrlimit(resource, &r) != 0) fail(what);
}

/*
 * A pipe's buffer is the most its writer may be ahead of its reader before it blocks. A pipe that cannot grow
 * (a host that caps pipe memory) keeps its default size: the run still works, the writer blocks sooner.
 */
static void size_pipe(int fd, unsigned long long bytes) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
  (void)fcntl(fd, F_SETPIPE_SZ, (int)bytes);
}

/* The box init's socket: listening before the init exists, so that a run may connect as soon as the box is made. */
static void listen_at(const char *path, const char *fd_text) {
  int target = (int)number(fd_text, "listen fd");
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof address.sun_path) {
    errno = ENAMETOOLONG;
    fail(path);
  }
  strcpy(address.sun_path, path);
  int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  if (sock < 0) fail("socket");
  if (unlink(path) != 0 && errno != ENOENT) fail(path);
  mode_t old = umask(0177);
  if (bind(sock, (struct sockaddr *)&address, sizeof address) != 0) fail(path);
  umask(old);
  if (listen(sock, 16) != 0) fail("listen");
  if (sock != target) {
    if (dup2(sock, target) != target) fail("dup2");
    close(sock);
  }
}

int main(int argc, char **argv) {
  if (argc > 3 && strcmp(argv[1], "--listen") == 0) {
    listen_at(argv[2], argv[3]);
    argv[3] = argv[0];
    argv += 3;
    argc -= 3;
  }
  if (argc < 12) {
    fprintf(stderr, "usage: judge-spawn UID STACK FSIZE NOFILE NPROC CPU PIPE PIN LAST_FD CGROUP_PROCS... -- PROGRAM ARGS...\n");
    return 127;
  }
  uid_t uid = (uid_t)number(argv[1], "uid");
  unsigned long long stack = limit_value(argv[2], "stack");
  unsigned long long fsize = limit_value(argv[3], "fsize");
  unsigned long long nofile = number(argv[4], "nofile");
  unsigned long long nproc = number(argv[5], "nproc");
  unsigned long long cpu = limit_value(argv[6], "cpu");
  unsigned long long pipe_bytes = number(argv[7], "pipe");
  long pin = strcmp(argv[8], "-") == 0 ? -1 : (long)number(argv[8], "pin");
  unsigned int last_fd = (unsigned int)number(argv[9], "last fd");
  if (uid == 0) {
    errno = EPERM;
    fail("refusing to run a box as root");
  }

  if (pipe_bytes > (1ULL << 30)) {
    errno = EINVAL;
    fail("pipe size");
  }

  if (pin >= CPU_SETSIZE) {
    errno = EINVAL;
    fail("pin");
  }

  int i = 10;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    int fd = open(argv[i], O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail(argv[i]);
    if (write(fd, "0", 1) != 1) fail(argv[i]);
    close(fd);
  }
  if (i + 1 >= argc) {
    errno = EINVAL;
    fail("no program after --");
  }

  if (pin >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int)pin, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) fail("sched_setaffinity");
  }

  limit(RLIMIT_STACK, stack, stack, "stack limit");
  limit(RLIMIT_FSIZE, fsize, fsize, "file size limit");
  limit(RLIMIT_NOFILE, nofile, nofile, "open files limit");
  limit(RLIMIT_NPROC, nproc, nproc, "process limit");
  limit(RLIMIT_CPU, cpu, cpu == (unsigned long long)RLIM_INFINITY ? cpu : cpu + 1, "CPU limit");
  limit(RLIMIT_CORE, 0, 0, "core limit");
  if (pipe_bytes > 0) {
    size_pipe(0, pipe_bytes);
    size_pipe(1, pipe_bytes);
  }

  if (close_range(last_fd + 1, ~0U, 0) != 0) {
    for (int fd = (int)last_fd + 1; fd < 1024; fd++) close(fd);
  }

  if (setgroups(0, NULL) != 0) fail("setgroups");
  if (setresgid(uid, uid, uid) != 0) fail("setresgid");
  if (setresuid(uid, uid, uid) != 0) fail("setresuid");
  if (getuid() != uid || geteuid() != uid) {
    errno = EPERM;
    fail("still privileged");
  }
  execv(argv[i + 1], &argv[i + 1]);
  fail(argv[i + 1]);
  return 127;
}
