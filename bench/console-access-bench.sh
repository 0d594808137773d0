#!/usr/bin/env bash
# The console's access pages at scale: a real ferryd seeded through the
# management API with 20,000 scope maps (so also 20,000+ audit records), then
# fresh console_bench processes (offscreen) per measurement:
#   scopemaps  the 20,000-scope-map list open (first page painted)  target <= 1000 ms
#   audit      the audit log open (first page painted)               target <= 1000 ms
#   RSS of the console after each                                   target <= 150 MiB
# Prints min / median / max of each. There is no second product to alternate
# with; the runs alternate the two measurements instead (scopemaps, audit,
# scopemaps, ...), so a slow spell on the shared machine hits both.
#
# Usage: bash bench/console-access-bench.sh
# Environment: FERRYD, CONSOLE_BENCH (binaries; default build/...),
#   SCOPE_MAPS=20000, RUNS=9, CONNS=4, WORKDIR=/tmp
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FERRYD=${FERRYD:-$ROOT/build/app/ferryd}
BENCH=${CONSOLE_BENCH:-$ROOT/build/tests/console_bench}
SCOPE_MAPS=${SCOPE_MAPS:-20000}
RUNS=${RUNS:-9}
CONNS=${CONNS:-4}
WORK=$(mktemp -d "${WORKDIR:-/tmp}/consoleaccess.XXXXXX")
PID=
cleanup() { [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

BENCH_ADMIN_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
export BENCH_ADMIN_PASSWORD
out=$(FERRY_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD python3 "$HERE/authbench.py" launch "$WORK/ferryd.log" \
    "$FERRYD" --data "$WORK/data" --listen 127.0.0.1:0)
read -r PID PORT _ <<<"$out"
BASE=http://127.0.0.1:$PORT
log "ferryd on $BASE; seeding $SCOPE_MAPS scope maps"
log "scope maps seeded in $(python3 "$HERE/hierbench.py" seed-scope-maps "$BASE" "$SCOPE_MAPS" "$CONNS" 1800) s"

export FERRY_URL=$BASE FERRY_PASSWORD=$BENCH_ADMIN_PASSWORD QT_QPA_PLATFORM=offscreen
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/xdg-data
: > "$WORK/results"
for run in $(seq "$RUNS"); do
  for what in scopemaps audit; do
    "$BENCH" "$what" >> "$WORK/results" 2>>"$WORK/bench.log" || { log "$what run $run failed"; tail -3 "$WORK/bench.log" >&2; }
  done
  log "run $run done"
done
python3 - "$WORK/results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def show(what, col, unit, target=None):
    vals = sorted(float(r[col]) for r in rows if r[0] == what)
    if not vals:
        print(f"{what}: no results"); return
    t = f" (target <= {target} {unit})" if target else ""
    print(f"{what:9s} {unit:4s} min {vals[0]:8.1f}  median {statistics.median(vals):8.1f}  max {vals[-1]:8.1f}  n={len(vals)}{t}")
show("scopemaps", 1, "ms", 1000); show("scopemaps", 3, "MiB", 150)
show("audit", 1, "ms", 1000); show("audit", 3, "MiB", 150)
rows_seen = sorted({(r[0], r[2]) for r in rows})
print("rows in the first page:", ", ".join(f"{w} {n}" for w, n in rows_seen))
PY
