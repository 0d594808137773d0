#!/usr/bin/env bash
# The soak test (bench/soak.py): CLIENTS (64) clients, MINUTES (30) minutes of
# mixed load against one ferryd, fsck at the end. Usage: bench/soak.sh [MINUTES]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec python3 "$HERE/soak.py" "$@"
