#!/usr/bin/env bash
# Installs the Debian 12 packages Cardiolens needs to build, run and test.
# Idempotent and non-interactive; run as root or through sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake ninja-build g++ ccache pkg-config file
  # Qt 6
  qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6sql6-psql libqt6svg6
  # imaging and plotting
  libvtk9-dev libinsighttoolkit5-dev libgdcm-tools libqcustomplot-dev
  # inference
  libtorch-dev python3-torch
  # echo video
  libavformat-dev libavcodec-dev libswscale-dev libavutil-dev
  # headless GUI tests and screenshots
  xvfb xauth libgl1-mesa-dri x11-apps imagemagick
  # team label store tests
  postgresql
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
