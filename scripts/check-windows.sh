#!/usr/bin/env bash
# Compiles Ferry's Windows C++ on Linux with MinGW-w64 (Debian package
# g++-mingw-w64-x86-64-posix), warnings as errors: the Win32 code that the
# Linux build leaves out, and ferryd's Qt-free sources, so that they at least
# compile and link before anyone builds on Windows. The drivers listed in RUN
# are then run under Wine (Debian package wine64); see docs/installing.md.
# Usage: scripts/check-windows.sh [WORK_DIR]
#   exit 0: all clean and run; 1: something failed; 77: MinGW-w64 or Wine is
#   missing, so not everything was checked (the lines above say what was).
#
# To add a file, add a line to one of the lists below:
#   COMPILE: a Qt-free source compiled on its own (-c).
#   LINK:    "program: sources... : libraries..." -- a driver with main() and
#            the sources it uses, linked into program.exe against the import
#            libraries, which proves every Win32 call resolves.
#   RUN:     a linked program whose checks run under Wine; non-zero fails.
# Paths are relative to the repository; every source gets -I for its folder,
# and service/ is on the include path as the service's own build has it.
#
# COMPILE holds the files over the file and socket layer, and ferryd's
# logging and configuration file. What of service/ cannot be
# compiled here, and why, is in docs/installing.md: whatever includes Qt
# (no Qt for MinGW on this machine), OpenSSL or SQLite's header (no MinGW
# builds of them either).
set -euo pipefail
cd "$(dirname "$0")/.."

COMPILE=(
    models/windowsservicecontrol.cpp
    app/ferryd/windowsservice.cpp
    # ferryd's storage over the file layer (service/platform/file.h)
    service/storage/blobstore.cpp
    service/storage/uploads.cpp
    service/storage/fsck.cpp
    service/storage/garbagecollector.cpp
    service/crypto/securefile.cpp
    service/access/signingkeys.cpp
    service/http/filesend.cpp
    service/http/response.cpp
    service/registry/blobroutes.cpp
    service/registry/manifestroutes.cpp
    service/core/log.cpp
    app/ferryd/configfile.cpp
)
PLATFORM_FILE="service/platform/file.cpp service/platform/file_win32.cpp service/platform/security_win32.cpp"
PLATFORM_SOCKET="service/platform/socket_win32.cpp"
LINK=(
    "servicecontrol: tests/windows/servicecontrol_driver.cpp models/windowsservicecontrol.cpp : advapi32 shell32 ole32"
    "ferrydservice: tests/windows/ferrydservice_driver.cpp app/ferryd/windowsservice.cpp : advapi32"
    "platformfile: tests/windows/platformfile_driver.cpp $PLATFORM_FILE : advapi32"
    "platformsocket: tests/windows/platformsocket_driver.cpp $PLATFORM_SOCKET : ws2_32"
)
RUN=(platformfile platformsocket)

CXX=${CXX_WINDOWS:-x86_64-w64-mingw32-g++-posix}
if ! command -v "$CXX" >/dev/null; then
    echo "check-windows: $CXX not found (apt-get install g++-mingw-w64-x86-64-posix)" >&2
    exit 77
fi
work=${1:-$(mktemp -d)}
mkdir -p "$work"
# The service's own definitions (service/CMakeLists.txt), and ferryd's
# install folders (app/CMakeLists.txt) for configfile.cpp.
flags=(-std=c++20 -Wall -Wextra -Werror -Iservice
       -DBOOST_BEAST_USE_STD_STRING_VIEW -DBOOST_ASIO_NO_DEPRECATED
       '-DFERRY_SYSCONFDIR="C:/Program Files/Ferry/etc"' '-DFERRY_BINDIR="C:/Program Files/Ferry/bin"')
# Boost's headers are portable, but their folder is glibc's /usr/include,
# which must stay off MinGW's path: a folder holding only a link to them.
if [[ -d /usr/include/boost ]]; then
    mkdir -p "$work/boost-include"
    ln -sfn /usr/include/boost "$work/boost-include/boost"
    flags+=(-isystem "$work/boost-include")
fi
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
    # Static, so that the .exe runs under Wine without MinGW's DLLs.
    if "$CXX" "${flags[@]}" $(includes_for "${sources[@]}") "${sources[@]}" -static \
        -o "$work/$program.exe" "${libraries[@]/#/-l}"; then
        echo "linked: $program.exe (${sources[*]}; ${libraries[*]})"
    else
        echo "FAILED to link: $program.exe" >&2
        failed=1
    fi
done

wine=$(command -v wine64 || command -v wine || true)
[[ -n $wine || ! -x /usr/lib/wine/wine64 ]] || wine=/usr/lib/wine/wine64
if [[ -z $wine ]]; then
    echo "check-windows: NOT RUN under Wine (apt-get install wine64): ${RUN[*]}" >&2
    [[ $failed -ne 0 ]] || exit 77
    exit $failed
fi
# A fresh prefix each time (its first start takes a few seconds), and Wine's
# own diagnostics off; the driver's lines still show.
prefix=$(mktemp -d)
for program in "${RUN[@]}"; do
    if [[ ! -f "$work/$program.exe" ]]; then
        continue # its link failed above
    fi
    if WINEPREFIX=$prefix WINEDEBUG=-all "$wine" "$work/$program.exe" 2>"$work/$program.wine.log"; then
        echo "ran under Wine: $program.exe"
    else
        echo "FAILED under Wine: $program.exe (Wine's messages: $work/$program.wine.log)" >&2
        failed=1
    fi
done
# wineserver outlives the program by a few seconds and holds our output
# open; end it now so that a caller reading it (ctest) is not kept waiting.
WINEPREFIX=$prefix "$(dirname "$(readlink -f "$wine")")/wineserver" -k 2>/dev/null || true
rm -rf "$prefix"
exit $failed
