#!/usr/bin/env bash
# README command 1: install what is needed, build, and start Cardiolens on its bundled
# demo data. Without a display it renders the demo under Xvfb into build/demo.png.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/cardiolens --demo "$@"
fi
echo "run-demo: no display; rendering the demo window under Xvfb to build/demo.png"
xvfb-run -a -s "-screen 0 1920x1080x24" build/bin/cardiolens --demo --timing --screenshot build/demo.png "$@"
echo "run-demo: wrote $(pwd)/build/demo.png"
