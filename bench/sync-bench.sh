#!/usr/bin/env bash
# Connected mode, measured (issue: initial sync, nothing new, continuous,
# idle memory). See bench/syncbench.py for what each part does; the initial
# sync alternates a ferryd connected registry and `skopeo sync` between two
# distribution 2.8 instances, pair by pair, on the same images.
#
# Usage: bash bench/sync-bench.sh
# Environment:
#   FERRYD=path      ferryd binary (default: build/app/ferryd)
#   PAIRS=9          alternating pairs (and restarts, for "nothing new")
#   IMAGES=50 BASES=5 BASE_LAYER_MIB=24 UNIQUE_LAYER_MIB=16   the image set (~1 GiB)
#   NOTHING_NEW_TAGS=10000  CONTINUOUS_PUSHES=9
#   ONLY=initial,nothing,continuous,idle   parts to run
#   WORKDIR=/tmp     where the data goes (needs ~4x the image set free)
# Needs: python3, skopeo, docker-registry (Debian packages).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export FERRYD=${FERRYD:-$ROOT/build/app/ferryd}
[[ -x $FERRYD ]] || { echo "ferryd not found at $FERRYD" >&2; exit 1; }
for tool in skopeo docker-registry python3; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install $tool)" >&2; exit 1; }
done
WORK=$(mktemp -d "${WORKDIR:-/tmp}/syncbench.XXXXXX")
export WORK
trap 'rm -rf "$WORK"' EXIT
echo "# sync-bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/syncbench.py"
