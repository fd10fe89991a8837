#!/bin/sh
# PID 1 of the cgroup v2 guest once /init has made the host's root its own (see init.sh). It mounts what a
# Debian host running systemd would have (proc, sys, a cgroup2 root at /sys/fs/cgroup, a fresh /tmp and
# /run), turns on swap so that a run could escape its memory limit into swap if the driver let it, puts the
# tests in a cgroup of their own below the root (as systemd puts a service), runs for the namespace engine
# the guest's checks and part of the sandbox suites (vitest.guest.mts, subset.ts), and leaves the results in
# the `results` share: vitest.json, exit-code, guest.log.
# The host side is test/cgroup-v2.test.ts.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
repo="$(cd "$(dirname "$0")/../.." && pwd)"

# A checkout under /tmp or /run (a CI clone) would vanish under the fresh mounts below: kept aside, and put
# back at its own path after them (node_modules' links name that path).
mkdir -p /mnt/repo
mount --bind "$repo" /mnt/repo

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
mkdir -p /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t tmpfs -o mode=1777 tmp /tmp
mount -t tmpfs -o mode=0755 run /run
# Box folders as on a fresh machine, not those of a judge running on the host at boot time.
mount -t tmpfs -o mode=0755 judge /var/lib/judge
mkdir -p "$repo"
mount --bind /mnt/repo "$repo"
mkdir -p /run/results
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=none results /run/results
results=/run/results

finish() {
  echo "guest: done after $(cut -d' ' -f1 /proc/uptime) s"
  echo "$1" >"$results/exit-code"
  sync
  poweroff -f
}

exec >"$results/guest.log" 2>&1
echo "guest: kernel $(uname -r), $(nproc) CPUs, cgroup2 controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
echo "guest: up after $(cut -d' ' -f1 /proc/uptime) s"

# The swap disk: a blank file on the host, attached as the guest's first virtio disk.
if mkswap /dev/vda >/dev/null && swapon /dev/vda; then
  echo "guest: swap on /dev/vda, $(awk '/SwapTotal/ { print $2 }' /proc/meminfo) kB"
else
  echo "guest: no swap"
  finish 3
fi

# The toolchains' files come from the host over 9p the first time they are read, which under emulation can
# take longer than a compile limit: one compile outside the sandbox puts the C compiler in the page cache.
printf '#include <stdio.h>\nint main(void) { puts("warm"); return 0; }\n' >/tmp/warm.c
gcc -std=c17 -O2 -pipe -o /tmp/warm /tmp/warm.c -lm && /tmp/warm
/usr/bin/python3 -c 'pass'

# Controllers for the children of the root, then a group for the tests, as systemd makes for a service.
echo '+cpu +memory +pids' >/sys/fs/cgroup/cgroup.subtree_control
mkdir /sys/fs/cgroup/judge-tests
cd "$repo" || finish 3
sh -c 'echo $$ >/sys/fs/cgroup/judge-tests/cgroup.procs &&
  exec node node_modules/vitest/vitest.mjs run --config test/cgroup-v2/vitest.guest.mts \
    --reporter=default --reporter=json --outputFile.json="$0/vitest.json"' "$results"
finish $?
