#!/usr/bin/env bash
# The cost of one VM exit, C# against C: builds HelloVm (Release) and vmm.c (gcc -O2), runs the same
# exit-loop guest under each for N port-I/O exits, and prints both ns/exit, their ratio, and what the C#
# loop allocated per exit. Usage: bench/exits/run.sh [N]   (N defaults to 1000000)
# The two alternate for $KVMSHARP_BENCH_ROUNDS rounds (default 3) and each reports its median: exit cost
# drifts with the host (more so under nested virtualization), and alternating spreads the drift over both.
# Builds go to $KVMSHARP_BENCH_DIR (default: a folder under $TMPDIR), kept so that a rerun is quick.
set -euo pipefail

exits=${1:-1000000}
rounds=${KVMSHARP_BENCH_ROUNDS:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${KVMSHARP_BENCH_DIR:-${TMPDIR:-/tmp}/kvmsharp-bench-exits}
mkdir -p "$work"

if [[ ! -e /dev/kvm ]]; then
    echo "bench/exits: /dev/kvm does not exist: this machine has no KVM" >&2
    exit 1
fi

gcc -O2 -Wall -Wextra -o "$work/vmm" "$root/bench/exits/vmm.c"
dotnet build "$root/samples/HelloVm" -c Release --artifacts-path "$work/artifacts" -v quiet -nologo >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }
hellovm="$work/artifacts/bin/HelloVm/release/HelloVm.dll"

# Each prints "exits: N, ns/exit: X[, allocated bytes/exit: Y]" as its last line.
field() { sed -n "s|.*$1: \([0-9.]*\).*|\1|p" <<<"$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

csharp_ns=() c_ns=() csharp_bytes=()
for ((round = 1; round <= rounds; round++)); do
    csharp=$(dotnet "$hellovm" --exits "$exits" | tail -n 1)
    c=$("$work/vmm" "$exits" | tail -n 1)
    csharp_ns+=("$(field "ns/exit" "$csharp")")
    csharp_bytes+=("$(field "allocated bytes/exit" "$csharp")")
    c_ns+=("$(field "ns/exit" "$c")")
done

csharp_median=$(median "${csharp_ns[@]}")
c_median=$(median "${c_ns[@]}")
echo "exits:          $exits per run, $rounds rounds each"
echo "C# ns/exit:     $csharp_median   (rounds: ${csharp_ns[*]})"
echo "C ns/exit:      $c_median   (rounds: ${c_ns[*]})"
echo "ratio C#/C:     $(awk -v a="$csharp_median" -v b="$c_median" 'BEGIN { printf "%.3f", a / b }')"
echo "C# bytes/exit:  $(median "${csharp_bytes[@]}")   (rounds: ${csharp_bytes[*]})"
