#!/usr/bin/env bash
# The Windows and macOS installer files cannot be packaged here, but they can
# be configured: this includes installer/windows and installer/macos in a
# stand-in project (tests/package/platforms) on Linux and checks what they
# generate: the CPack settings, the windeployqt / macdeployqt install steps
# (macdeployqt is a stub that only has to exist), the WiX service patch, and
# the icons rendered from the SVG.
#   tests/package/platform_files.sh SOURCE_DIR WORK_DIR
set -euo pipefail
source_dir=$(cd "$1" && pwd)
work=$2
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/bin"
printf '#!/bin/sh\nexit 0\n' >"$work/bin/macdeployqt" && chmod +x "$work/bin/macdeployqt"
export QT_QPA_PLATFORM=offscreen

for platform in windows macos; do
  PATH=$work/bin:$PATH cmake -S "$source_dir/tests/package/platforms" -B "$work/$platform" -G Ninja \
    -DFERRY_SOURCE_DIR="$source_dir" -DFERRY_PLATFORM=$platform >"$work/$platform.log" 2>&1 ||
    { cat "$work/$platform.log"; fail "installer/$platform does not configure"; }
  ! grep -q "CMake Warning" "$work/$platform.log" || { cat "$work/$platform.log"; fail "installer/$platform warns"; }
done

config=$work/windows/CPackConfig.cmake
grep -q 'CPACK_GENERATOR "WIX"' "$config" || fail "Windows does not build an MSI"
grep -q 'CPACK_WIX_UPGRADE_GUID "6F1C9E2A-4B7D-4E8B-9C35-2A81D0F47B61"' "$config" || fail "the MSI upgrade code changed"
grep -q 'CPACK_WIX_PATCH_FILE' "$config" || fail "the ferryd service patch is not used"
grep -q '/.qt/deploy_ferry_console' "$work/windows/cmake_install.cmake" || fail "windeployqt is not part of the install"
patch=$source_dir/installer/windows/ferryd-service.xml
grep -q '<CPackWiXFragment Id="CM_CP_bin.ferryd.exe">' "$patch" || fail "the service patch names another component"
grep -q '<ServiceInstall ' "$patch" || fail "the patch does not install the service"
grep -q '<ServiceControl ' "$patch" || fail "the patch does not stop and remove the service"
cmake --build "$work/windows" --target ferry_windows_icon >/dev/null || fail "the .ico is not rendered"
[[ $(head -c 4 "$work/windows/ferry.ico" | od -An -tx1 | tr -d ' ') == 00000100 ]] || fail "ferry.ico is not an icon file"

config=$work/macos/CPackConfig.cmake
grep -q 'CPACK_GENERATOR "DragNDrop"' "$config" || fail "macOS does not build a DMG"
for program in ferryd ferryctl; do
  grep -q "executable=.*Contents/MacOS/$program" "$work/macos/cmake_install.cmake" ||
    fail "macdeployqt does not fix $program"
done
grep -q 'org.ferry.ferryd.plist' "$work/macos/cmake_install.cmake" || fail "the launchd plist is not in the bundle"
cmake --build "$work/macos" --target ferry_iconwriter >/dev/null
"$work/macos/ferry_iconwriter" "$source_dir/installer/icons/org.ferry.Console.svg" "$work/ferry.iconset" 2>/dev/null
[[ $(find "$work/ferry.iconset" -name 'icon_*.png' | wc -l) -eq 10 ]] || fail "the iconset does not have its 10 sizes"
plutil=$(command -v plutil || true)
[[ -z $plutil ]] || "$plutil" -lint "$source_dir/installer/macos/org.ferry.ferryd.plist" >/dev/null
echo ok
