#!/usr/bin/env bash
# Sets Ferry up on a fresh Debian 12 machine and starts the console, which
# starts its bundled ferryd on the per-user data folder (~/.local/share/ferry).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
exec build/app/ferry-console "$@"
