/*
 * judge-exec: the docker engine's helper inside every box container, mounted read-only at /.judge/judge-exec.
 * Static, so that it runs in any image.
 *
 *   judge-exec init
 *     The container's first process: holds the container up and reaps the orphans that runs leave.
 *
 *   judge-exec run TOKEN STACK FSIZE NOFILE NPROC CPU [NAME=VALUE...] -- PROGRAM ARGS...
 *     (STACK: bytes or `unlimited`)
 *     The first step of every run (executed by judge-enter as the box's user): sets the run's limits, closes
 *     every inherited descriptor above stderr, and executes PROGRAM with exactly the given environment (the
 *     container's own, HOSTNAME included, does not reach it). It does not stay: PROGRAM becomes the exec's
 *     process. When PROGRAM cannot be executed, or anything before fails, it writes TOKEN and why to stderr and
 *     exits 127, so the judge tells a setup failure from a program that exits 127 or 126 (the program never sees
 *     the token).
 *
 * Before it executes PROGRAM it installs the sandbox's syscall filter (src/seccomp/deny-list.ts, compiled into
 * seccomp-filter.h by the build), stacked on the container's own profile (Docker's default): a call either
 * refuses makes the call fail with its errno.
 *
 * It removes the System V IPC objects (shared memory, semaphores, message queues) that earlier runs of the box
 * left: they outlive their processes, and a box's runs share the container's IPC namespace, so one test could
 * otherwise hand data to the next.
 *
 * RLIMIT_NPROC counts processes per user, and each box has users of its own: a backstop behind the container's
 * pids limit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "parse-number.h"

/* The run's token: every failure of this helper is written after it, so the judge tells it from the program's. */
static const char *token = "";

__attribute__((noreturn)) static void fail(const char *what, const char *why) {
  fprintf(stderr, "\n%s judge-exec: %s: %s\n", token, what, why);
  _exit(127);
}

static unsigned long long number(const char *text, const char *what) {
  unsigned long long value;
  if (parse_number(text, 10, &value) != 0) fail(what, "not a number");
  return value;
}

/* A limit's value: a number, or `unlimited` (RLIM_INFINITY). */
static unsigned long long limit_value(const char *text, const char *what) {
  return strcmp(text, "unlimited") == 0 ? (unsigned long long)RLIM_INFINITY : number(text, what);
}

static void limit(int resource, unsigned long long soft, unsigned long long hard, const char *what) {
  struct rlimit r = {soft, hard};
  if (setrlimit(resource, &r) != 0) {
    fail(what, strerror(errno));
  }
}

/*
 * Every object of the namespace, found by index (the *_STAT commands take an index and return the id): what
 * this user may not remove is not the box's and stays.
 */
static void remove_ipc_objects(void) {
  struct shm_info shm;
  int last = shmctl(0, SHM_INFO, (struct shmid_ds *)&shm);
  for (int i = 0; i <= last; i++) {
    struct shmid_ds ds;
    int id = shmctl(i, SHM_STAT, &ds);
    if (id >= 0) (void)shmctl(id, IPC_RMID, NULL);
  }
  struct seminfo sem;
  last = semctl(0, 0, SEM_INFO, &sem);
  for (int i = 0; i <= last; i++) {
    struct semid_ds ds;
    int id = semctl(i, 0, SEM_STAT, &ds);
    if (id >= 0) (void)semctl(id, 0, IPC_RMID);
  }
  struct msginfo msg;
  last = msgctl(0, MSG_INFO, (struct msqid_ds *)&msg);
  for (int i = 0; i <= last; i++) {
    struct msqid_ds ds;
    int id = msgctl(i, MSG_STAT, &ds);
    if (id >= 0) (void)msgctl(id, IPC_RMID, NULL);
  }
}

#include "seccomp-filter.h"

/* The filter holds for PROGRAM and all it starts; no_new_privs (set by Docker too) lets a user install it. */
static void install_filter(void) {
  struct sock_fprog program = {
      .len = (unsigned short)(sizeof judge_seccomp_filter / sizeof judge_seccomp_filter[0]),
      .filter = (struct sock_filter *)judge_seccomp_filter,
  };
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) {
    fail("syscall filter", strerror(errno));
  }
}

static void on_signal(int sig) { (void)sig; }

__attribute__((noreturn)) static void init(void) {
  sigset_t chld, empty;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigemptyset(&empty);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGCHLD, &sa, NULL);
  // SIGCHLD stays blocked except inside sigsuspend: no wake-up is lost between the last reap and the wait.
  sigprocmask(SIG_BLOCK, &chld, NULL);
  for (;;) {
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    sigsuspend(&empty);
  }
}

static int run(int argc, char **argv) {
  if (argc > 2) token = argv[2];
  if (argc < 9) fail("usage", "judge-exec run TOKEN STACK FSIZE NOFILE NPROC CPU [NAME=VALUE...] -- PROGRAM ARGS...");
  unsigned long long stack = limit_value(argv[3], "stack");
  unsigned long long fsize = number(argv[4], "fsize");
  unsigned long long nofile = number(argv[5], "nofile");
  unsigned long long nproc = number(argv[6], "nproc");
  unsigned long long cpu = number(argv[7], "cpu");

  int i = 8;
  int first_env = i;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
  }
  if (i + 1 >= argc) {
    fail("usage", "no program after --");
  }
  int env_count = i - first_env;
  char **env = calloc((size_t)env_count + 1, sizeof *env);
  if (!env) fail("environment", strerror(errno));
  for (int k = 0; k < env_count; k++) env[k] = argv[first_env + k];

  remove_ipc_objects();
  limit(RLIMIT_STACK, stack, stack, "stack limit");
  limit(RLIMIT_FSIZE, fsize, fsize, "file size limit");
  limit(RLIMIT_NOFILE, nofile, nofile, "open files limit");
  limit(RLIMIT_NPROC, nproc, nproc, "process limit");
  limit(RLIMIT_CPU, cpu, cpu + 1, "CPU limit");
  limit(RLIMIT_CORE, 0, 0, "core limit");
  for (int fd = 3; fd < 1024; fd++) close(fd);
  install_filter();

  // execvpe searches the PATH of the given environment, as a shell in the box would.
  execvpe(argv[i + 1], &argv[i + 1], env);
  fprintf(stderr, "\n%s cannot execute %s: %s\n", token, argv[i + 1], strerror(errno));
  return 127;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "init") == 0) init();
  if (argc >= 2 && strcmp(argv[1], "run") == 0) return run(argc, argv);
  fprintf(stderr, "usage: judge-exec init | judge-exec run ...\n");
  return 126;
}
