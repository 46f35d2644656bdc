#!/usr/bin/env bash
# Boot time, KvmSharp's samples/MicroVm against QEMU's microvm machine, booting the same Debian kernel and initramfs
# (.ci/guest fetches them; the initramfs is MicroVm's test guest, whose /init prints a marker line, uname -r and
# powers off). Usage: bench/boot/run.sh [ROUNDS] [CPUS]   (ROUNDS defaults to 3, CPUS to 1)
#
# For each run: milliseconds from process start to the marker line on the serial console, and to the process's
# exit. The two VMMs alternate, round by round, so that the host's drift (large under nested virtualization) falls
# on both. MicroVm runs with --stats: its VM exits by reason and port and the bytes its vCPU threads allocated per
# exit after the first 2000, summed over its runs. QEMU is qemu-system-x86_64 from Debian's qemu-system-x86
# (installed, or unpacked by `.ci/guest --qemu`), run as: -M microvm -enable-kvm, no devices but the serial console.
# KVMSHARP_BENCH_TIMEOUT (seconds, default 1800) bounds one boot; a run that reaches it is reported as timed out.
# KVMSHARP_BENCH_KERNEL picks the kernel file (default: the guest's vmlinuz; its vmlinux boots without the decompressor,
# QEMU through the kernel's PVH entry); KVMSHARP_QEMU_CPU passes a -cpu model to QEMU.
set -euo pipefail

rounds=${1:-3}
cpus=${2:-1}
timeout_seconds=${KVMSHARP_BENCH_TIMEOUT:-1800}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${KVMSHARP_BENCH_DIR:-${TMPDIR:-/tmp}/kvmsharp-bench-boot}
guest=${KVMSHARP_GUEST:-${XDG_CACHE_HOME:-$HOME/.cache}/kvmsharp/guest}
kernel=${KVMSHARP_BENCH_KERNEL:-$guest/vmlinuz}
marker=KVMSHARP-GUEST-USERSPACE
cmdline="console=ttyS0 reboot=k pci=off nomodule 8250.nr_uarts=1 i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd"
mkdir -p "$work"

if [[ ! -e /dev/kvm ]]; then
    echo "bench/boot: /dev/kvm does not exist: this machine has no KVM" >&2
    exit 1
fi
if [[ ! -f $guest/.complete ]]; then
    echo "bench/boot: no guest in $guest: run .ci/guest first" >&2
    exit 1
fi
qemu=$(command -v qemu-system-x86_64 || true)
if [[ -z $qemu && -x $guest/qemu/usr/bin/qemu-system-x86_64 ]]; then
    qemu=$guest/qemu/usr/bin/qemu-system-x86_64
fi
if [[ -z $qemu ]]; then
    echo "bench/boot: no qemu-system-x86_64: install qemu-system-x86 or run .ci/guest --qemu" >&2
    exit 1
fi

dotnet build "$root/samples/MicroVm" -c Release --artifacts-path "$work/artifacts" -v quiet -nologo >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }
microvm="$work/artifacts/bin/MicroVm/release/MicroVm.dll"
dotnet "$microvm" initramfs --busybox "$guest/busybox" -o "$work/initramfs.cpio"

# Runs "$@" with stdin from /dev/null; prints "MARKER_MS EXIT_MS STATUS" (MARKER_MS is "-" when the marker never came).
# The clock starts just before the process does; bash's EPOCHREALTIME reads it without forking.
timed_boot() {
    local log=$1; shift
    local start=$EPOCHREALTIME marker_ms=- line status
    while IFS= read -r line; do
        printf '%s\n' "$line" >>"$log"
        if [[ $marker_ms == - && $line == *"$marker"* ]]; then
            marker_ms=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
        fi
    # errexit reaches into the process substitution: the status is caught, not allowed to end it before the echo.
    done < <(code=0; timeout "$timeout_seconds" "$@" </dev/null 2>>"$log.err" || code=$?; echo "__exit $code")
    status=$(sed -n 's/^__exit //p' "$log")
    printf '%s %s %s\n' "$marker_ms" "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')" "$status"
}

median() { printf '%s\n' "$@" | grep -v '^-$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rm -f "$work"/*.log "$work"/*.log.err
kvmsharp_marker=() kvmsharp_exit=() qemu_marker=() qemu_exit=()
for ((round = 1; round <= rounds; round++)); do
    read -r m e s < <(timed_boot "$work/microvm-$round.log" dotnet "$microvm" --kernel "$kernel" --initrd "$work/initramfs.cpio" \
        --memory 256M --cpus "$cpus" --cmdline "$cmdline" --stats)
    echo "round $round MicroVm: marker ${m} ms, exit ${e} ms, status $s" >&2
    kvmsharp_marker+=("$m") kvmsharp_exit+=("$e")
    read -r m e s < <(timed_boot "$work/qemu-$round.log" "$qemu" -M microvm -enable-kvm ${KVMSHARP_QEMU_CPU:+-cpu "$KVMSHARP_QEMU_CPU"} \
        -m 256M -smp "$cpus" -nodefaults -no-user-config -nographic -no-reboot -serial stdio \
        -kernel "$kernel" -initrd "$work/initramfs.cpio" -append "$cmdline")
    echo "round $round QEMU:    marker ${m} ms, exit ${e} ms, status $s" >&2
    qemu_marker+=("$m") qemu_exit+=("$e")
done

echo "guest:              $(cat "$guest/kernel-release") ($(basename "$kernel")), $cpus vCPU(s), 256 MiB, $rounds rounds each"
echo "MicroVm to marker:  $(median "${kvmsharp_marker[@]}") ms   (rounds: ${kvmsharp_marker[*]})"
echo "MicroVm to exit:    $(median "${kvmsharp_exit[@]}") ms   (rounds: ${kvmsharp_exit[*]})"
echo "QEMU to marker:     $(median "${qemu_marker[@]}") ms   (rounds: ${qemu_marker[*]})"
echo "QEMU to exit:       $(median "${qemu_exit[@]}") ms   (rounds: ${qemu_exit[*]})"
# MicroVm's --stats lines, summed over its rounds.
cat "$work"/microvm-*.log.err | awk '
    /^stats: reason / { reason[$3] += $4 }
    /^stats: port / { port[$3] += $4 }
    /^stats: exits / { exits += $3 }
    /^stats: allocated bytes\/exit / { bytes += $4 * $6; counted += $6 }
    END {
        printf "MicroVm exits:      %d over all rounds\n", exits
        for (r in reason) printf "  reason %-14s %d\n", r, reason[r]
        for (p in port) if (port[p] * 100 >= exits) printf "  port %-16s %d\n", p, port[p]
        printf "MicroVm bytes/exit: %.3f (steady state: after each vCPU'"'"'s first 2000 exits, %d exits)\n", counted ? bytes / counted : 0, counted
    }'
