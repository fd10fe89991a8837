/* Shared by the native helpers: each is a program of its own, and reports a bad number its own way. */
#ifndef JUDGE_PARSE_NUMBER_H
#define JUDGE_PARSE_NUMBER_H
#include <errno.h>
#include <stdlib.h>

/* A whole number, all of `text`, in `base` (0: C's prefixes); -1 with errno EINVAL or ERANGE when it is not. */
static inline int parse_number(const char *text, int base, unsigned long long *value) {
  char *end;
  errno = 0;
  *value = strtoull(text, &end, base);
  if (errno != 0) return -1;
  if (*end != '\0' || end == text) {
    errno = EINVAL;
    return -1;
  }
  return 0;
}
#endif
