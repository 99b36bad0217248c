#!/usr/bin/env bash
# The toolbox's configs side by side at equal iterations: each config trained for ITERS G updates with each seed,
# its last checkpoint scored by gan eval (N samples, the 60k split's feature network, the 10k test split as the
# reference), one line per run: config, seed, FD, KID, precision, recall, density, coverage, training seconds per
# iteration (run.json: wall clock of the training loop, so it includes checkpoints, grids and monitors).
#   scripts/compare-toolbox.sh OUT_DIR [iters=1000] [seeds="1 2"] [n=5000] [configs...]
# The default config runs with train.ema on, and is scored twice: from G (--no-ema: "default") and from its moving
# average ("+ema"); the average does not change training, so this is the default run, bitwise, plus its average.
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: scripts/compare-toolbox.sh OUT_DIR [iters] [seeds] [n] [configs...]}"
iters="${2:-1000}"; seeds="${3:-1 2}"; n="${4:-5000}"; shift $(( $# < 4 ? $# : 4 ))
configs=("$@")
[[ ${#configs[@]} -gt 0 ]] || configs=(fashion-dcgan-60k fashion-hinge-sn fashion-r1-ema fashion-wgan-gp)
mkdir -p "$out"
results="$out/results.tsv"
[[ -f "$results" ]] || printf 'config\tseed\titerations\tn\tfd\tkid\tprecision\trecall\tdensity\tcoverage\ts_per_it\n' > "$results"
score() {  # score LABEL SEED RUN_DIR [eval args...]
  local label="$1" seed="$2" run="$3"; shift 3
  "$root/gan" eval "$run" --n "$n" --json "$@" 2>>"$out/eval.log" > "$out/$label-s$seed.json"
  python3 - "$out/$label-s$seed.json" "$run/run.json" "$label" "$seed" "$iters" "$n" >> "$results" <<'PY'
import json, sys
score = json.load(open(sys.argv[1]))[0]
runs = json.load(open(sys.argv[2]))
entries = runs["sessions"]
seconds = sum(e.get("trainingSeconds", 0) for e in entries)
label, seed, iters, n = sys.argv[3:7]
print("\t".join([label, seed, iters, n] + [f"{score[k]:.4f}" for k in
      ("fd", "kid", "precision", "recall", "density", "coverage")] + [f"{seconds / int(iters):.3f}"]))
PY
}
for seed in $seeds; do
  for config in "${configs[@]}"; do
    dir="$out/$config-s$seed"
    extra=()
    [[ "$config" == fashion-dcgan-60k ]] && extra=(--set train.ema.halfLifeImages=10000)
    if [[ ! -f "$dir/done" ]]; then
      rm -rf "$dir"
      "$root/gan" train "$root/configs/$config.yaml" --iterations "$iters" --set "train.seed=$seed" \
        --set "output.runsRoot=$dir" --set "output.checkpointEvery=$iters" "${extra[@]}" >"$out/$config-s$seed.log" 2>&1
      touch "$dir/done"
    fi
    run="$(ls -d "$dir"/0*)"
    if [[ "$config" == fashion-dcgan-60k ]]; then
      score default "$seed" "$run" --no-ema
      score +ema "$seed" "$run"
    else
      score "${config#fashion-}" "$seed" "$run"
    fi
    tail -n 1 "$results"
  done
done
