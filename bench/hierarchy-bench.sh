#!/usr/bin/env bash
# ferryd management API at scale: 1,000 connected registries in a 4-level
# hierarchy and 20,000 tokens, seeded through the management API; then the
# client-side latency (median and p95 over a warm keep-alive connection) of
#   GET /api/v1/hierarchy                                    target < 100 ms
#   GET /api/v1/connected-registries?parent=X&descendants=true   target < 50 ms
#   GET /api/v1/connected-registries?connectionState=Offline     target < 50 ms
#   PUT a level-4 connected registry (touches 3 ancestors' sync scope maps)  < 50 ms
# plus informative calls (direct children, full lists, delete with cleanup).
#
# Usage: bash bench/hierarchy-bench.sh
# Environment:
#   FERRYD=path                 ferryd binary (default: build-bench/app/ferryd)
#   TOKENS=20000                tokens seeded (no passwords)
#   REGISTRIES=1000 TOP=20 CHILD=7 GRAND=5   registries; shape of levels 1-3,
#                               the rest become level 4
#   CONNS=4                     seeding connections
#   SEED_MAX_SECS=900           bound on each seeding step
#   CALLS=20                    timed calls per measurement (after 2 warm-ups)
#   RESTART=1                   also measure after restarting ferryd on the seeded data
#   WORKDIR=/tmp  BENCH_NICE=-10
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FERRYD=${FERRYD:-$ROOT/build-bench/app/ferryd}
TOKENS=${TOKENS:-20000}
REGISTRIES=${REGISTRIES:-1000}
TOP=${TOP:-20}
CHILD=${CHILD:-7}
GRAND=${GRAND:-5}
CONNS=${CONNS:-4}
SEED_MAX_SECS=${SEED_MAX_SECS:-900}
CALLS=${CALLS:-20}
RESTART=${RESTART:-1}
PY="python3 $HERE/hierbench.py"

[[ -x $FERRYD ]] || { echo "ferryd not found at $FERRYD (build it: see docs/performance.md)" >&2; exit 1; }
BENCH_NICE=${BENCH_NICE:--10}
if [[ $(id -u) == 0 && $BENCH_NICE != 0 ]]; then
    renice -n "$BENCH_NICE" -p $$ >/dev/null
fi

WORK=$(mktemp -d "${WORKDIR:-/tmp}/hierbench.XXXXXX")
PID=
cleanup() {
    [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

BENCH_ADMIN_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
export BENCH_ADMIN_PASSWORD
DATA=$WORK/data
mkdir -p "$DATA"

start() {
    local out
    out=$(FERRY_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD python3 "$HERE/authbench.py" launch "$WORK/ferryd.log" \
        "$FERRYD" --data "$DATA" --listen 127.0.0.1:0) || { tail -5 "$WORK/ferryd.log" >&2; exit 1; }
    read -r PID PORT READY_MS <<<"$out"
    BASE=http://127.0.0.1:$PORT
    log "ferryd up on $BASE (pid $PID, ready line after $READY_MS ms, load $(load))"
}
stop() {
    kill -TERM "$PID" 2>/dev/null || { PID=; return 0; }
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || { PID=; return 0; }; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
    PID=
}
rss() { python3 "$HERE/authbench.py" mem "$PID" | awk '{printf "%.1f", $1/1024}'; }

LOAD_START=$(load)
start
log "seeding $TOKENS tokens over $CONNS connections"
TOK_S=$($PY seed-tokens "$BASE" "$TOKENS" "$CONNS" "$SEED_MAX_SECS")
log "tokens seeded in ${TOK_S}s (load $(load))"
log "seeding $REGISTRIES connected registries ($TOP x $CHILD x $GRAND + level 4)"
out=$($PY seed-registries "$BASE" "$TOP" "$CHILD" "$GRAND" "$REGISTRIES" "$CONNS" "$SEED_MAX_SECS")
REG_S=${out%% *}
LEVELS=${out#*levels=}
log "registries seeded in ${REG_S}s, per level $LEVELS (load $(load))"
SEEDED_RSS=$(rss)

DEEP=top01c1g1   # a ReadWrite level-3 registry: the timed creates are level 4
SUBTREE=top01
measure() { # LABEL
    local load0 load1
    load0=$(load)
    $PY measure "$BASE" "$CALLS" "$DEEP" "$SUBTREE" >"$WORK/m.$1"
    load1=$(load)
    sed 's/^/    /' "$WORK/m.$1" >&2
    echo "$load0 -> $load1" >"$WORK/load.$1"
}
log "measuring ($CALLS calls each)"
measure warm
if [[ $RESTART == 1 ]]; then
    stop
    start
    RESTART_MS=$READY_MS
    RESTART_RSS=$(rss)
    log "measuring after restart"
    measure restarted
fi
stop
LOAD_END=$(load)

row() { # FILE KEY LABEL TARGET_MS
    awk -v k="$2" -v label="$3" -v t="$4" '$1 == k {
        met = (t == "-") ? "-" : (($2 < t && $3 < t) ? "yes" : ($2 < t ? "median yes, p95 NO" : "NO"));
        tt = (t == "-") ? "-" : "< " t " ms";
        printf "| %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s |\n", label, $2, $3, $4, $5, $6, $7, tt, met }' "$1"
}
table() { # LABEL
    local f=$WORK/m.$1
    echo "| call | median ms | p95 ms | min ms | max ms | bytes | items | target | met |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
    row "$f" hierarchy "GET /api/v1/hierarchy" 100
    row "$f" subtree "GET connected-registries?parent=$SUBTREE&descendants=true" 50
    row "$f" offline "GET connected-registries?connectionState=Offline" 50
    row "$f" deep_create "PUT connected-registries/{new} at level 4 (parent $DEEP)" 50
    row "$f" children "GET connected-registries?parent=$DEEP (informative)" -
    row "$f" list_all "GET connected-registries, all (informative)" -
    row "$f" tokens_list "GET /api/v1/tokens, all (informative)" -
    row "$f" deep_delete "DELETE connected-registries/{new}?cleanup=true (informative)" -
}

echo
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  cores: $(nproc)  nice: $(ps -o ni= -p $$ | tr -d ' ')  load at start: $LOAD_START  at end: $LOAD_END"
echo "ferryd: $FERRYD ($(date -u -r "$FERRYD" '+built %Y-%m-%d %H:%M UTC'))"
echo "seeded: $TOKENS tokens in ${TOK_S} s, $REGISTRIES registries (levels $LEVELS) in ${REG_S} s, $CONNS connections; ferryd RSS after seeding: $SEEDED_RSS MiB"
echo
echo "After seeding, same process ($CALLS calls each, load $(cat "$WORK/load.warm")):"
echo
table warm
if [[ $RESTART == 1 ]]; then
    echo
    echo "After a restart on the seeded data (ready line after $RESTART_MS ms, RSS $RESTART_RSS MiB; load $(cat "$WORK/load.restarted")):"
    echo
    table restarted
fi
