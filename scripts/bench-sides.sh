# Sourced by the bench scripts: how to run this toolkit and the PyTorch peer on the same DCGAN at an image size.
#   28: the reference DCGAN; the toolkit on Fashion-MNIST (CONFIG28, default its embedded 10k test split), the peer
#       on the 60k training split (throughput does not depend on which images).
#   64: configs/folder-dcgan-64.yaml; the toolkit on a folder of synthetic 64x64 shapes (made once in SHAPES64),
#       decoded once into its disk cache so that no decoding competes with training, without flips; the peer on
#       synthetic images (--arch dcgan64).
# PEER overrides the peer script (default: bench/torch_dcgan.py of this checkout).
# shellcheck shell=bash
peer_script="${PEER:-$root/bench/torch_dcgan.py}"
[[ -f "$peer_script" ]] || { echo "no PyTorch peer at $peer_script (set PEER=...)" >&2; exit 2; }

# toolkit SIZE ARGS...: gan bench on the DCGAN of that image size.
toolkit() {
  local size="$1"; shift
  # PRECISION=bf16: the toolkit's convolutions in bf16 (train.precision), for the build at PRECISION_ROOT (default:
  # any build this is called for; scripts/bench-builds.sh sets it to its own checkout, as older builds lack the key).
  if [[ -n "${PRECISION:-}" && "$root" == "${PRECISION_ROOT:-$root}" ]]; then
    set -- "$@" --set "train.precision=$PRECISION"
  fi
  case "$size" in
    28) "$root/gan" bench "${CONFIG28:-$root/configs/fashion-dcgan.yaml}" "$@" ;;
    64) shapes_folder
        "$root/gan" bench "$root/configs/folder-dcgan-64.yaml" --set "data.path=$SHAPES64" --set data.cache=disk \
          --set data.flip=false "$@" ;;
    *) echo "image size $size: 28 or 64" >&2; return 2 ;;
  esac
}

# peer SIZE ARGS...: the PyTorch peer on the DCGAN of that image size, on 2 threads with OpenBLAS, with the glibc
# malloc settings ./gan gives the toolkit (the peer sets GOMP_SPINCOUNT itself), so both sides allocate alike.
# PEER_BF16=1: the peer under PyTorch's CPU autocast to bfloat16 (its --bf16), to compare with PRECISION=bf16.
peer() {
  local size="$1"; shift
  MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-268435456}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-1073741824}" \
    MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}" \
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 "$peer_script" --arch "dcgan$size" \
    --threads 2 ${PEER_BF16:+--bf16} "$@"
}

SHAPES64="${SHAPES64:-/tmp/jvm-gan-shapes64-2048}"
shapes_folder() {
  if [[ ! -d "$SHAPES64" ]]; then
    "$root/scripts/make-shapes-folder.sh" 2048 "$SHAPES64" 64 1 >&2
  fi
}
