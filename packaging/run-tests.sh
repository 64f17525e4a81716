#!/usr/bin/env bash
# README command 2: install what is needed, build, and run the whole test suite.
# GUI tests need an X server: this script starts Xvfb itself. Extra arguments go to ctest
# (e.g. -L core, -R cli).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh

XVFB_PID=""
cleanup() { [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true; }
trap cleanup EXIT
# A private display number per run, so parallel runs and a user's session don't collide.
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X${n}-lock" ] && [ ! -e "/tmp/.X11-unix/X${n}" ]; then DISPLAY_NUM=$n; break; fi
done
Xvfb ":${DISPLAY_NUM}" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":${DISPLAY_NUM}"
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${DISPLAY_NUM}" ] && break; sleep 0.1; done

export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
start=$(date +%s)
ctest --test-dir build --output-on-failure -j "${CARDIOLENS_TEST_JOBS:-2}" "$@"
echo "tests: done in $(( $(date +%s) - start )) s"
