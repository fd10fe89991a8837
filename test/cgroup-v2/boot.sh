#!/usr/bin/env bash
# Boots the cgroup v2 guest and runs the namespace engine's suites in it (guest-run.sh), leaving in RESULTS
# (a folder the guest writes through 9p): console.log (the guest's serial console), guest.log, vitest.json
# and exit-code. Exits with the guest's exit code, or 125 when the guest left none.
# Software emulation (TCG): a KVM guest hung on the machine this was written on, and TCG works everywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
results="$(cd "${1:?usage: boot.sh RESULTS_DIR}" && pwd)"
paths="$(bash "$here/prepare-vm.sh")"
read -r vmlinuz initramfs <<<"$paths"

rm -f "$results/exit-code"
# The swap disk: sparse, so it costs the host nothing until the guest swaps.
truncate -s 1G "$results/swap.img"
timeout "${JUDGE_VM_TIMEOUT:-3600}" qemu-system-x86_64 \
  -accel tcg,thread=multi -cpu max -smp 2 -m 2048 \
  -nographic -no-reboot -nic none \
  -kernel "$vmlinuz" -initrd "$initramfs" \
  -append "console=ttyS0 panic=-1 quiet JUDGE_GUEST_RUN=$here/guest-run.sh" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=passthrough,readonly=on,multidevs=remap \
  -virtfs "local,path=$results,mount_tag=results,security_model=passthrough,multidevs=remap" \
  -drive "file=$results/swap.img,if=virtio,format=raw" \
  </dev/null >"$results/console.log" 2>&1 || true
rm -f "$results/swap.img"
[ -f "$results/exit-code" ] || exit 125
exit "$(cat "$results/exit-code")"
