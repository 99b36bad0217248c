#!/usr/bin/env bash
# What the toolbox costs per iteration: `gan bench` of each variant of the 60k default config, run in turn as fresh
# processes (round 1: every variant, round 2: every variant, ...), then per variant the median over rounds of its
# mean milliseconds per G iteration (from img_per_s at batch 64, so lazy R1's one iteration in 16 counts) and of its
# ratio to the default's in the same round. Monitors on at the default cadence. A G iteration of WGAN-GP holds 5
# critic steps, so its time is per G update, as the training loop counts iterations.
#   scripts/bench-toolbox.sh [rounds=3] [warmup=16] [iters=160]
# iters a multiple of 16 gives the lazy R1 (every 16 D steps) its exact share of penalty passes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; warmup="${2:-16}"; iters="${3:-160}"
log="${LOG:-/tmp/bench-toolbox-$$.log}"
base="$root/configs/fashion-dcgan-60k.yaml"
names=(default +ema +r1 +sn-d hinge-sn r1-ema wgan-gp)
args() {  # the gan bench arguments of a variant
  case "$1" in
    default)  echo "$base" ;;
    +ema)     echo "$base --set train.ema.halfLifeImages=10000" ;;
    +r1)      echo "$base --set train.penalty.type=r1 --set train.penalty.gamma=0.1 --set train.penalty.every=16" ;;
    +sn-d)    echo "$base --set model.discriminator.spectralNorm=true" ;;
    hinge-sn) echo "$root/configs/fashion-hinge-sn.yaml" ;;
    r1-ema)   echo "$root/configs/fashion-r1-ema.yaml" ;;
    wgan-gp)  echo "$root/configs/fashion-wgan-gp.yaml" ;;
  esac
}
tmp="$(mktemp -d)"
for ((r = 1; r <= rounds; r++)); do
  for name in "${names[@]}"; do
    # shellcheck disable=SC2046
    rate=$("$root/gan" bench $(args "$name") --monitors --warmup "$warmup" --iters "$iters" 2>>"$log" | tee -a "$log" \
      | grep -o ' img_per_s=[0-9.]*' | cut -d= -f2)
    ms=$(python3 -c "print(f'{64000 / $rate:.1f}')")  # mean over the timed iterations: lazy R1's 1 in 16 counts
    echo "$name $ms" >> "$tmp/round$r"
    echo "round $r: $name ${ms} ms per G iteration (mean)"
  done
done
python3 - "$tmp" "$rounds" "${names[@]}" <<'PY'
import statistics, sys
tmp, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
per = [dict(l.split() for l in open(f"{tmp}/round{r}")) for r in range(1, rounds + 1)]
print(f"{'variant':10} {'ms/G-iter (mean)':>18} {'x default (median of rounds)':>30}")
for n in names:
    ms = statistics.median(float(p[n]) for p in per)
    ratio = statistics.median(float(p[n]) / float(p["default"]) for p in per)
    print(f"{n:10} {ms:18.1f} {ratio:30.2f}")
PY
echo "build $(git -C "$root" rev-parse --short HEAD); raw RESULT lines: $log"
