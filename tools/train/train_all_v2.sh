#!/usr/bin/env bash
# Trains beat-aami 2.0, rhythm-cinc2017 1.0 and rhythm-af 2.0 side by side (cross-validation + final
# model each), then packs weights, metrics and logs into OUT/results.tar.gz.
#   tools/train/train_all_v2.sh CACHE_DIR OUT_DIR [python]
# CACHE_DIR holds the data packs (written by a first run on a machine with ../shared/data); the GPU
# machine lent to some sessions gets only the packs. Export afterwards with each script's --export
# (Debian's torch 1.13, so the app's libtorch loads the TorchScript files).
set -euo pipefail
cache=$(realpath "$1"); out=$(realpath -m "$2"); py=${3:-python3}
cd "$(dirname "$0")"
mkdir -p "$out"
export PYTHONUNBUFFERED=1
start=$(date +%s)
if [ "${QUICK_FIRST:-0}" = 1 ]; then
  # A few steps of every code path first, so a scarce machine is not spent on a late crash.
  for t in "train_beat_aami_v2.py" "train_rhythm_v2.py --task cinc2017" "train_rhythm_v2.py --task af"; do
    # shellcheck disable=SC2086
    "$py" $t --quick --cache "$cache" --out "$out/quick" > "$out/quick.log" 2>&1 || { tail -30 "$out/quick.log"; exit 1; }
  done
  rm -rf "$out/quick"
  echo "train_all_v2: quick checks passed in $(( $(date +%s) - start )) s"
fi
"$py" train_beat_aami_v2.py --cache "$cache" --out "$out/beat-aami-2.0" > "$out/beat-aami-2.0.log" 2>&1 &
"$py" train_rhythm_v2.py --task cinc2017 --cache "$cache" --out "$out/rhythm-cinc2017" > "$out/rhythm-cinc2017.log" 2>&1 &
"$py" train_rhythm_v2.py --task af --cache "$cache" --out "$out/rhythm-af-2.0" > "$out/rhythm-af-2.0.log" 2>&1 &
status=0
for job in $(jobs -p); do wait "$job" || status=1; done
echo "train_all_v2: done in $(( $(date +%s) - start )) s (status $status)"
tar -czf "$out/results.tar.gz" -C "$out" --exclude results.tar.gz .
exit $status
