#!/usr/bin/env bash
# Images per second the streaming folder loader delivers, alone (no training), as the median of ROUNDS fresh
# processes, against a folder of synthetic 256x256 JPEGs decoded to 64x64 RGB (made once, then reused).
#   scripts/bench-loader.sh [rounds=3] [count=2000] [threads=2] [batch=64] [folder=/tmp/jvm-gan-shapes-COUNT] [batches=60]
# Prints each round's RESULT line (img_per_s, peak RSS, live heap) and the median img/s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; count="${2:-2000}"; threads="${3:-2}"; batch="${4:-64}"
folder="${5:-/tmp/jvm-gan-shapes-$count}"
if [[ ! -d "$folder" ]]; then
  "$root/scripts/make-shapes-folder.sh" "$count" "$folder" 256 1
fi
iters="${6:-60}"   # timed batches; more than an epoch is fine, the source goes on into the next
rates=()
for ((i = 1; i <= rounds; i++)); do
  line=$("$root/gan" bench "$root/configs/folder-dcgan-64.yaml" --loader --batch "$batch" --warmup 3 --iters "$iters" \
    --set "data.path=$folder" --set "data.loaderThreads=$threads" 2>/dev/null | grep '^RESULT')
  echo "$line"
  rates+=("$(grep -o ' img_per_s=[0-9.]*' <<<"$line" | cut -d= -f2)")
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median over $rounds rounds: $median img/s ($threads loader threads, batch $batch, $count files in $folder)"
