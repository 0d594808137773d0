#!/usr/bin/env bash
# Runs bench/signin-flood.py (see there): peak RSS and a valid client's
# latency under a flood of concurrent wrong sign-ins. Usage: bench/signin-flood.sh [ROUNDS]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$HERE/signin-flood.py" "$@"
