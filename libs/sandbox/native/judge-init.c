/*
 * judge-init: the init of a pre-built box of the namespace engine. bubblewrap builds the box's world once
 * (user, mount, pid, net, uts, ipc and cgroup namespaces; the read-only root; the box folder) and executes this
 * program in it as the box's unprivileged user, holding CAP_SYS_ADMIN and CAP_SETPCAP of the box's own user
 * namespace only (on the host it is as unprivileged as the box user).
 *
 *   judge-init LISTEN_FD SECCOMP_FD CGROUP_PROCS_FD...
 *
 * LISTEN_FD is a Unix socket that judge-spawn bound on the host, in a folder only root may enter: the judge
 * connects to it; the box's programs cannot, since no part of the host's file system is in their world.
 * SECCOMP_FD holds the sandbox's syscall filter (BPF), read once. CGROUP_PROCS_FD are the cgroup.procs files of
 * the box's run group, opened by root: writing "0" to them moves the writer there, which the box user could not
 * do by itself. The init itself stays out of that group, so that emptying it between runs spares the box.
 *
 * One request at a time, on one connection: a frame (type byte, 4-byte little-endian length, payload) of type
 * 'R' holding the run's settings, then, in relay mode, 'I' frames of input and a 'C' frame closing it. For each
 * run, this init clones the run's own init into new mount, pid and IPC namespaces. That process (pid 1 of the
 * run) mounts a fresh /proc and a fresh /tmp, makes the box folder read-only unless the run may write it, and
 * forks the program (pid 2), which starts a new session, joins the run group, takes its limits and CPU, drops
 * every capability, sets no_new_privs, installs the filter and is executed. When the program ends, pid 1 reports
 * its exit status (128 + n for signal n) and exits: the kernel kills whatever else the run started, since its
 * pid namespace dies with its init, and the judge empties the run group too. Nothing of a run outlives it: its
 * processes, /tmp, mounts, System V IPC objects and session are its own. The program sees nothing of this init:
 * it is in no namespace the program can see into.
 *
 * The run's stdio come one of two ways:
 * - passed (judge-run, for runs given files or joined to another run): the 'R' frame carries the run's
 *   descriptors (stdin, stdout, stderr, a status pipe, then its files), and pid 1 writes bubblewrap's JSON
 *   status lines (`{"child-pid": N}`, `{"exit-code": N}`) to the status pipe;
 * - relayed (every other run, straight from the judge, which saves starting a helper): pid 1 makes the pipes
 *   and relays them on the connection: 'P' the program started, 'O' and 'E' its output, 'X' its exit status.
 * Either way a last frame 'Z' from this init says how the run ended: 'D' carried out, 'S' its program could not
 * be executed, 'F' its set-up failed (the box is at fault), 'K' its pid 1 was killed; the reason of 'S' and
 * 'F' went to the run's stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "parse-number.h"

#define MAX_REQUEST (1 << 20)
#define MAX_FDS 200
#define MAX_WORDS 65536
#define MAX_CGROUPS 8
#define CHUNK 65536
/* Descriptors 0-2 are stdio, 3 the status pipe; the run's files follow (as under bubblewrap). */
#define FIRST_FILE_FD 4
#define PROTOCOL "judge-init-1"

static struct sock_fprog filter;
static int cgroup_fds[MAX_CGROUPS];
static int cgroup_count;
/* Where a failure is told: a descriptor (the run's stderr once known), or in relayed mode an 'E' frame. */
static int report_fd = 2;
static int report_conn = -1;
/*
 * In the program before it is executed: a close-on-exec pipe to its pid 1. What fails there is our set-up's
 * failure, not the program's, and goes through it; an exec that succeeds closes it, which tells pid 1 that the
 * program runs.
 */
static int setup_pipe = -1;
/* The first byte of what the program's set-up says when only its exec failed; pid 1 then exits with this code. */
#define EXEC_FAILED '\x01'
#define EXIT_EXEC_FAILED 4

static int send_frame(int conn, char type, const void *payload, uint32_t length);

struct request {
  unsigned long long tmp_bytes, stack, fsize, nofile, nproc, cpu, pipe_bytes;
  int box_writable;
  long pin;
  const char *cwd;
  int files;
  /* Passed mode: the run's own group (cgroup.procs descriptors after its files), else the box's run group. */
  int cgroups;
  char **env;
  char **argv;
  /* Passed mode: the run's descriptors. Relayed mode: none, and the run's stdio are pipes of its pid 1. */
  int fds[MAX_FDS];
  int nfds;
  int relayed;
  int conn;
};

static void fail(const char *what) {
  char message[512];
  int n = snprintf(message, sizeof message, "judge-init: %s: %s\n", what, strerror(errno));
  if (n > (int)sizeof message - 1) n = (int)sizeof message - 1;
  if (setup_pipe >= 0)
    (void)!write(setup_pipe, message, (size_t)n);
  else if (report_conn >= 0)
    (void)send_frame(report_conn, 'E', message, (uint32_t)n);
  else
    (void)!write(report_fd, message, (size_t)n);
  _exit(2);
}

static unsigned long long number(const char *text) {
  if (strcmp(text, "unlimited") == 0) return (unsigned long long)RLIM_INFINITY;
  unsigned long long value;
  return parse_number(text, 10, &value) == 0 ? value : ~0ULL - 1;
}

static int read_all(int fd, void *buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(fd, (char *)buffer + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    done += (size_t)n;
  }
  return 0;
}

static int write_all(int fd, const void *buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = send(fd, (const char *)buffer + done, size - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    done += (size_t)n;
  }
  return 0;
}

static int send_frame(int conn, char type, const void *payload, uint32_t length) {
  char header[5] = {type, (char)(length & 0xff), (char)((length >> 8) & 0xff), (char)((length >> 16) & 0xff),
                    (char)(length >> 24)};
  if (write_all(conn, header, sizeof header) != 0) return -1;
  return length ? write_all(conn, payload, length) : 0;
}

static int read_header(int conn, char *type, uint32_t *length) {
  unsigned char header[5];
  if (read_all(conn, header, sizeof header) != 0) return -1;
  *type = (char)header[0];
  *length = (uint32_t)header[1] | (uint32_t)header[2] << 8 | (uint32_t)header[3] << 16 | (uint32_t)header[4] << 24;
  return 0;
}

static void load_filter(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size % 8 != 0 || st.st_size > 8 * 65535) fail("filter");
  struct sock_filter *program = malloc((size_t)st.st_size);
  if (!program || read_all(fd, program, (size_t)st.st_size) != 0) fail("filter");
  close(fd);
  filter.len = (unsigned short)(st.st_size / 8);
  filter.filter = program;
}

/* The 'R' frame; its descriptors (passed mode) ride on its first bytes. */
static char *receive(int conn, struct request *req, char ***words, int *count) {
  unsigned char header[5];
  char control[CMSG_SPACE(sizeof(int) * MAX_FDS)];
  struct iovec iov = {header, sizeof header};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
  ssize_t n;
  do n = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL);
  while (n < 0 && errno == EINTR);
  req->nfds = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    for (int i = 0; i < k && req->nfds < MAX_FDS; i++)
      memcpy(&req->fds[req->nfds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
  }
  uint32_t length = (uint32_t)header[1] | (uint32_t)header[2] << 8 | (uint32_t)header[3] << 16 | (uint32_t)header[4] << 24;
  if (n != sizeof header || header[0] != 'R' || (msg.msg_flags & MSG_CTRUNC) || length == 0 || length > MAX_REQUEST)
    return NULL;
  char *text = malloc(length + 1);
  if (!text || read_all(conn, text, length) != 0) {
    free(text);
    return NULL;
  }
  text[length] = '\0';
  char **list = malloc(sizeof(char *) * MAX_WORDS);
  int k = 0;
  for (char *p = text; p < text + length && k < MAX_WORDS; p += strlen(p) + 1) list[k++] = p;
  *words = list;
  *count = k;
  return text;
}

/* Words: PROTOCOL TMP WRITABLE CWD STACK FSIZE NOFILE NPROC CPU PIPE PIN FILES CGROUPS NENV ENV... NARGV ARGV... */
static int parse(struct request *req, char **w, int count) {
  if (count < 15 || strcmp(w[0], PROTOCOL) != 0) return -1;
  req->tmp_bytes = number(w[1]);
  req->box_writable = strcmp(w[2], "1") == 0;
  req->cwd = w[3];
  req->stack = number(w[4]);
  req->fsize = number(w[5]);
  req->nofile = number(w[6]);
  req->nproc = number(w[7]);
  req->cpu = number(w[8]);
  req->pipe_bytes = number(w[9]);
  req->pin = strcmp(w[10], "-") == 0 ? -1 : (long)number(w[10]);
  req->files = (int)number(w[11]);
  req->cgroups = (int)number(w[12]);
  int at = 13;
  int nenv = (int)number(w[at++]);
  if (nenv < 0 || at + nenv >= count) return -1;
  req->env = calloc((size_t)nenv + 1, sizeof(char *));
  for (int i = 0; i < nenv; i++) req->env[i] = w[at++];
  int nargv = (int)number(w[at++]);
  if (nargv < 1 || at + nargv != count) return -1;
  req->argv = calloc((size_t)nargv + 1, sizeof(char *));
  for (int i = 0; i < nargv; i++) req->argv[i] = w[at++];
  req->relayed = req->nfds == 0;
  if (req->files < 0 || req->cgroups < 0 || req->cgroups > MAX_CGROUPS || req->files > MAX_FDS - FIRST_FILE_FD) return -1;
  if (req->relayed ? req->files + req->cgroups != 0 : req->nfds != FIRST_FILE_FD + req->files + req->cgroups) return -1;
  if (req->pipe_bytes > (1ULL << 30) || req->pin >= CPU_SETSIZE || req->tmp_bytes == 0) return -1;
  return 0;
}

static void limit(int resource, unsigned long long soft, unsigned long long hard, const char *what) {
  struct rlimit r = {soft, hard};
  if (setrlimit(resource, &r) != 0) fail(what);
}

/* Mount flags of an existing mount that a remount must repeat (the kernel locks them in a user namespace). */
static unsigned long kept_flags(const char *path) {
  struct statvfs v;
  if (statvfs(path, &v) != 0) fail(path);
  unsigned long flags = 0;
  if (v.f_flag & ST_NOSUID) flags |= MS_NOSUID;
  if (v.f_flag & ST_NODEV) flags |= MS_NODEV;
  if (v.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
  if (v.f_flag & ST_NOATIME) flags |= MS_NOATIME;
  if (v.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
  if (v.f_flag & ST_RELATIME) flags |= MS_RELATIME;
  return flags;
}

static void read_only(const char *path) {
  if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) != 0) {
    if (errno == ENOENT) return;
    fail(path);
  }
  if (mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept_flags(path), NULL) != 0) fail(path);
}

static void drop_capabilities(void) {
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) fail("ambient capabilities");
  for (int cap = 0; cap <= 63; cap++) {
    if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) <= 0) continue;
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) fail("bounding set");
  }
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capset, &header, data) != 0) fail("capset");
}

/* Moves the given descriptors to 0-2 and 4.., closing everything else. */
static void place_descriptors(const int *sources, int files, int keep_fd) {
  int high[MAX_FDS];
  int keep = 3 + files;
  for (int i = 0; i < keep; i++) {
    high[i] = fcntl(sources[i], F_DUPFD_CLOEXEC, FIRST_FILE_FD + files);
    if (high[i] < 0) fail("dup");
  }
  for (int i = 0; i < keep; i++) {
    int target = i < 3 ? i : i + 1;
    if (dup2(high[i], target) != target) fail("dup2");
  }
  if (close(3) != 0 && errno != EBADF) fail("close");
  unsigned first = (unsigned)(FIRST_FILE_FD + files);
  if (keep_fd > (int)first && syscall(SYS_close_range, first, (unsigned)keep_fd - 1, 0) != 0) fail("close_range");
  if (syscall(SYS_close_range, (unsigned)keep_fd + 1, ~0U, 0) != 0) fail("close_range");
}

/* The program (pid 2 of the run). sources: its stdin, stdout, stderr, then its files. */
static void start_program(struct request *req, const int *sources) {
  sigset_t none;
  sigemptyset(&none);
  if (sigprocmask(SIG_SETMASK, &none, NULL) != 0) fail("sigprocmask");
  signal(SIGPIPE, SIG_DFL);
  if (setsid() < 0) fail("setsid");
  // Into the run group before the last of the set-up, which must close the group's descriptors.
  const int *groups = req->cgroups ? &req->fds[FIRST_FILE_FD + req->files] : cgroup_fds;
  for (int i = 0; i < (req->cgroups ? req->cgroups : cgroup_count); i++)
    if (write(groups[i], "0", 1) != 1) fail("joining the run's cgroup");
  if (req->pin >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int)req->pin, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) fail("sched_setaffinity");
  }
  if (setup_pipe < FIRST_FILE_FD + req->files) {
    int moved = fcntl(setup_pipe, F_DUPFD_CLOEXEC, 1000);
    if (moved < 0) fail("dup");
    setup_pipe = moved;
  }
  place_descriptors(sources, req->files, setup_pipe);
  limit(RLIMIT_STACK, req->stack, req->stack, "stack limit");
  limit(RLIMIT_FSIZE, req->fsize, req->fsize, "file size limit");
  limit(RLIMIT_NOFILE, req->nofile, req->nofile, "open files limit");
  limit(RLIMIT_NPROC, req->nproc, req->nproc, "process limit");
  limit(RLIMIT_CPU, req->cpu, req->cpu == RLIM_INFINITY ? req->cpu : req->cpu + 1, "CPU limit");
  limit(RLIMIT_CORE, 0, 0, "core limit");
  if (req->pipe_bytes > 0) {
    struct stat st;
    for (int fd = 0; fd <= 1; fd++)
      if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) (void)fcntl(fd, F_SETPIPE_SZ, (int)req->pipe_bytes);
  }
  if (chdir(req->cwd) != 0) fail(req->cwd);
  drop_capabilities();
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs");
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) != 0) fail("seccomp");
  environ = req->env;
  execvp(req->argv[0], req->argv);
  // A program that cannot be executed: the run fails to start, though the box is sound (SETUP_EXEC).
  char message[512];
  int n = snprintf(message, sizeof message, "%cjudge-init: execvp %s: %s\n", EXEC_FAILED, req->argv[0], strerror(errno));
  (void)!write(setup_pipe, message, (size_t)(n < (int)sizeof message ? n : (int)sizeof message - 1));
  _exit(127);
}

static void status_line(int fd, const char *key, long value) {
  char line[64];
  int n = snprintf(line, sizeof line, "{\"%s\": %ld}\n", key, value);
  if (write(fd, line, (size_t)n) != n) fail("status");
}

static void status_frame(int conn, char type, long value) {
  char text[32];
  int n = snprintf(text, sizeof text, "%ld", value);
  if (send_frame(conn, type, text, (uint32_t)n) != 0) _exit(3);
}

static int exit_status(int st) { return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st); }

/* The world of the run: its own /proc, /tmp and mounts; the box folder read-only unless it may be written. */
static void make_world(struct request *req) {
  // The run's mounts stay in its namespace: nothing it mounts may propagate back to the box.
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("private mounts");
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) fail("/proc");
  const char *covered[] = {"/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus"};
  for (size_t i = 0; i < sizeof covered / sizeof covered[0]; i++) read_only(covered[i]);
  char options[64];
  snprintf(options, sizeof options, "size=%llu,mode=0755", req->tmp_bytes);
  if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) fail("/tmp");
  if (!req->box_writable &&
      mount(NULL, "/box", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept_flags("/box"), NULL) != 0)
    fail("/box read-only");
}

/* Forks the program; returns once it is executed (or has failed: then pid 1 fails, with the program's reason). */
static pid_t start(struct request *req, const int *sources) {
  int setup[2];
  if (pipe2(setup, O_CLOEXEC) != 0) fail("pipe");
  pid_t program = fork();
  if (program < 0) fail("fork");
  if (program == 0) {
    close(setup[0]);
    setup_pipe = setup[1];
    start_program(req, sources);
  }
  close(setup[1]);
  char reason[512];
  ssize_t n;
  do n = read(setup[0], reason, sizeof reason - 1);
  while (n < 0 && errno == EINTR);
  close(setup[0]);
  if (n > 0) {
    kill(program, SIGKILL);
    int exec_failed = reason[0] == EXEC_FAILED;
    char *text = reason + exec_failed;
    size_t length = (size_t)n - (size_t)exec_failed;
    if (report_conn >= 0)
      (void)send_frame(report_conn, 'E', text, (uint32_t)length);
    else
      (void)!write(report_fd, text, length);
    _exit(exec_failed ? EXIT_EXEC_FAILED : 2);
  }
  return program;
}

/* Passed mode: the program has the judge's descriptors; pid 1 only waits. */
static void run_passed(struct request *req) {
  int status_fd = req->fds[3];
  int sources[MAX_FDS];
  for (int i = 0; i < 3; i++) sources[i] = req->fds[i];
  for (int i = 0; i < req->files; i++) sources[3 + i] = req->fds[FIRST_FILE_FD + i];
  pid_t program = start(req, sources);
  status_line(status_fd, "child-pid", program);
  for (int i = 0; i < req->nfds; i++)
    if (req->fds[i] != status_fd) close(req->fds[i]);
  for (;;) {
    int st;
    pid_t pid = waitpid(-1, &st, 0);
    if (pid < 0 && errno == EINTR) continue;
    if (pid < 0) fail("waitpid");
    if (pid != program) continue;
    status_line(status_fd, "exit-code", exit_status(st));
    _exit(0);
  }
}

static void nonblocking(int fd) {
  if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) fail("fcntl");
}

/* Whatever an output pipe holds now goes to the judge; 0 at its end, 1 when it would block. */
static int forward(int conn, int fd, char type, char *buffer) {
  for (;;) {
    ssize_t n = read(fd, buffer, CHUNK);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return 1;
    if (n <= 0) return 0;
    if (send_frame(conn, type, buffer, (uint32_t)n) != 0) _exit(3);
  }
}

/*
 * Relayed mode: the program's stdio are pipes of this pid 1, relayed on the connection. Input is written
 * only as the program takes it, and more is read from the judge only then (a program that never reads its
 * input blocks nobody). When the program ends, what it wrote is sent, its exit status follows, and pid 1 exits.
 */
static void run_relayed(struct request *req) {
  int conn = req->conn;
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) fail("pipe");
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  // Blocked before the fork, so that no child's end is missed; the program unblocks it first of all.
  if (sigprocmask(SIG_BLOCK, &mask, NULL) != 0) fail("sigprocmask");
  int children = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  if (children < 0) fail("signalfd");
  int sources[3] = {in[0], out[1], err[1]};
  pid_t program = start(req, sources);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  // pid 1's own stderr is the box's: the run's output goes only where the judge reads it.
  nonblocking(in[1]);
  nonblocking(out[0]);
  nonblocking(err[0]);
  status_frame(conn, 'P', program);

  char *buffer = malloc(CHUNK);
  char *input = malloc(CHUNK);
  if (!buffer || !input) fail("memory");
  size_t pending = 0, offset = 0;
  int input_open = 1, outputs = 2, exited = 0, exit_code = 0;
  while (!exited) {
    struct pollfd fds[5] = {
        {children, POLLIN, 0},
        {out[0], POLLIN, 0},
        {err[0], POLLIN, 0},
        {input_open && pending == 0 ? conn : -1, POLLIN, 0},
        {input_open && pending > 0 ? in[1] : -1, POLLOUT, 0},
    };
    if (poll(fds, 5, -1) < 0) {
      if (errno == EINTR) continue;
      fail("poll");
    }
    if (fds[1].revents && out[0] >= 0 && forward(conn, out[0], 'O', buffer) == 0) {
      close(out[0]);
      out[0] = -1;
      outputs--;
    }
    if (fds[2].revents && err[0] >= 0 && forward(conn, err[0], 'E', buffer) == 0) {
      close(err[0]);
      err[0] = -1;
      outputs--;
    }
    if (fds[3].revents) {
      char type;
      uint32_t length;
      // The judge went away: the run is over, everything in it dies with this pid 1.
      if (read_header(conn, &type, &length) != 0 || length > CHUNK) _exit(3);
      if (type == 'I' && length > 0) {
        if (read_all(conn, input, length) != 0) _exit(3);
        pending = length;
        offset = 0;
      } else if (type == 'C') {
        close(in[1]);
        input_open = 0;
      } else {
        _exit(3);
      }
    }
    if (fds[4].revents) {
      ssize_t n = write(in[1], input + offset, pending);
      if (n > 0) {
        offset += (size_t)n;
        pending -= (size_t)n;
      } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        // The program closed its input: the rest is dropped, as a pipe's reader that left drops it.
        close(in[1]);
        input_open = 0;
      }
    }
    if (fds[0].revents) {
      struct signalfd_siginfo info;
      while (read(children, &info, sizeof info) > 0) {
      }
      int st;
      pid_t pid;
      while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
        if (pid == program) {
          exited = 1;
          exit_code = exit_status(st);
        }
    }
  }
  // What the program left running dies now (pid 1 may signal its whole namespace); then its pipes end.
  kill(-1, SIGKILL);
  for (int fd = 0; fd < 2; fd++) {
    int pipe_end = fd == 0 ? out[0] : err[0];
    if (pipe_end < 0) continue;
    int flags = fcntl(pipe_end, F_GETFL);
    fcntl(pipe_end, F_SETFL, flags & ~O_NONBLOCK);
    forward(conn, pipe_end, fd == 0 ? 'O' : 'E', buffer);
  }
  (void)outputs;
  status_frame(conn, 'X', exit_code);
  _exit(0);
}

/* The run's init (pid 1 of the run's pid namespace). */
static void run_init(struct request *req) {
  signal(SIGPIPE, SIG_DFL);
  // What goes wrong in the set-up is said on the run's stderr.
  if (req->relayed)
    report_conn = req->conn;
  else
    report_fd = req->fds[2];
  make_world(req);
  if (req->relayed) run_relayed(req);
  run_passed(req);
}

static void serve(int conn) {
  struct request req;
  memset(&req, 0, sizeof req);
  req.conn = conn;
  char **words = NULL;
  int count = 0;
  char *text = receive(conn, &req, &words, &count);
  char answer = 'F';
  if (text && parse(&req, words, count) == 0) {
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
      if (!req.relayed) close(conn);
      run_init(&req);
    }
    if (pid > 0) {
      for (int i = 0; i < req.nfds; i++) close(req.fds[i]);
      req.nfds = 0;
      int st;
      while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
      }
      answer = WIFSIGNALED(st)                         ? 'K'
               : WEXITSTATUS(st) == 0                  ? 'D'
               : WEXITSTATUS(st) == EXIT_EXEC_FAILED ? 'S'
                                                       : 'F';
    } else if (req.nfds > 2) {
      dprintf(req.fds[2], "judge-init: clone: %s\n", strerror(errno));
    }
  }
  for (int i = 0; i < req.nfds; i++) close(req.fds[i]);
  free(req.env);
  free(req.argv);
  free(words);
  free(text);
  (void)send_frame(conn, 'Z', &answer, 1);
}

int main(int argc, char **argv) {
  if (argc < 3 || argc - 3 > MAX_CGROUPS) {
    fprintf(stderr, "usage: judge-init LISTEN_FD SECCOMP_FD CGROUP_PROCS_FD...\n");
    return 2;
  }
  int listen_fd = atoi(argv[1]);
  load_filter(atoi(argv[2]));
  for (int i = 3; i < argc; i++) {
    cgroup_fds[cgroup_count] = atoi(argv[i]);
    if (fcntl(cgroup_fds[cgroup_count], F_SETFD, FD_CLOEXEC) != 0) fail("cgroup descriptor");
    cgroup_count++;
  }
  signal(SIGPIPE, SIG_IGN);
  if (fcntl(listen_fd, F_SETFD, FD_CLOEXEC) != 0) fail("listening socket");
  for (;;) {
    int conn = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0 && (errno == EINTR || errno == ECONNABORTED)) continue;
    if (conn < 0) fail("accept");
    serve(conn);
    close(conn);
  }
}
