#!/usr/bin/env bash
# Packs the finished runs of a study directory that no archive in DEST holds yet into one new archive there, keeping
# what the study's tables, claims and pages read (config.yaml, run.json, metrics.jsonl, eval.jsonl) and leaving out
# checkpoints, samples and charts. A study continues from the archives on another machine:
#   scripts/study-archive.sh STUDY_DIR [DEST=study/full]          pack
#   scripts/study-archive.sh --restore STUDY_DIR [DEST=study/full]  unpack every archive into STUDY_DIR/runs
# then `./gan study activations --out STUDY_DIR` trains only what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${1:-}" == "--restore" ]]; then
  out="${2:?usage: scripts/study-archive.sh --restore STUDY_DIR [DEST]}"; dest="${3:-$root/study/full}"
  mkdir -p "$out/runs"
  for archive in "$dest"/records-*.tar.xz; do
    [[ -e "$archive" ]] || continue
    tar -xJf "$archive" -C "$out/runs"
  done
  echo "$(ls "$out/runs" | wc -l) run directories in $out/runs"
  exit 0
fi
out="${1:?usage: scripts/study-archive.sh STUDY_DIR [DEST]}"; dest="${2:-$root/study/full}"
mkdir -p "$dest"
held="$(mktemp)"; trap 'rm -f "$held" "$held.list"' EXIT
for archive in "$dest"/records-*.tar.xz; do
  [[ -e "$archive" ]] && tar -tJf "$archive" | cut -d/ -f1 | sort -u >> "$held"
done
: > "$held.list"
for run in "$out"/runs/*/; do
  name="$(basename "$run")"
  grep -qx "$name" "$held" && continue
  # Finished (scored at its last iteration) or diverged: the study keeps both; unfinished runs are trained again.
  grep -q '"outcome" *: *"\(finished\|failed: iteration\)' "$run/run.json" 2>/dev/null || continue
  for f in config.yaml run.json metrics.jsonl eval.jsonl; do
    [[ -f "$run/$f" ]] && echo "$name/$f" >> "$held.list"
  done
done
if [[ ! -s "$held.list" ]]; then
  echo "nothing new to archive in $out"; exit 0
fi
archive="$dest/records-$(date -u +%Y%m%d-%H%M%S).tar.xz"
tar -cJf "$archive" -C "$out/runs" -T "$held.list"
echo "$archive: $(cut -d/ -f1 "$held.list" | sort -u | wc -l) runs, $(du -h "$archive" | cut -f1)"
