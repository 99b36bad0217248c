#!/usr/bin/env bash
# Writes the first COUNT images of an IDX file as grey PNGs into FOLDER, one subfolder per class: a small data set
# for configs/folder-small-diffaugment.yaml. The default file is Debian's Fashion-MNIST training split
# (apt-get install dataset-fashion-mnist).
#   scripts/make-fashion-subset.sh COUNT FOLDER [IMAGES_FILE]
#   scripts/make-fashion-subset.sh 1000 fashion-1k
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/gan" --help >/dev/null   # builds gan-core and gan-examples when needed
target="$root/gan-core/target"
exec java -cp "$root/gan-examples/target/gan-examples.jar:$target/gan-core.jar:$(cat "$target/classpath.txt")" \
  dev.jvmgan.examples.IdxSubsetFolder "$@"
