#!/usr/bin/env bash
# The console's access pages at scale (bench/console-bench.sh with another
# seed): a real ferryd with 20,000 scope maps (so also 20,000+ audit records),
# then, alternating, fresh console processes that open the scope map list and
# the audit log (first page painted; target <= 1000 ms, RSS <= 150 MiB).
# Prints min / median / max. Environment as console-bench.sh (SCOPE_MAPS, RUNS, ...).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOKENS=0 REGISTRIES=0 SCOPE_MAPS=${SCOPE_MAPS:-20000} MEASURES="scopemaps audit" exec bash "$HERE/console-bench.sh"
