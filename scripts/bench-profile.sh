#!/usr/bin/env bash
# Where each system's time goes, in one table: `gan bench --profile` (ND4J's op profiler) and the PyTorch peer's
# `--profile` (torch.autograd.profiler), each over the same timed iterations of the same DCGAN, with op time in the
# same categories (bench/README.md says what each holds). One fresh process each; profilers slow both sides, so the
# table shows where time goes, not how fast either runs (that is scripts/bench-ab.sh).
#   scripts/bench-profile.sh [batch=64] [warmup=10] [iters=20] [image size=28|64]
# Prints a Markdown table: per category the milliseconds per iteration and the share of the timed wall time of
# each side, then the total and peak RSS. Raw output: LOG (default /tmp/bench-profile-PID.log).
# Needs: apt-get install -y python3-torch libopenblas0-pthread dataset-fashion-mnist
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/bench-sides.sh"
batch="${1:-64}"; warmup="${2:-10}"; iters="${3:-20}"; size="${4:-28}"
log="${LOG:-/tmp/bench-profile-$$.log}"
ours=$(toolkit "$size" --profile --batch "$batch" --warmup "$warmup" --iters "$iters" 2>>"$log" | tee -a "$log")
theirs=$(peer "$size" --profile --batch "$batch" --warmup "$warmup" --iters "$iters" 2>>"$log" | tee -a "$log")
grep -q '^PROFILE category=total' <<<"$ours" || { echo "gan bench --profile printed no table; see $log" >&2; exit 1; }
grep -q '^PROFILE category=total' <<<"$theirs" || { echo "the peer printed no table; see $log" >&2; exit 1; }

field() { grep -o " $1=[0-9.]*" | cut -d= -f2; }
row() {   # row CATEGORY: the category's ms and share on both sides
  local a b
  a=$(grep "^PROFILE category=$1 " <<<"$ours" || true)
  b=$(grep "^PROFILE category=$1 " <<<"$theirs" || true)
  printf '| %s | %s | %s | %s | %s |\n' "${1//_/ }" "$(field ms <<<"$a")" "$(field share <<<"$a")" \
    "$(field ms <<<"$b")" "$(field share <<<"$b")"
}
echo "DCGAN ${size}x${size}, batch $batch, $warmup warm-up + $iters profiled iterations; ms per iteration:"
echo
echo "| category | jvm-gan ms | jvm-gan share | PyTorch ms | PyTorch share |"
echo "| --- | ---: | ---: | ---: | ---: |"
for category in $(grep -o '^PROFILE category=[a-z_]*' <<<"$ours" | cut -d= -f2); do
  row "$category"
done
printf '| peak RSS (MB) | %s | | %s | |\n' "$(grep '^RESULT' <<<"$ours" | field peak_rss_mb)" \
  "$(grep '^RESULT' <<<"$theirs" | field peak_rss_mb)"
echo
echo "Ops in each category: $log"
