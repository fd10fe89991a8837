#!/bin/busybox sh
# /init of the cgroup v2 guest's initramfs. It makes the host's root the guest's root: the host's / (shared
# read-only over 9p, tag `hostroot`) under a tmpfs layer (overlay) so that the guest can write anywhere
# without touching the host, then hands over to the script named by JUDGE_GUEST_RUN (a kernel command line
# parameter, which the kernel passes to /init as an environment variable), a path on the host's root.
/bin/busybox --install -s /bin
export PATH=/bin

fail() {
  echo "guest-init: $*"
  poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

for module in $(cat /modules/order); do
  insmod "/modules/$module.ko" || fail "insmod $module"
done

mkdir -p /mnt/host /mnt/layer
# cache=loose: the host's files do not change while the guest runs, and reading through the page cache
# instead of asking the host for every read makes node and the compilers start several times faster.
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro hostroot /mnt/host || fail "mount hostroot"
mount -t tmpfs -o mode=0755 layer /mnt/layer
mkdir -p /mnt/layer/upper /mnt/layer/work
mount -t overlay -o lowerdir=/mnt/host,upperdir=/mnt/layer/upper,workdir=/mnt/layer/work overlay /newroot ||
  fail "mount overlay"

[ -n "$JUDGE_GUEST_RUN" ] && [ -f "/newroot$JUDGE_GUEST_RUN" ] || fail "no guest script at '$JUDGE_GUEST_RUN'"
mount --move /dev /newroot/dev
umount /proc /sys
exec switch_root /newroot /bin/sh "$JUDGE_GUEST_RUN"
