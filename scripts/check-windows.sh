#!/usr/bin/env bash
# Compiles Ferry's Windows-only C++ on Linux with MinGW-w64 (Debian package
# g++-mingw-w64-x86-64-posix), warnings as errors: the Win32 code that the
# Linux build leaves out, so that it at least compiles and links before anyone
# builds on Windows. Nothing here runs; see docs/installing.md.
# Usage: scripts/check-windows.sh [WORK_DIR]     (exit 0: all clean)
#
# To add a file, add a line to one of the two lists below:
#   COMPILE: a Qt-free source compiled on its own (-c).
#   LINK:    "program: sources... : libraries..." -- a driver with main() and
#            the sources it uses, linked into program.exe against the import
#            libraries, which proves every Win32 call resolves.
# Paths are relative to the repository; every source gets -I for its folder.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPILE=(
    models/windowsservicecontrol.cpp
    app/ferryd/windowsservice.cpp
)
LINK=(
    "servicecontrol: tests/windows/servicecontrol_driver.cpp models/windowsservicecontrol.cpp : advapi32 shell32 ole32"
    "ferrydservice: tests/windows/ferrydservice_driver.cpp app/ferryd/windowsservice.cpp : advapi32"
)

CXX=${CXX_WINDOWS:-x86_64-w64-mingw32-g++-posix}
if ! command -v "$CXX" >/dev/null; then
    echo "check-windows: $CXX not found (apt-get install g++-mingw-w64-x86-64-posix)" >&2
    exit 77
fi
work=${1:-$(mktemp -d)}
mkdir -p "$work"
flags=(-std=c++20 -Wall -Wextra -Werror)
failed=0

includes_for() { # the folder of each source, once
    local source seen=()
    for source in "$@"; do
        local dir=-I$(dirname "$source")
        [[ " ${seen[*]-} " == *" $dir "* ]] || seen+=("$dir")
    done
    printf '%s\n' "${seen[@]}"
}

for source in "${COMPILE[@]}"; do
    object="$work/$(basename "${source%.*}").o"
    if "$CXX" "${flags[@]}" $(includes_for "$source") -c "$source" -o "$object"; then
        echo "compiled: $source"
    else
        echo "FAILED to compile: $source" >&2
        failed=1
    fi
done

for entry in "${LINK[@]}"; do
    program=${entry%%:*}
    rest=${entry#*:}
    read -r -a sources <<<"${rest%%:*}"
    read -r -a libraries <<<"${rest#*:}"
    if "$CXX" "${flags[@]}" $(includes_for "${sources[@]}") "${sources[@]}" \
        -o "$work/$program.exe" "${libraries[@]/#/-l}"; then
        echo "linked: $program.exe (${sources[*]}; ${libraries[*]})"
    else
        echo "FAILED to link: $program.exe" >&2
        failed=1
    fi
done
exit $failed
