#!/usr/bin/env bash
# Side-by-side throughput: this toolkit's `gan bench` against the project's PyTorch peer (bench/torch_dcgan.py), run
# in turn A B A B ... as fresh processes, then the median of the per-pair ratios per batch size.
#   scripts/bench-ab.sh [pairs=3] [batch sizes="64 128"] [warmup=10] [iters=30]
#   MONITORS=1 scripts/bench-ab.sh ...   the toolkit with its monitors on at the default cadence; both sides are then
#     compared by mean throughput (img_per_s), since a median of iteration times would hide the checks' spikes.
#   SIZE=64 scripts/bench-ab.sh ...      the 64x64 RGB DCGAN instead of the 28x28 one (scripts/bench-sides.sh)
#   PEER=../shared/bench/torch_dcgan.py scripts/bench-ab.sh ...   another peer script with the same options
# Needs: apt-get install -y python3-torch libopenblas0-pthread dataset-fashion-mnist
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs="${1:-3}"; batches="${2:-64 128}"; warmup="${3:-10}"; iters="${4:-30}"
source "$root/scripts/bench-sides.sh"
size="${SIZE:-28}"
log="${LOG:-/tmp/bench-ab-$$.log}"
monitors=(); metric=img_per_s_median
if [[ -n "${MONITORS:-}" ]]; then monitors=(--monitors); metric=img_per_s; fi
rate() { grep -o " $metric=[0-9.]*" | cut -d= -f2; }
for b in $batches; do
  ratios=()
  for ((i = 1; i <= pairs; i++)); do
    ours=$(toolkit "$size" "${monitors[@]}" --batch "$b" --warmup "$warmup" --iters "$iters" 2>>"$log" | tee -a "$log" \
      | rate)
    theirs=$(peer "$size" --batch "$b" --warmup "$warmup" --iters "$iters" | tee -a "$log" | rate)
    ratio=$(python3 -c "print(f'{$ours / $theirs:.3f}')")
    ratios+=("$ratio")
    echo "batch $b pair $i: jvm-gan $ours img/s, pytorch $theirs img/s, ratio $ratio"
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  echo "batch $b: median ratio jvm-gan/pytorch = $median over $pairs pairs ($metric${MONITORS:+, monitors on})"
done
echo "peer: $peer_script; raw RESULT lines: $log"
