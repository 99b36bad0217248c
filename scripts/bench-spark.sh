#!/usr/bin/env bash
# Images per second of the same config trained by the single-process loop, on Spark local[1] (one partition) and on
# Spark local[2] (two partitions, each with ND4J's default threads, and each with OMP_NUM_THREADS=1), run in turn as
# fresh `gan train` processes (round 1: every variant, round 2: every variant, ...). A variant's rate is
# imagesSeen (metrics.jsonl's last train record: all partitions' images) / trainingSeconds (run.json: the training
# loop's time, without JVM and Spark start-up), so every variant counts the same iterations' images; the table gives per variant the median over
# rounds of its rate and of its ratio to the single-process loop's rate in the same round. Monitors, samples and the
# rest of the config's cadences stay as the config sets them.
#   scripts/bench-spark.sh [rounds=3] [iterations=100] [config=configs/fashion-dcgan.yaml]
# iterations is per copy: each of local[2]'s two partitions trains that many, so it sees twice the images.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; iterations="${2:-100}"; config="${3:-$root/configs/fashion-dcgan.yaml}"
log="${LOG:-/tmp/bench-spark-$$.log}"
tmp="$(mktemp -d)"
names=(local spark-1 spark-2 spark-2-omp1)
train() {  # variant output-root
  local name="$1" out="$2"
  local common=(--iterations "$iterations" --set output.runsRoot="$out" --set output.checkpointEvery="$iterations")
  case "$name" in
    local)        "$root/gan" train "$config" "${common[@]}" ;;
    spark-1)      "$root/gan" train "$config" "${common[@]}" --set train.distributed.partitions=1 --spark 'local[1]' ;;
    spark-2)      "$root/gan" train "$config" "${common[@]}" --set train.distributed.partitions=2 --spark 'local[2]' ;;
    spark-2-omp1) OMP_NUM_THREADS=1 "$root/gan" train "$config" "${common[@]}" --set train.distributed.partitions=2 \
                    --spark 'local[2]' ;;
  esac
}
rate() {  # run directory -> images per second of training time
  python3 - "$1" <<'PY'
import json, sys
seconds = json.load(open(f"{sys.argv[1]}/run.json"))["sessions"][-1]["trainingSeconds"]
images = [json.loads(l) for l in open(f"{sys.argv[1]}/metrics.jsonl") if '"type":"train"' in l][-1]["imagesSeen"]
print(f"{images / seconds:.2f}")
PY
}
for ((r = 1; r <= rounds; r++)); do
  for name in "${names[@]}"; do
    out="$tmp/$name-$r"
    train "$name" "$out" >>"$log" 2>&1
    run="$(ls -d "$out"/0*)"
    echo "$name $(rate "$run")" >> "$tmp/round$r"
    echo "round $r: $name $(tail -1 "$tmp/round$r" | cut -d' ' -f2) img/s"
  done
done
python3 - "$tmp" "$rounds" "${names[@]}" <<'PY'
import statistics, sys
tmp, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
per = [dict(l.split() for l in open(f"{tmp}/round{r}")) for r in range(1, rounds + 1)]
print(f"{'variant':14} {'img/s (median)':>15} {'x local (median of rounds)':>28}")
for n in names:
    rate = statistics.median(float(p[n]) for p in per)
    ratio = statistics.median(float(p[n]) / float(p["local"]) for p in per)
    print(f"{n:14} {rate:15.1f} {ratio:28.2f}")
PY
echo "build $(git -C "$root" rev-parse --short HEAD); logs: $log; runs: $tmp"
