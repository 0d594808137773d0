#!/usr/bin/env bash
# Sets up and runs every test: installs what the suite needs, builds with
# warnings as errors, then runs ctest inside a private D-Bus session with a
# real, unlocked gnome-keyring (the OS keychain the console and ferryctl use),
# then the integration tests again against an ASan+UBSan build of ferryd
# (scripts/sanitize.sh). Formatting is checked first (scripts/check-format.sh,
# clang-format-14): a file off .clang-format fails the run, but the tests still
# run so that one run reports everything. Arguments go to ctest (for example -R tst_gc); with
# arguments, or with FERRY_SKIP_SANITIZE=1, the sanitizer run is left out and
# the script says so.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests build
status=0
scripts/check-format.sh || status=$?
dbus-run-session -- scripts/with-keyring.sh ctest --test-dir build --output-on-failure -j2 "$@" || status=$?
if [[ $# -gt 0 || -n ${FERRY_SKIP_SANITIZE:-} ]]; then
    echo "test.sh: the sanitizer run (scripts/sanitize.sh asan) was NOT run" >&2
else
    dbus-run-session -- scripts/with-keyring.sh scripts/sanitize.sh asan || status=$?
fi
# TSan is a third build that CI's 30 minutes do not hold (docs/hardening.md);
# FERRY_TSAN=1 adds it, for a run before a release.
if [[ -n ${FERRY_TSAN:-} ]]; then
    dbus-run-session -- scripts/with-keyring.sh scripts/sanitize.sh tsan || status=$?
fi
exit $status
