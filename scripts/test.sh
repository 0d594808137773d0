#!/usr/bin/env bash
# Sets up and runs every test: installs what the suite needs, builds with
# warnings as errors, then runs ctest inside a private D-Bus session with a
# real, unlocked gnome-keyring (the OS keychain the console and ferryctl use).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests build
exec dbus-run-session -- scripts/with-keyring.sh ctest --test-dir build --output-on-failure -j2 "$@"
