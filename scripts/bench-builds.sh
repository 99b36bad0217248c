#!/usr/bin/env bash
# Side-by-side throughput of two builds of this toolkit: `gan bench` of another checkout (the previous build, e.g. a
# `git worktree add /tmp/prev COMMIT`) and of this one, run in turn A B A B ... as fresh processes, then the median
# of the per-pair ratios (this / other) per batch size, by mean throughput (img_per_s) with the monitors on. Each
# build runs its own configs/fashion-dcgan.yaml (an older build does not know newer keys).
#   scripts/bench-builds.sh OTHER_CHECKOUT [pairs=3] [batch sizes="64 128"] [warmup=20] [iters=100]
#   SIZE=64 scripts/bench-builds.sh ...   each build's configs/folder-dcgan-64.yaml on synthetic 64x64 shapes instead
#   (scripts/bench-sides.sh; the other build needs that config)
#   PRECISION=bf16 scripts/bench-builds.sh ...   this build with train.precision=bf16 (the other as it is)
#   PRECISION=bf16 PRECISION_BOTH=1 scripts/bench-builds.sh ...   both builds with it (both must know the key)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${SIZE:-28}"
other="${1:?usage: scripts/bench-builds.sh OTHER_CHECKOUT [pairs] [batch sizes] [warmup] [iters]}"
pairs="${2:-3}"; batches="${3:-64 128}"; warmup="${4:-20}"; iters="${5:-100}"
log="${LOG:-/tmp/bench-builds-$$.log}"
[[ -x "$other/gan" ]] || { echo "no ./gan in $other" >&2; exit 2; }
rate() { grep -o " img_per_s=[0-9.]*" | cut -d= -f2; }
this="$root"
# Each build through bench-sides.sh's toolkit() with root set to its checkout (the peer is not run here).
precision_root="$this"
[[ -n "${PRECISION_BOTH:-}" ]] && precision_root=""
bench() { (root="$1"; PEER="$this/bench/torch_dcgan.py"; PRECISION_ROOT="$precision_root"; source "$this/scripts/bench-sides.sh"
  toolkit "$size" --monitors --batch "$2" --warmup "$warmup" --iters "$iters") 2>>"$log" | tee -a "$log" | rate; }
for b in $batches; do
  ratios=()
  for ((i = 1; i <= pairs; i++)); do
    theirs=$(bench "$other" "$b")
    ours=$(bench "$root" "$b")
    ratio=$(python3 -c "print(f'{$ours / $theirs:.3f}')")
    ratios+=("$ratio")
    echo "size $size batch $b pair $i: this build $ours img/s, other build $theirs img/s, ratio $ratio"
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  echo "size $size batch $b: median ratio this/other = $median over $pairs pairs (img_per_s, monitors on)"
done
echo "other build: $other ($(git -C "$other" rev-parse --short HEAD)); this: $(git -C "$root" rev-parse --short HEAD); raw RESULT lines: $log"
