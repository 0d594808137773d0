#!/usr/bin/env bash
# Builds Ferry's Debian package in one command and prints its path:
#   scripts/package.sh [BUILD_DIR]        (default build-package)
# The build folder is configured to install under /usr (so the installed
# ferryd's default configuration file is /etc/ferry/ferryd.conf); an existing
# one (such as build/) is reused, and only the programs are built. Needs the
# packages scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build-package}"

if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFERRY_BUILD_TESTS=OFF >/dev/null
fi
cmake -S . -B "$build_dir" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build_dir" --target ferryd ferry-console ferryctl -j"$(nproc)" >&2
(cd "$build_dir" && cpack -G DEB >/dev/null)
find "$build_dir" -maxdepth 1 -name 'ferry_*.deb' -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-
