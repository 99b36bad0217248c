#!/usr/bin/env bash
# Writes a folder of synthetic 256x256 JPEGs (circles, squares, triangles on gradients, one subfolder per shape)
# to try configs/folder-dcgan-64.yaml without pictures of your own, or to benchmark the image loader.
#   scripts/make-shapes-folder.sh COUNT FOLDER [SIZE=256] [SEED=1]
#   scripts/make-shapes-folder.sh 2000 my-images
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/gan" --help >/dev/null   # builds gan-core and gan-examples when needed
target="$root/gan-core/target"
exec java -cp "$root/gan-examples/target/gan-examples.jar:$target/gan-core.jar:$(cat "$target/classpath.txt")" \
  dev.jvmgan.examples.ShapesFolder "$@"
