#!/usr/bin/env bash
# Configures and builds Cardiolens into build/ (incremental; ccache when present).
# Shared by the two README commands; usable on its own: packaging/build.sh [cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${CARDIOLENS_BUILD_DIR:-build}
JOBS=${CARDIOLENS_JOBS:-$(nproc)}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
elif [ $# -gt 0 ]; then
  cmake -S . -B "$BUILD_DIR" "$@"
fi
start=$(date +%s)
cmake --build "$BUILD_DIR" -j "$JOBS"
echo "build: done in $(( $(date +%s) - start )) s ($BUILD_DIR)"
