#!/usr/bin/env bash
# ferryd access-control benchmark: what authorization costs on the pull path,
# and how fast the token endpoint issues tokens while scrypt stays memory-hard.
#
# (a) manifest HEAD rate, 8 keep-alive connections (bench/headload):
#     anonymous (ferryd --no-auth) vs. access control on with a bearer token
#     (repository:bench/img:pull, from a token whose scope map allows pull) on the
#     same binary and the same data (a copy taken before the tokens are made; both
#     servers run at once and the runs alternate); target bearer >= 0.8x anonymous.
#     Informative: the same HEADs with Basic token credentials.
# (b) token issuance (GET /oauth2/token, Basic credentials), CLIENTS concurrent
#     keep-alive clients for a fixed time: "cached" reuses one credential (ferryd
#     caches a verified credential for 5 minutes), "cold" uses every credential
#     once, so every request runs scrypt (N=2^14, 16 MiB). Target cold >= 20/s.
#     Peak RSS during cold issuance: VmHWM of a ferryd started just before it,
#     and the largest VmRSS sampled every 5 ms.
#
# Usage: bash bench/auth-bench.sh
# Environment:
#   FERRYD=path             ferryd binary (default: build-bench/app/ferryd)
#   HEAD_REQS=10000 HEAD_RUNS=3 HEAD_MAX_SECS=120   HEADs per run, runs (median)
#   CLIENTS=4               concurrent token clients
#   CACHED_SECS=5 CACHED_RUNS=3   cached issuance: seconds per run, runs (median)
#   COLD_TOKENS=450 COLD_RUNS=3 COLD_SECS=10  cold issuance: credentials made (one
#                           scrypt hash each, so this takes a while), runs (median);
#                           each run gets COLD_TOKENS/COLD_RUNS credentials and stops
#                           when they run out or after COLD_SECS
#   WORKDIR=/tmp            where the temp data dir goes
#   BENCH_NICE=-10          as root, renice this script and all it starts
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FERRYD=${FERRYD:-$ROOT/build-bench/app/ferryd}
HEAD_REQS=${HEAD_REQS:-10000}
HEAD_RUNS=${HEAD_RUNS:-3}
HEAD_MAX_SECS=${HEAD_MAX_SECS:-120}
CLIENTS=${CLIENTS:-4}
CACHED_SECS=${CACHED_SECS:-5}
CACHED_RUNS=${CACHED_RUNS:-3}
COLD_TOKENS=${COLD_TOKENS:-450}
COLD_RUNS=${COLD_RUNS:-3}
COLD_SECS=${COLD_SECS:-10}
PY="python3 $HERE/authbench.py"
REPO=bench/img
ACCEPT=application/vnd.oci.image.manifest.v1+json

[[ -x $FERRYD ]] || { echo "ferryd not found at $FERRYD (build it: see docs/performance.md)" >&2; exit 1; }
command -v cc >/dev/null && command -v python3 >/dev/null || { echo "needs cc and python3" >&2; exit 1; }

BENCH_NICE=${BENCH_NICE:--10}
if [[ $(id -u) == 0 && $BENCH_NICE != 0 ]]; then
    renice -n "$BENCH_NICE" -p $$ >/dev/null
fi

WORK=$(mktemp -d "${WORKDIR:-/tmp}/authbench.XXXXXX")
PID=
ANON_PID=
cleanup() {
    [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null || true
    [[ -n $ANON_PID ]] && kill -KILL "$ANON_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) exit 1; print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# A random admin password, known to this script only (never printed).
BENCH_ADMIN_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
export BENCH_ADMIN_PASSWORD
DATA=$WORK/data
mkdir -p "$DATA"
cc -O2 -o "$WORK/headload" "$HERE/headload.c"

start() { # extra ferryd flags...
    local out
    out=$(FERRY_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD $PY launch "$WORK/ferryd.log" \
        "$FERRYD" --data "$DATA" --listen 127.0.0.1:0 "$@") || { tail -5 "$WORK/ferryd.log" >&2; exit 1; }
    read -r PID PORT _ <<<"$out"
    BASE=http://127.0.0.1:$PORT
    log "ferryd $* up on $BASE (pid $PID, load $(load))"
}
stop() {
    kill -TERM "$PID" 2>/dev/null || { PID=; return 0; }
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || { PID=; return 0; }; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
    PID=
}

# head_run LABEL PORT AUTH_VALUE RUN -> appends the run's rps to $WORK/head.LABEL
# (bearer: a fresh access token per run, since they live 300 s)
head_run() {
    local label=$1 port=$2 auth=$3 t
    t=$(HEADLOAD_AUTH=$auth "$WORK/headload" "$port" "/v2/$REPO/manifests/latest" 8 "$HEAD_REQS" \
        "$HEAD_MAX_SECS" "$ACCEPT") || true
    log "HEAD $label x$HEAD_REQS #$4: $t (load $(load))"
    [[ $t == *" bad=0 "* && $t != ok=0* ]] || { log "HEAD $label: failed answers"; exit 1; }
    echo "${t##*rps=}" >>"$WORK/head.$label"
}

LOAD_START=$(load)
# --- (a) the image, then two servers on identical copies of the data ------------
start --no-auth
$PY push-image "$BASE" "$REPO"
stop
cp -a "$DATA" "$WORK/data-anon"

start
log "creating $((COLD_TOKENS + 1)) tokens with one generated password each"
t0=$(date +%s.%N)
$PY make-tokens "$BASE" $((COLD_TOKENS + 1)) "$WORK/creds"
MAKE_S=$(echo "$(date +%s.%N) - $t0" | bc)
log "tokens made in ${MAKE_S}s"
code=$(curl -sS -o /dev/null -w '%{http_code}' -I -H "Accept: $ACCEPT" "$BASE/v2/$REPO/manifests/latest")
[[ $code == 401 ]] || { log "anonymous HEAD with access control on: HTTP $code, expected 401"; exit 1; }
AUTH_PID=$PID AUTH_PORT=$PORT AUTH_BASE=$BASE
# The anonymous server (--no-auth, a copy of the data taken before the tokens
# were made) runs at the same time, idle while the other is measured, so the
# runs can alternate: anonymous, bearer, Basic, anonymous, ... and each trio
# sees about the same machine load.
DATA_SAVED=$DATA; DATA=$WORK/data-anon
PID=; start --no-auth
ANON_PID=$PID ANON_PORT=$PORT
DATA=$DATA_SAVED
BASIC_AUTH=$($PY basic "$WORK/creds")
: >"$WORK/head.anonymous"; : >"$WORK/head.bearer"; : >"$WORK/head.basic"
for i in $(seq "$HEAD_RUNS"); do
    head_run anonymous "$ANON_PORT" "" "$i"
    head_run bearer "$AUTH_PORT" "$($PY bearer "$AUTH_BASE" "$WORK/creds" "repository:$REPO:pull")" "$i"
    head_run basic "$AUTH_PORT" "$BASIC_AUTH" "$i"
done
stop                              # the anonymous server
PID=$AUTH_PID; stop               # the one with access control
ANON_PID=

# --- (b) token issuance on a fresh process (empty credential cache, VmHWM from 0) ---
start
sleep 1
IDLE_RSS=$($PY mem "$PID" | awk '{printf "%.1f", $1/1024}')
per=$((COLD_TOKENS / COLD_RUNS))
: >"$WORK/cold"; : >"$WORK/coldrss"; : >"$WORK/coldok"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }   # ferryd's utime + stime
CPU0=$(cpu_ticks)
for i in $(seq "$COLD_RUNS"); do
    { head -1 "$WORK/creds"; sed -n "$((2 + (i - 1) * per)),$((1 + i * per))p" "$WORK/creds"; } >"$WORK/creds.run"
    chmod 600 "$WORK/creds.run"
    t=$($PY issue "$BASE" "$WORK/creds.run" cold "$CLIENTS" "$COLD_SECS" "$PID")
    log "cold issuance #$i ($CLIENTS clients, $per fresh credentials): $t (load $(load))"
    [[ $t == *" bad=0 "* ]] || { log "cold issuance: failed answers"; exit 1; }
    echo "${t%% *}" | sed 's/ok=//' >>"$WORK/coldok"
    t=${t#*rps=}; echo "${t%% *}" >>"$WORK/cold"
    t=${t#*max_rss_kib=}; echo "${t%% *}" >>"$WORK/coldrss"
done
# ferryd CPU time per cold issuance: load-independent, unlike the rate; with
# C cores the rate can't exceed C*1000/this.
COLD_CPU_MS=$(awk -v t=$(( $(cpu_ticks) - CPU0 )) -v hz="$(getconf CLK_TCK)" -v n="$(paste -sd+ "$WORK/coldok" | bc)" \
    'BEGIN {printf "%.1f", t * 1000 / hz / n}')
COLD_HWM=$($PY mem "$PID" | awk '{printf "%.1f", $2/1024}')
COLD_MAXRSS=$(sort -g "$WORK/coldrss" | tail -1 | awk '{printf "%.1f", $1/1024}')
: >"$WORK/cached"
for i in $(seq "$CACHED_RUNS"); do
    t=$($PY issue "$BASE" "$WORK/creds" cached "$CLIENTS" "$CACHED_SECS" "$PID")
    log "cached issuance #$i ($CLIENTS clients, one credential): $t (load $(load))"
    [[ $t == *" bad=0 "* ]] || { log "cached issuance: failed answers"; exit 1; }
    t=${t#*rps=}; echo "${t%% *}" >>"$WORK/cached"
done
stop
LOAD_END=$(load)

ANON=$(median <"$WORK/head.anonymous")
BEARER=$(median <"$WORK/head.bearer")
BASIC=$(median <"$WORK/head.basic")
COLD=$(median <"$WORK/cold")
CACHED=$(median <"$WORK/cached")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
met() { awk -v v="$1" -v t="$2" 'BEGIN {print (v >= t) ? "yes" : "NO"}'; }
runs() { paste -sd/ "$1"; }

echo
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  cores: $(nproc)  nice: $(ps -o ni= -p $$ | tr -d ' ')  load at start: $LOAD_START  at end: $LOAD_END"
echo "ferryd: $FERRYD ($(date -u -r "$FERRYD" '+built %Y-%m-%d %H:%M UTC'))"
echo
echo "| measurement | unit | figure | runs | target | met |"
echo "|---|---|---:|---|---|---|"
echo "| manifest HEAD, anonymous (--no-auth), 8 conns, median | req/s | $ANON | $(runs "$WORK/head.anonymous") | - | - |"
echo "| manifest HEAD, Bearer token (pull scope), 8 conns, median | req/s | $BEARER | $(runs "$WORK/head.bearer") | - | - |"
echo "| bearer / anonymous | ratio | $(ratio "$BEARER" "$ANON")x | - | >= 0.8x | $(met "$(ratio "$BEARER" "$ANON")" 0.8) |"
echo "| bearer / anonymous, median of the per-round ratios (informative) | ratio | $(paste "$WORK/head.bearer" "$WORK/head.anonymous" | awk '{printf "%.2f\n", $1 / $2}' | median)x | $(paste "$WORK/head.bearer" "$WORK/head.anonymous" | awk '{printf "%.2f\n", $1 / $2}' | paste -sd/) | - | - |"
echo "| manifest HEAD, Basic token credentials, 8 conns, median (informative) | req/s | $BASIC | $(runs "$WORK/head.basic") | - | - |"
echo "| Basic / anonymous (informative) | ratio | $(ratio "$BASIC" "$ANON")x | - | - | - |"
echo "| token issuance, cold (scrypt every request), $CLIENTS clients, median | tokens/s | $COLD | $(runs "$WORK/cold") | >= 20/s | $(met "$COLD" 20) |"
echo "| ferryd CPU time per cold issuance (utime+stime / tokens issued) | ms | $COLD_CPU_MS | - | - | - |"
echo "| cold issuance ceiling on $(nproc) cores from that CPU time (informative) | tokens/s | $(awk -v c="$COLD_CPU_MS" -v n="$(nproc)" 'BEGIN {printf "%.1f", n * 1000 / c}') | - | - | - |"
echo "| token issuance, cached credential, $CLIENTS clients, median | tokens/s | $CACHED | $(runs "$WORK/cached") | - | - |"
echo "| ferryd peak RSS over the cold runs (VmHWM, fresh process) | MiB | $COLD_HWM | - | - | - |"
echo "| ferryd largest sampled VmRSS during cold runs (5 ms samples) | MiB | $COLD_MAXRSS | - | - | - |"
echo "| ferryd idle RSS before issuance | MiB | $IDLE_RSS | - | - | - |"
echo "| setup: $((COLD_TOKENS + 1)) tokens + generate-credentials (one scrypt hash each), sequential | s | $(printf '%.1f' "$MAKE_S") | - | - | - |"
