/*
 * judge-run: starts one run in a pre-built box (see judge-init.c), started by the judge as root.
 *
 *   judge-run SOCKET REQUEST_FD FILES [CGROUP_PROCS_FILE...]
 *
 * Descriptors 0-2 are the run's stdio, 3 its status pipe, 4.. its FILES files. REQUEST_FD holds the run's
 * settings (read to its end). judge-run hands them and the descriptors to the box's init over SOCKET, keeps
 * none of the run's descriptors, and waits for the run to be over. Given cgroup.procs files, it opens them
 * (as root: the descriptors carry the right to move a process there) and the run joins that group rather than
 * the box's own run group.
 *
 * It is for runs whose descriptors must be the judge's own (files, a pipe to another run): other runs the judge
 * starts by talking to the init itself, which relays their stdio.
 *
 * Exit status: 0 the run was carried out (its exit status went to the status pipe), 4 its program could not be
 * executed, 3 its set-up failed (the reason of both went to its stderr), 75 the box's init could not be reached or went away: the box is broken, not the
 * run, and the judge repeats the run in a new box.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_REQUEST (1 << 20)
#define MAX_FDS 200
#define BOX_BROKEN 75

static int fail(int code, const char *what) {
  fprintf(stderr, "judge-run: %s: %s\n", what, strerror(errno));
  return code;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: judge-run SOCKET REQUEST_FD FILES [CGROUP_PROCS_FILE...]\n");
    return 3;
  }
  int request_fd = atoi(argv[2]);
  int files = atoi(argv[3]);
  int cgroups = argc - 4;
  if (files < 0 || 4 + files + cgroups > MAX_FDS) return fail(3, "too many descriptors");

  // An 'R' frame (type, 4-byte little-endian length, the words): the init reads its header with the descriptors.
  char *buffer = malloc(5 + MAX_REQUEST);
  if (!buffer) return fail(3, "memory");
  uint32_t length = 0;
  for (;;) {
    ssize_t n = read(request_fd, buffer + 5 + length, MAX_REQUEST - length);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(3, "reading the request");
    if (n == 0) break;
    length += (uint32_t)n;
    if (length == MAX_REQUEST) {
      errno = E2BIG;
      return fail(3, "reading the request");
    }
  }
  close(request_fd);
  buffer[0] = 'R';
  for (int i = 0; i < 4; i++) buffer[1 + i] = (char)((length >> (8 * i)) & 0xff);

  int fds[MAX_FDS];
  int nfds = 0;
  for (int fd = 0; fd < 4 + files; fd++) fds[nfds++] = fd;
  for (int i = 0; i < cgroups; i++) {
    int fd = open(argv[4 + i], O_WRONLY | O_CLOEXEC);
    if (fd < 0) return fail(3, argv[4 + i]);
    fds[nfds++] = fd;
  }

  int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0) return fail(3, "socket");
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof address.sun_path) {
    errno = ENAMETOOLONG;
    return fail(3, argv[1]);
  }
  strcpy(address.sun_path, argv[1]);
  if (connect(sock, (struct sockaddr *)&address, sizeof address) != 0) return fail(BOX_BROKEN, "the box's init");

  char control[CMSG_SPACE(sizeof(int) * MAX_FDS)];
  memset(control, 0, sizeof control);
  struct iovec iov = {buffer, 5 + length};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                       .msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds)};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
  memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
  size_t sent = 0;
  while (sent < 5 + length) {
    ssize_t n = sendmsg(sock, &msg, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(BOX_BROKEN, "sending to the box's init");
    sent += (size_t)n;
    // The descriptors went with the first bytes.
    iov.iov_base = buffer + sent;
    iov.iov_len = 5 + length - sent;
    msg.msg_control = NULL;
    msg.msg_controllen = 0;
  }
  // The run holds its stdio now; ours would keep its pipes open after it ended.
  for (int i = 0; i < nfds; i++)
    if (fds[i] > 2) close(fds[i]);
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int fd = 0; fd <= 2 && null >= 0; fd++) dup2(null, fd);

  // The init's last frame: 'Z' and one byte.
  char answer[6];
  size_t got = 0;
  while (got < sizeof answer) {
    ssize_t n = read(sock, answer + got, sizeof answer - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  if (got != sizeof answer || answer[0] != 'Z') {
    errno = ECONNRESET;
    return fail(BOX_BROKEN, "the box's init went away");
  }
  return answer[5] == 'F' ? 3 : answer[5] == 'S' ? 4 : 0;
}
