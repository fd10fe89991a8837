/*
 * judge-seccomp: a build tool, not part of any run. Compiles the sandbox's syscall deny-list
 * (src/seccomp/deny-list.ts, one rule a line on stdin) with libseccomp into a BPF program on stdout, which
 * bubblewrap (`--seccomp FD`, namespace engine) and judge-exec (docker engine) install before the program.
 *
 *   rule line: SYSCALL ERRNO [ARG OP VALUE MASK]...   OP: eq, lt, gt, masked_eq (all comparisons must hold)
 *
 * Allow by default; a matching call fails with ERRNO. A call of another ABI than the host's own (32-bit x86
 * through int 0x80, x32) fails with ENOSYS: the filter knows only the native table. A syscall name this
 * architecture does not have is skipped (say, one that exists only on 32-bit x86).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parse-number.h"

#define MAX_ARGS 8

static void die(const char *what, const char *detail, int error) {
  fprintf(stderr, "judge-seccomp: %s %s: %s\n", what, detail, strerror(error));
  exit(1);
}

static unsigned long long number(const char *text, const char *line) {
  unsigned long long value;
  if (parse_number(text, 0, &value) != 0) die("bad number in", line, EINVAL);
  return value;
}

int main(void) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (!ctx) die("seccomp_init", "", ENOMEM);
  int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO(ENOSYS));
  if (rc < 0) die("seccomp_attr_set", "badarch", -rc);

  char line[1024];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '\0') continue;
    char copy[sizeof line];
    strcpy(copy, line);
    char *save = NULL;
    const char *name = strtok_r(copy, " ", &save);
    const char *errno_text = strtok_r(NULL, " ", &save);
    if (!name || !errno_text) die("bad rule", line, EINVAL);
    int error = (int)number(errno_text, line);
    struct scmp_arg_cmp cmp[MAX_ARGS];
    unsigned int count = 0;
    const char *arg;
    while ((arg = strtok_r(NULL, " ", &save))) {
      const char *op = strtok_r(NULL, " ", &save);
      const char *value = strtok_r(NULL, " ", &save);
      const char *mask = strtok_r(NULL, " ", &save);
      if (!op || !value || !mask || count == MAX_ARGS) die("bad comparison in", line, EINVAL);
      enum scmp_compare how;
      if (strcmp(op, "eq") == 0) how = SCMP_CMP_EQ;
      else if (strcmp(op, "lt") == 0) how = SCMP_CMP_LT;
      else if (strcmp(op, "gt") == 0) how = SCMP_CMP_GT;
      else if (strcmp(op, "masked_eq") == 0) how = SCMP_CMP_MASKED_EQ;
      else die("bad operator in", line, EINVAL);
      // libseccomp's masked_eq takes the mask first, then the value.
      unsigned long long a = number(value, line), m = number(mask, line);
      cmp[count++] = (struct scmp_arg_cmp){(unsigned int)number(arg, line), how,
                                           how == SCMP_CMP_MASKED_EQ ? m : a, how == SCMP_CMP_MASKED_EQ ? a : 0};
    }
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) die("unknown syscall", name, EINVAL);
    if (nr < 0) continue; /* not a call of this architecture */
    rc = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO((unsigned int)error), nr, count, cmp);
    if (rc < 0) die("seccomp_rule_add", line, -rc);
  }
  rc = seccomp_export_bpf(ctx, STDOUT_FILENO);
  if (rc < 0) die("seccomp_export_bpf", "", -rc);
  seccomp_release(ctx);
  return 0;
}
