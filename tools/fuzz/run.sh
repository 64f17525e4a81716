#!/usr/bin/env bash
# Runs every libFuzzer harness for MINUTES each (default 10) from the seeds in
# tools/fuzz/seeds plus real files from the shared data folder, in a clang build with
# ASan + UBSan (build-fuzz/). Crashes, leaks of time (-timeout) and allocations above
# 500 MB are findings: libFuzzer leaves them as build-fuzz/findings/NAME/crash-* etc.;
# copy each into tests as a regression input once fixed.
#   tools/fuzz/run.sh [MINUTES] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${1:-10}
SECONDS_EACH=$(awk "BEGIN { print int($MINUTES * 60) }")
shift || true
BUILD=${CARDIOLENS_FUZZ_BUILD_DIR:-build-fuzz}
SHARED=${CARDIOLENS_SHARED_DATA:-../shared/data}
if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCARDIOLENS_FUZZ=ON -DCARDIOLENS_WITH_TORCH=OFF -DCARDIOLENS_BUILD_TESTS=OFF
fi
HARNESSES=("$@")
if [ ${#HARNESSES[@]} -eq 0 ]; then
  HARNESSES=(fuzz_wfdb_header fuzz_wfdb_record fuzz_mit_annotations fuzz_edf fuzz_csv fuzz_dicom_ecg)
fi
cmake --build "$BUILD" --target "${HARNESSES[@]}"

# Extra seeds from real files (small ones; libFuzzer caps the input length anyway).
seed() { # seed HARNESS FILE...
  local dir="$BUILD/seeds-shared/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -f "$f" "$dir/" || true; done
}
if [ -d "$SHARED" ]; then
  seed fuzz_wfdb_header $(find "$SHARED/ecg" -name '*.hea' -size -8k | head -200)
  seed fuzz_mit_annotations $(find "$SHARED/ecg" -name '*.atr' -size -64k | head -50)
  seed fuzz_dicom_ecg $(find "$SHARED/ecg/dicom" -name '*.dcm' | head -5)
  seed fuzz_dicom_structure $(find "$SHARED/imaging" -name '*.dcm' -size -300k | head -20)
  seed fuzz_nifti_header $(find "$SHARED/imaging" -name '*.nii*' -size -2M | head -10)
  seed fuzz_metaimage_header $(find "$SHARED/imaging" -name '*.mh[ad]' -size -2M | head -10)
  seed fuzz_csv $(find "$SHARED/ecg" -name '*.csv' -size -256k | head -10)
fi

export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
printf '%-24s %12s %8s %10s %s\n' harness executions cov features findings
for h in "${HARNESSES[@]}"; do
  corpus="$BUILD/corpus/$h"; findings="$BUILD/findings/$h"
  mkdir -p "$corpus" "$findings" "$BUILD/seeds-shared/$h"
  dict=(); [ -f "tools/fuzz/$h.dict" ] && dict=(-dict="tools/fuzz/$h.dict")
  log="$BUILD/findings/$h.log"
  "$BUILD/bin/$h" -max_total_time="$SECONDS_EACH" -rss_limit_mb=600 -malloc_limit_mb=500 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$findings/" "${dict[@]}" \
    "$corpus" "tools/fuzz/seeds/$h" "$BUILD/seeds-shared/$h" > "$log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-24s %12s %8s %10s %s\n' "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
    "$(ls "$findings" | wc -l)"
done
