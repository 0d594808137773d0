#!/usr/bin/env bash
# ferry-console at scale: a real ferryd seeded through the management API with
# 1,000 connected registries (4 levels, bench/hierbench.py's shape) and 20,000
# tokens, then RUNS fresh console processes per measurement (offscreen):
#   start   cold start to a painted diagram of every registry   target <= 1500 ms
#   change  a node's change visible (PATCH sent -> diagram painted) target <= 1000 ms
#   tokens  the 20,000-token list open (first page painted)     target <= 1000 ms
#   RSS of the console after each                               target <= 150 MiB
# and, with SCOPE_MAPS and MEASURES naming them (bench/console-access-bench.sh):
#   scopemaps  the scope map list open (first page painted)     target <= 1000 ms
#   audit      the audit log open (first page painted)          target <= 1000 ms
# Prints min / median / max of each. There is no second product to alternate
# with; the runs alternate the three measurements instead (start, change,
# tokens, start, ...), so a slow spell on the shared machine hits all three.
#
# Usage: bash bench/console-bench.sh
# Environment: FERRYD, CONSOLE_BENCH (binaries; default build/...), TOKENS=20000,
#   REGISTRIES=1000, SCOPE_MAPS=0, MEASURES="start change tokens", RUNS=9, CONNS=4,
#   WORKDIR=/tmp (a count of 0 seeds nothing of that kind)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FERRYD=${FERRYD:-$ROOT/build/app/ferryd}
BENCH=${CONSOLE_BENCH:-$ROOT/build/tests/console_bench}
TOKENS=${TOKENS:-20000}
REGISTRIES=${REGISTRIES:-1000}
SCOPE_MAPS=${SCOPE_MAPS:-0}
MEASURES=${MEASURES:-start change tokens}
RUNS=${RUNS:-9}
CONNS=${CONNS:-4}
WORK=$(mktemp -d "${WORKDIR:-/tmp}/consolebench.XXXXXX")
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
log "ferryd on $BASE; seeding $TOKENS tokens, $REGISTRIES registries and $SCOPE_MAPS scope maps"
(( TOKENS > 0 )) && log "tokens seeded in $(python3 "$HERE/hierbench.py" seed-tokens "$BASE" "$TOKENS" "$CONNS" 900) s"
(( REGISTRIES > 0 )) && log "registries seeded in $(python3 "$HERE/hierbench.py" seed-registries "$BASE" 20 7 5 "$REGISTRIES" "$CONNS" 900) s"
(( SCOPE_MAPS > 0 )) && log "scope maps seeded in $(python3 "$HERE/hierbench.py" seed-scope-maps "$BASE" "$SCOPE_MAPS" "$CONNS" 1800) s"

export FERRY_URL=$BASE FERRY_PASSWORD=$BENCH_ADMIN_PASSWORD REGISTRIES QT_QPA_PLATFORM=offscreen
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/xdg-data
: > "$WORK/results"
for run in $(seq "$RUNS"); do
  level=Warning; (( run % 2 )) && level=Error
  for what in $MEASURES; do
    LEVEL=$level "$BENCH" "$what" >> "$WORK/results" 2>>"$WORK/bench.log" || { log "$what run $run failed"; tail -3 "$WORK/bench.log" >&2; }
  done
  log "run $run done"
done
python3 - "$WORK/results" "$MEASURES" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
measured = set(sys.argv[2].split())
def show(what, col, unit, target=None):
    if what not in measured:
        return
    vals = sorted(float(r[col]) for r in rows if r[0] == what)
    if not vals:
        print(f"{what}: no results"); return
    t = f" (target <= {target} {unit})" if target else ""
    print(f"{what:8s} {unit:4s} min {vals[0]:8.1f}  median {statistics.median(vals):8.1f}  max {vals[-1]:8.1f}  n={len(vals)}{t}")
show("start", 1, "ms", 1500); show("start", 3, "MiB", 150)
show("change", 1, "ms", 1000); show("change", 2, "ms")
show("tokens", 1, "ms", 1000); show("tokens", 3, "MiB", 150)
show("scopemaps", 1, "ms", 1000); show("scopemaps", 3, "MiB", 150)
show("audit", 1, "ms", 1000); show("audit", 3, "MiB", 150)
lists = sorted({(r[0], r[2]) for r in rows if r[0] in ("tokens", "scopemaps", "audit")})
print("rows at the first paint:", ", ".join(f"{w} {n}" for w, n in lists))
PY
