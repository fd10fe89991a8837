/*
 * judge-enter: starts one run of the docker engine inside a box container without the Engine API. The judge
 * runs it as root on the daemon's host, with the run's stdio.
 *
 *   judge-enter PID UID TMP_BYTES PIPE_BYTES CWD TOKEN CGROUP_PROCS... -- judge-exec run TOKEN ... -- PROGRAM ARGS...
 *
 * PID is the host pid of the container's init. A `docker exec` costs tens of milliseconds (an API call, then
 * runc starting a process of its own in the container, then more calls to learn its exit code); this does what
 * runc does, for a fraction of that:
 * - it joins every cgroup of the container (CGROUP_PROCS: their cgroup.procs files on the host), so that the
 *   run is limited and counted with the container, as an exec is;
 * - it enters the container's IPC, UTS, network, PID, cgroup and mount namespaces (the user namespace is the
 *   host's, as for every container of a daemon without user namespace remapping: checked);
 * - in a mount namespace of the run's own it mounts a fresh tmpfs of TMP_BYTES on /tmp, which the kernel drops
 *   when the run's last process ends: no run sees another's /tmp, and nothing is left to unmount;
 * - when PIPE_BYTES is not 0 (a run connected to another by pipes), it sizes its stdin and stdout pipes to it;
 * - it drops every capability (the bounding and ambient sets too) and becomes UID (group UID, no
 *   supplementary groups), then enters CWD and executes the container's judge-exec, which sets the run's
 *   limits, no_new_privs and the sandbox's syscall filter before it executes the program (native/judge-exec.c).
 * The run is then exactly what an exec as UID would be, except for what Docker adds to an exec and the
 * namespace engine's runs never had either: its default seccomp profile (the sandbox's own filter holds here
 * as there) and an AppArmor profile.
 *
 * This process stays on the host, outside the container's cgroups, waits for the run's first process and exits
 * with its exit code (128 + n for signal n), so the judge learns that the program ended even while an orphan
 * holds its output open. A failure before judge-exec runs is written to stderr after TOKEN, with exit code
 * 127, as judge-exec reports its own.
 *
 * The judge stops a run with SIGTERM to this process, which kills the run's first process and reaps it. Were
 * this process killed instead, that one would be left to the reaper of this process's PID namespace, the
 * host's init: a zombie counted against the container's pids limit until that init reaps it, seconds later on
 * some hosts, never where the judge itself is a container's pid 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "parse-number.h"

#define MAX_CGROUPS 32

static const char *token = "";
/* The run's first process, once forked: what SIGTERM kills. */
static volatile pid_t run_pid = 0;

static void stop_run(int sig) {
  (void)sig;
  if (run_pid > 0) kill(run_pid, SIGKILL);
}

__attribute__((noreturn)) static void fail(const char *what) {
  fprintf(stderr, "\n%s judge-enter: %s: %s\n", token, what, strerror(errno));
  _exit(127);
}

static unsigned long long number(const char *text, const char *what) {
  unsigned long long value;
  if (parse_number(text, 10, &value) != 0) fail(what);
  return value;
}

static int open_ns(unsigned long long pid, const char *name) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%llu/ns/%s", pid, name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path);
  return fd;
}

static void enter(int fd, int type, const char *what) {
  if (setns(fd, type) != 0) fail(what);
  close(fd);
}

static void drop_capabilities(void) {
  for (int cap = 0; cap <= 63; cap++) {
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) fail("drop capabilities");
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) fail("clear ambient");
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

int main(int argc, char **argv) {
  if (argc < 9) {
    fprintf(stderr, "usage: judge-enter PID UID TMP_BYTES PIPE_BYTES CWD TOKEN CGROUP_PROCS... -- HELPER ARGS...\n");
    return 127;
  }
  token = argv[6];
  unsigned long long pid = number(argv[1], "pid");
  unsigned long long uid = number(argv[2], "uid");
  unsigned long long tmp_bytes = number(argv[3], "tmp size");
  unsigned long long pipe_bytes = number(argv[4], "pipe size");
  const char *cwd = argv[5];
  if (uid == 0 || pid <= 1 || tmp_bytes == 0 || pipe_bytes > (1ULL << 30)) {
    errno = EINVAL;
    fail("arguments");
  }
  if (pipe_bytes > 0) {
    size_pipe(0, pipe_bytes);
    size_pipe(1, pipe_bytes);
  }
  int cgroups[MAX_CGROUPS];
  int cgroup_count = 0;
  int i = 7;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (cgroup_count == MAX_CGROUPS) {
      errno = E2BIG;
      fail("cgroups");
    }
    cgroups[cgroup_count] = open(argv[i], O_WRONLY | O_CLOEXEC);
    if (cgroups[cgroup_count] < 0) fail(argv[i]);
    cgroup_count++;
  }
  if (i + 1 >= argc) {
    errno = EINVAL;
    fail("no helper after --");
  }
  char **helper = &argv[i + 1];

  /* A remapped daemon's containers have a user namespace of their own: their uids are not the host's. */
  struct stat mine, theirs;
  char user_ns[64];
  snprintf(user_ns, sizeof user_ns, "/proc/%llu/ns/user", pid);
  if (stat("/proc/self/ns/user", &mine) != 0 || stat(user_ns, &theirs) != 0) fail(user_ns);
  if (mine.st_ino != theirs.st_ino || mine.st_dev != theirs.st_dev) {
    errno = EPERM;
    fail("the container has a user namespace of its own (userns-remap is not supported)");
  }

  int ipc = open_ns(pid, "ipc"), uts = open_ns(pid, "uts"), net = open_ns(pid, "net");
  int pidns = open_ns(pid, "pid"), cgroupns = open_ns(pid, "cgroup"), mnt = open_ns(pid, "mnt");
  enter(ipc, CLONE_NEWIPC, "enter the IPC namespace");
  enter(uts, CLONE_NEWUTS, "enter the UTS namespace");
  enter(net, CLONE_NEWNET, "enter the network namespace");
  /* Takes effect for the child only: this process stays in the host's, where the judge sees its exit. */
  enter(pidns, CLONE_NEWPID, "enter the PID namespace");

  /* Held until the child's pid is known: a SIGTERM before then kills it as soon as there is one. */
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  struct sigaction stop;
  memset(&stop, 0, sizeof stop);
  stop.sa_handler = stop_run;
  if (sigprocmask(SIG_BLOCK, &term, NULL) != 0 || sigaction(SIGTERM, &stop, NULL) != 0) fail("SIGTERM");
  pid_t child = fork();
  if (child < 0) fail("fork");
  if (child == 0) {
    /* The mask survives exec: the run gets SIGTERM's default back, unblocked. */
    signal(SIGTERM, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &term, NULL);
    /* Joined while this process still sees the host's cgroup tree (a cgroup namespace would hide it). */
    for (int k = 0; k < cgroup_count; k++) {
      if (write(cgroups[k], "0", 1) != 1) fail("join the container's cgroup");
      close(cgroups[k]);
    }
    enter(cgroupns, CLONE_NEWCGROUP, "enter the cgroup namespace");
    /* setns leaves the root and the working folder at the container's root. */
    enter(mnt, CLONE_NEWNS, "enter the mount namespace");
    if (unshare(CLONE_NEWNS) != 0) fail("a mount namespace for the run");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("make the run's mounts private");
    char options[96];
    snprintf(options, sizeof options, "size=%llu,mode=1777", tmp_bytes);
    if (mount("judge-run-tmp", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) fail("mount /tmp");

    drop_capabilities();
    if (setgroups(0, NULL) != 0) fail("setgroups");
    if (setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0) fail("setgid");
    /* From root to another user: the permitted and effective capabilities go too. */
    if (setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) fail("setuid");
    /* Should this process die first, the run goes with it (set after the change of user, which clears it). */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("parent-death signal");
    if (chdir(cwd) != 0) fail(cwd);
    execv(helper[0], helper);
    fail(helper[0]);
  }

  run_pid = child;
  sigprocmask(SIG_UNBLOCK, &term, NULL);

  /* The run's stdio are the child's alone: the judge's pipes close when the run's processes are gone. */
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
  }
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return 127;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 127;
}
