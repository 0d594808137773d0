#!/usr/bin/env bash
# Installs Ferry's build and test dependencies from Debian 12 and builds it.
# Usage: scripts/setup.sh [--tests] [BUILD_DIR]
#   --tests  also install the real clients and services the test suite drives
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
if [[ "${1:-}" == "--tests" ]]; then with_tests=1; shift; fi
build_dir="${1:-build}"

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

packages=(build-essential cmake ninja-build pkg-config
          qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev qtkeychain-qt6-dev
          libssl-dev libsqlite3-dev libboost-dev libgl-dev
          gnome-keyring dbus libsecret-tools
          qt6-translations-l10n) # Qt's own strings (dialog buttons, --help) in Japanese
if [[ $with_tests -eq 1 ]]; then
  packages+=(skopeo podman buildah umoci docker-registry openssl curl xvfb xauth imagemagick xdotool
             dbus-x11 uidmap fuse-overlayfs appstream desktop-file-utils
             at-spi2-core python3-pyatspi gir1.2-atspi-2.0 # scripts/a11y-check.py (the accessibility bus)
             clang-14 libfuzzer-14-dev # scripts/fuzz.sh (libFuzzer harnesses)
             libclang-rt-14-dev # the sanitizer runtimes (scripts/sanitize.sh), only recommended by clang-14
             clang-format-14 # scripts/check-format.sh
             fonts-noto-cjk # Japanese text under Xvfb (docs/screenshots/ja)
             g++-mingw-w64-x86-64-posix # scripts/check-windows.sh (the Win32 code, compiled and linked)
             wine64) # scripts/check-windows.sh runs the file layer's driver under Wine (~100 MB, ~20 s)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

werror=OFF
if [[ -n "${CI:-}" || $with_tests -eq 1 ]]; then werror=ON; fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFERRY_WERROR=$werror \
  -DCMAKE_INSTALL_PREFIX=/usr  # the package layout, so scripts/package.sh reuses this folder as it is
cmake --build "$build_dir" -j"$(nproc)"
