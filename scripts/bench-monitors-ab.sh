#!/usr/bin/env bash
# Cost of the monitors at a config's cadence: `gan bench` with and without --monitors, in turn as fresh
# processes, then the median of the per-pair ratios of mean throughput (img_per_s: checks are spikes every
# monitors.every iterations, which a median of iteration times would hide).
#   scripts/bench-monitors-ab.sh [pairs=3] [batch=64] [iters=200] [config=configs/fashion-dcgan.yaml]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs="${1:-3}"; batch="${2:-64}"; iters="${3:-200}"; config="${4:-$root/configs/fashion-dcgan.yaml}"
rate() { grep -o ' img_per_s=[0-9.]*' | cut -d= -f2; }
ratios=()
for ((i = 1; i <= pairs; i++)); do
  off=$("$root/gan" bench "$config" --batch "$batch" --warmup 10 --iters "$iters" 2>/dev/null | rate)
  on=$("$root/gan" bench "$config" --monitors --batch "$batch" --warmup 10 --iters "$iters" 2>/dev/null | rate)
  ratio=$(python3 -c "print(f'{$on / $off:.4f}')")
  ratios+=("$ratio")
  echo "pair $i: monitors off $off img/s, on $on img/s, on/off $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median on/off throughput ratio over $pairs pairs: $median (overhead $(python3 -c "print(f'{(1 - $median) * 100:.1f}%')"))"
