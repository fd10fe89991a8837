#!/usr/bin/env bash
# Prepares what the cgroup v2 guest boots: QEMU and a static busybox (system packages, installed with apt-get
# when missing and run as root), Debian's stock kernel and a small initramfs of our own. Nothing here is
# committed: the kernel package is fetched with `apt-get download` and everything is kept in the cache
# folder ($JUDGE_VM_CACHE, default /var/cache/judge/cgroup-v2-vm), rebuilt only when this script, the
# initramfs's /init or the kernel version change. Prints the cache folder's vmlinuz and initramfs paths.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${JUDGE_VM_CACHE:-/var/cache/judge/cgroup-v2-vm}"

need_packages=()
command -v qemu-system-x86_64 >/dev/null 2>&1 || need_packages+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx switch_root || need_packages+=(busybox-static)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "prepare-vm: missing ${need_packages[*]}; run as root: apt-get install --no-install-recommends ${need_packages[*]}" >&2
    exit 2
  fi
  echo "prepare-vm: installing ${need_packages[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >&2
fi
# The initramfs must not depend on the host's libraries: only a statically linked busybox will do.
if ldd /bin/busybox >/dev/null 2>&1; then
  echo "prepare-vm: /bin/busybox is dynamically linked; install busybox-static" >&2
  exit 2
fi

# The kernel: the version linux-image-amd64 points at, unpacked but not installed on the host.
kernel_package() {
  apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}
kernel_pkg="$(kernel_package)"
if [ -z "$kernel_pkg" ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >&2
  kernel_pkg="$(kernel_package)"
fi
if [ -z "$kernel_pkg" ]; then
  echo "prepare-vm: apt-cache knows no linux-image-amd64 (run apt-get update)" >&2
  exit 2
fi
kver="${kernel_pkg#linux-image-}"
key="$(cat "$0" "$here/init.sh" | sha256sum | cut -c1-16)-$kver"
out="$cache/$key"
if [ -f "$out/initramfs.cpio.gz" ] && [ -f "$out/vmlinuz" ]; then
  echo "$out/vmlinuz $out/initramfs.cpio.gz"
  exit 0
fi

mkdir -p "$cache"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# apt-get download drops privileges to _apt, which must be able to write where it downloads.
chmod 0777 "$work"
(cd "$work" && apt-get download -q "$kernel_pkg" >&2)
dpkg-deb -x "$work"/"$kernel_pkg"_*.deb "$work/kernel"

# The modules the guest needs to reach the host (virtio PCI, 9p), to stack a writable layer on the host's
# root (overlay) and to use a swap disk (virtio_blk), listed so that each comes after the modules it
# depends on (checked below against each module's `depends=`).
modules=(
  drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev
  drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci drivers/block/virtio_blk
  fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p fs/overlayfs/overlay
)
root="$work/initramfs"
mkdir -p "$root"/{bin,dev,proc,sys,mnt,newroot,modules}
cp /bin/busybox "$root/bin/busybox"
cp "$here/init.sh" "$root/init"
chmod 0755 "$root/init"
loaded=" "
for module in "${modules[@]}"; do
  file="$work/kernel/lib/modules/$kver/kernel/$module.ko"
  name="$(basename "$module")"
  depends="$(tr '\0' '\n' <"$file" | sed -n 's/^depends=//p' | tr ',' ' ')"
  for dep in $depends; do
    case "$loaded" in *" $dep "*) ;; *) echo "prepare-vm: $name needs $dep first" >&2; exit 1 ;; esac
  done
  cp "$file" "$root/modules/$name.ko"
  echo "$name" >>"$root/modules/order"
  loaded="$loaded$name "
done
(cd "$root" && find . | /bin/busybox cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initramfs.cpio.gz"

mkdir -p "$out"
cp "$work/kernel/boot/vmlinuz-$kver" "$out/vmlinuz"
mv "$work/initramfs.cpio.gz" "$out/initramfs.cpio.gz"
# Older builds (another kernel or /init) are of no further use; builds under way (build.*) are left alone.
for old in "$cache"/*; do
  case "$old" in "$out" | "$cache"/build.*) ;; *) rm -rf "$old" ;; esac
done
echo "$out/vmlinuz $out/initramfs.cpio.gz"
