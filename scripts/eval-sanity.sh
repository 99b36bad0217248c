#!/usr/bin/env bash
# The sanity table of `gan eval`: scores that must order as expected, measured under one config's protocol.
# Writes three IDX files of 28x28 images (uniform noise; one real image repeated; ten real images repeated, all
# from Fashion-MNIST's training split), then scores, against CONFIG's data: the training split's first N images,
# those three files, and every checkpoint of RUN_DIR (if given).
#   scripts/eval-sanity.sh [CONFIG=configs/fashion-dcgan-60k.yaml] [RUN_DIR] [N=10000]
# Needs Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist) and python3 (standard library only).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${1:-$root/configs/fashion-dcgan-60k.yaml}"; run="${2:-}"; n="${3:-10000}"
train=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
out="$root/outputs/eval-sanity"
mkdir -p "$out"
python3 - "$train" "$out" "$n" <<'PY'
import gzip, random, struct, sys
train, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
side = 28
with gzip.open(train, "rb") as f:
    f.read(16)
    first = f.read(10 * side * side)
def write(name, images):
    with open(f"{out}/{name}-images-idx3-ubyte", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, len(images), side, side))
        f.writelines(images)
noise = random.Random(0)
write("noise", [noise.randbytes(side * side) for _ in range(n)])
write("one", [first[:side * side]] * n)
write("ten", [first[(i % 10) * side * side:(i % 10 + 1) * side * side] for i in range(n)])
PY
echo "== real and degenerate images against $(basename "$config")'s data, n = $n"
"$root/gan" eval "$train" "$out/noise-images-idx3-ubyte" "$out/one-images-idx3-ubyte" "$out/ten-images-idx3-ubyte" \
  --against "$config" --n "$n"
if [[ -n "$run" ]]; then
  echo "== every checkpoint of $run, against $(basename "$config")'s data"
  "$root/gan" eval "$run" --all --against "$config" --n "$n"
fi
