#!/usr/bin/env bash
# Builds the Debian package from a configured build tree, checks its contents and metadata,
# and runs the packaged CLI from an unpacked copy (no installation needed).
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >/dev/null
deb=$(ls "$work"/out/*.deb)
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/cardiolens ./usr/bin/cardiolens-cli \
         ./usr/share/applications/org.cardiolens.Cardiolens.desktop \
         ./usr/share/metainfo/org.cardiolens.Cardiolens.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.cardiolens.Cardiolens.svg \
         ./usr/share/cardiolens/samples/ecg/mitdb/100s.hea \
         ./usr/share/doc/Cardiolens/DATA-ATTRIBUTION.md; do
  grep -qxF "$f" <<<"$contents" || { echo "package lacks $f"; exit 1; }
done
if grep -q "CARDIOLENS_WITH_TORCH:BOOL=ON" "$build_dir/CMakeCache.txt"; then
  grep -q "libcardiolens_torch.so" <<<"$contents" || { echo "package lacks the torch plugin"; exit 1; }
fi
depends=$(dpkg-deb -f "$deb" Depends)
for d in libqt6core6 libvtk9.1 libinsighttoolkit5.2 qt6-qpa-plugins; do
  grep -q "$d" <<<"$depends" || { echo "Depends lacks $d: $depends"; exit 1; }
done
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/org.cardiolens.Cardiolens.desktop | grep -q "^Exec=cardiolens %F"
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/cardiolens-cli" --version | grep -q "^cardiolens-cli "
"$work/root/usr/bin/cardiolens-cli" info "$work/root/usr/share/cardiolens/samples/ecg/mitdb/100s.hea" | grep -q '"record": "100s"'
echo "package ok: $(basename "$deb"), $(stat -c %s "$deb") bytes"
