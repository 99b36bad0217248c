#!/usr/bin/env bash
# Scaling curves of both systems from one run: images/s and peak RSS against batch size, for the 28x28 reference
# DCGAN and the 64x64 RGB DCGAN (scripts/bench-sides.sh says on which data). For every point the toolkit and the
# PyTorch peer run in turn as fresh processes; ROUNDS rounds go over all points, so drift on a shared machine
# spreads over all of them, and each point takes the median of its rounds.
#   scripts/bench-scaling.sh [out dir=/tmp/bench-scaling-YYYYMMDD-HHMM]
# Environment (defaults): ROUNDS (3), BATCHES28 ("32 64 128 256 512"), BATCHES64 ("32 64 128 256"),
#   WARMUP28 ITERS28 (5 20), WARMUP64 ITERS64 (2 6), CONFIG28 (configs/fashion-dcgan-60k.yaml: the peer's 60k
#   images, so both hold the same data), PEER, SHAPES64, and the launcher's GAN_XMX GAN_OFFHEAP GAN_PHYSICAL.
# Writes into the out dir: runs.csv (every run), scaling.csv (medians, ratio = jvm-gan / PyTorch img/s),
# scaling.md (the same as a Markdown table), scaling.png (gnuplot), and the raw output in runs.log.
# A run that fails (say, the toolkit out of its memory limits at a big batch) is a row with status=failed.
# Needs: apt-get install -y python3-torch libopenblas0-pthread dataset-fashion-mnist gnuplot-nox
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG28="${CONFIG28:-$root/configs/fashion-dcgan-60k.yaml}"
source "$root/scripts/bench-sides.sh"
out="${1:-/tmp/bench-scaling-$(date +%Y%m%d-%H%M)}"
rounds="${ROUNDS:-3}"
declare -A batches=([28]="${BATCHES28:-32 64 128 256 512}" [64]="${BATCHES64:-32 64 128 256}")
declare -A warmup=([28]="${WARMUP28:-5}" [64]="${WARMUP64:-2}") iters=([28]="${ITERS28:-20}" [64]="${ITERS64:-6}")
command -v gnuplot >/dev/null || echo "no gnuplot: the CSV and table only (apt-get install -y gnuplot-nox)" >&2
mkdir -p "$out"
echo "image_size,batch,round,impl,img_per_s_median,img_per_s,peak_rss_mb,status" > "$out/runs.csv"

record() {   # record SIZE BATCH ROUND IMPL OUTPUT
  local line rate mean rss
  line=$(grep '^RESULT' <<<"$5" || true)
  if [[ -z "$line" ]]; then
    echo "$1,$2,$3,$4,,,,failed" >> "$out/runs.csv"
    echo "  $4: failed (see $out/runs.log)"
    return
  fi
  rate=$(grep -o ' img_per_s_median=[0-9.]*' <<<"$line" | cut -d= -f2)
  mean=$(grep -o ' img_per_s=[0-9.]*' <<<"$line" | cut -d= -f2)
  rss=$(grep -o ' peak_rss_mb=[0-9.]*' <<<"$line" | cut -d= -f2)
  echo "$1,$2,$3,$4,$rate,$mean,$rss,ok" >> "$out/runs.csv"
  echo "  $4: $rate img/s (median iteration), peak RSS $rss MB"
}

for ((round = 1; round <= rounds; round++)); do
  for size in 28 64; do
    for b in ${batches[$size]}; do
      echo "round $round, ${size}x${size}, batch $b"
      args=(--batch "$b" --warmup "${warmup[$size]}" --iters "${iters[$size]}")
      record "$size" "$b" "$round" jvm-gan "$(toolkit "$size" "${args[@]}" 2>&1 | tee -a "$out/runs.log" || true)"
      record "$size" "$b" "$round" pytorch "$(peer "$size" "${args[@]}" 2>&1 | tee -a "$out/runs.log" || true)"
    done
  done
done

# Medians per point; the plain python3 is enough here (no torch).
python3 - "$out" <<'PY'
import csv, statistics, sys
out = sys.argv[1]
runs = [r for r in csv.DictReader(open(f"{out}/runs.csv")) if r["status"] == "ok"]
def median(size, batch, impl, key):
    xs = [float(r[key]) for r in runs if (r["image_size"], r["batch"], r["impl"]) == (size, batch, impl)]
    return statistics.median(xs) if xs else None
points = sorted({(r["image_size"], r["batch"]) for r in runs}, key=lambda p: (int(p[0]), int(p[1])))
rows = []
for size, batch in points:
    j, t = median(size, batch, "jvm-gan", "img_per_s_median"), median(size, batch, "pytorch", "img_per_s_median")
    rows.append([size, batch, j, t, j / t if j and t else None,
                 median(size, batch, "jvm-gan", "peak_rss_mb"), median(size, batch, "pytorch", "peak_rss_mb")])
fmt = lambda x, spec: "" if x is None else format(x, spec)
with open(f"{out}/scaling.csv", "w") as f:
    f.write("image_size,batch,jvm_img_per_s,torch_img_per_s,ratio,jvm_peak_rss_mb,torch_peak_rss_mb\n")
    for s, b, j, t, r, jr, tr in rows:
        f.write(f"{s},{b},{fmt(j, '.1f')},{fmt(t, '.1f')},{fmt(r, '.3f')},{fmt(jr, '.0f')},{fmt(tr, '.0f')}\n")
with open(f"{out}/scaling.md", "w") as f:
    f.write("| image | batch | jvm-gan img/s | PyTorch img/s | ratio | jvm-gan peak RSS MB | PyTorch peak RSS MB |\n")
    f.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for s, b, j, t, r, jr, tr in rows:
        f.write(f"| {s}x{s} | {b} | {fmt(j, '.0f')} | {fmt(t, '.0f')} | {fmt(r, '.2f')}x | {fmt(jr, '.0f')} | "
                f"{fmt(tr, '.0f')} |\n")
PY

if command -v gnuplot >/dev/null; then
  gnuplot <<GNUPLOT
set terminal pngcairo size 1200,800 font ",10"
set output "$out/scaling.png"
set datafile separator ","
set key top left
set logscale x 2
set grid
set yrange [0:*]
set xlabel "batch size"
set multiplot layout 2,2 title "jvm-gan and its PyTorch peer, 2 threads: medians of $rounds round(s), $(date +%F)"
do for [size in "28 64"] {
  set ylabel "images/s (median iteration)"
  set title sprintf("DCGAN %sx%s: throughput", size, size)
  plot "$out/scaling.csv" every ::1 using 2:(\$1==size+0 ? \$3 : 1/0) with linespoints lw 2 title "jvm-gan", \
       "" every ::1 using 2:(\$1==size+0 ? \$4 : 1/0) with linespoints lw 2 title "PyTorch"
}
do for [size in "28 64"] {
  set ylabel "peak RSS (MB)"
  set title sprintf("DCGAN %sx%s: peak RSS", size, size)
  plot "$out/scaling.csv" every ::1 using 2:(\$1==size+0 ? \$6 : 1/0) with linespoints lw 2 title "jvm-gan", \
       "" every ::1 using 2:(\$1==size+0 ? \$7 : 1/0) with linespoints lw 2 title "PyTorch"
}
unset multiplot
GNUPLOT
fi
cat "$out/scaling.md"
echo "wrote $out: runs.csv runs.log scaling.csv scaling.md$(command -v gnuplot >/dev/null && echo " scaling.png")"
