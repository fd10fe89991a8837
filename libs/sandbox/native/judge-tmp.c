/*
 * judge-tmp: the docker engine's per-run /tmp, started by the judge as root on the daemon's host.
 *
 *   judge-tmp PID mount BYTES    mounts a fresh tmpfs of BYTES on /tmp in the mount namespace of process PID
 *   judge-tmp PID unmount        detaches the /tmp mounted there by `mount`
 *
 * A box container lives for a whole submission and each run is a `docker exec` in it, so the container's own
 * /tmp would carry what one run wrote to the next, and emptying it file by file costs the judge time that grows
 * with what the program wrote (and fails on a tree deeper than PATH_MAX). Instead every run gets a tmpfs of its
 * own, stacked on the container's empty, read-only /tmp, and dropped whole afterwards.
 *
 * It enters only the container's mount namespace (setns), so it needs no binary inside the image, and it calls
 * mount(2) and umount2(2) itself. Unmounting checks that the top mount on /tmp is one it made (by its source
 * name), so a second unmount never takes away the container's own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define SOURCE "judge-run-tmp"

static void fail(const char *what) {
  fprintf(stderr, "judge-tmp: %s: %s\n", what, strerror(errno));
  exit(1);
}

static unsigned long long number(const char *text, const char *what) {
  char *end;
  errno = 0;
  unsigned long long value = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || end == text || value == 0) {
    errno = EINVAL;
    fail(what);
  }
  return value;
}

/* The host's /proc, held open: after setns, /proc is the container's, where this process has no entry. */
static int host_proc = -1;
static char mountinfo[64];

/* Whether the last (topmost) mount on /tmp in the namespace's mount table (its init's mountinfo) is ours. */
static int ours_on_top(void) {
  int fd = openat(host_proc, mountinfo, O_RDONLY | O_CLOEXEC);
  FILE *f = fd < 0 ? NULL : fdopen(fd, "re");
  if (!f) fail(mountinfo);
  char line[4096];
  int ours = 0;
  while (fgets(line, sizeof line, f)) {
    /* id parent major:minor root mountpoint options... - fstype source superoptions */
    char root[1024], point[1024], type[64], source[256];
    char *dash = strstr(line, " - ");
    if (!dash) continue;
    if (sscanf(line, "%*s %*s %*s %1023s %1023s", root, point) != 2) continue;
    if (sscanf(dash, " - %63s %255s", type, source) != 2) continue;
    if (strcmp(point, "/tmp") == 0) ours = strcmp(type, "tmpfs") == 0 && strcmp(source, SOURCE) == 0;
  }
  fclose(f);
  return ours;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: judge-tmp PID mount BYTES | judge-tmp PID unmount\n");
    return 2;
  }
  unsigned long long pid = number(argv[1], "pid");
  char path[64];
  snprintf(path, sizeof path, "/proc/%llu/ns/mnt", pid);
  snprintf(mountinfo, sizeof mountinfo, "%llu/mountinfo", pid);
  host_proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (host_proc < 0) fail("/proc");
  int ns = open(path, O_RDONLY | O_CLOEXEC);
  if (ns < 0) fail(path);
  if (setns(ns, CLONE_NEWNS) != 0) fail("setns");
  close(ns);
  /* setns leaves the root and the working folder at the namespace's root: /tmp below is the container's. */

  if (strcmp(argv[2], "mount") == 0 && argc == 4) {
    unsigned long long bytes = number(argv[3], "size");
    char options[128];
    snprintf(options, sizeof options, "size=%llu,mode=1777", bytes);
    if (mount(SOURCE, "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) fail("mount /tmp");
    return 0;
  }
  if (strcmp(argv[2], "unmount") == 0 && argc == 3) {
    /* Every process of the box is dead by now; detaching never waits on a straggler's open file. Each of ours
       goes (one left by a run whose unmount never happened too), and the container's own stays. */
    for (int i = 0; i < 64 && ours_on_top(); i++) {
      if (umount2("/tmp", MNT_DETACH) != 0) fail("unmount /tmp");
    }
    if (ours_on_top()) {
      errno = EBUSY;
      fail("a run's /tmp is still mounted");
    }
    return 0;
  }
  fprintf(stderr, "judge-tmp: unknown command %s\n", argv[2]);
  return 2;
}
