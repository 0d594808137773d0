#!/usr/bin/env bash
# Side-by-side benchmark: ferryd vs Debian's docker-registry (CNCF distribution 2.8.2).
#
# Same client (curl, wrk, python3 http.client), same data, same machine; one
# registry at a time, each on a free 127.0.0.1 port with a fresh temp data dir.
#
# Usage: bash bench/registry-bench.sh
# Environment:
#   FERRYD=path          ferryd binary (default: build-bench/app/ferryd); built elsewhere.
#                        Started with --no-auth when its --help offers that flag.
#   REGISTRIES="distribution ferryd"   which ones to run, in this order
#   UP_RUNS=3 DL_RUNS=5  repetitions of the 256 MiB upload / download (median reported)
#   HEAD_REQS=10000 HEAD_RUNS=3   manifest HEADs per run (8 keep-alive conns), runs (median)
#   HEAD_MAX_SECS=120    a HEAD run stops early after this; its rate is then over that time
#   GET_SECS=5           duration of the wrk manifest GET run (informative)
#   TAGS=10000           tags seeded before the start-time measurement
#   START_RUNS=3         restarts timed with the tags stored (median reported)
#   DIST_CACHE=1         give distribution its in-memory blob descriptor cache
#   WORKDIR=/tmp         where temp data dirs go (a real disk, not tmpfs)
#   BENCH_NICE=-10       as root, renice this script (and so both registries and all
#                        clients) to this value so concurrent compiles disturb it less;
#                        set to 0 to leave priorities alone
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FERRYD=${FERRYD:-$ROOT/build-bench/app/ferryd}
REGISTRIES=${REGISTRIES:-"distribution ferryd"}
UP_RUNS=${UP_RUNS:-3}
DL_RUNS=${DL_RUNS:-5}
HEAD_REQS=${HEAD_REQS:-10000}
HEAD_RUNS=${HEAD_RUNS:-3}
HEAD_MAX_SECS=${HEAD_MAX_SECS:-120}
GET_SECS=${GET_SECS:-5}
TAGS=${TAGS:-10000}
START_RUNS=${START_RUNS:-3}
DIST_CACHE=${DIST_CACHE:-0}
PY="python3 $HERE/regbench.py"

# --- tools (idempotent) ------------------------------------------------------
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v wrk >/dev/null || missing+=(wrk)
command -v python3 >/dev/null || missing+=(python3)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v cc >/dev/null || missing+=(gcc)
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

BENCH_NICE=${BENCH_NICE:--10}
if [[ $(id -u) == 0 && $BENCH_NICE != 0 ]]; then
    renice -n "$BENCH_NICE" -p $$ >/dev/null
fi

# ferryd with access control needs --no-auth to serve anonymously like distribution here.
FERRYD_EXTRA=()
if [[ -x $FERRYD ]] && "$FERRYD" --help 2>&1 | grep -q -- '--no-auth'; then
    FERRYD_EXTRA=(--no-auth)
fi

# --- temp space and cleanup -----------------------------------------------------
WORK=$(mktemp -d "${WORKDIR:-/tmp}/regbench.XXXXXX")
PIDFILE=$WORK/pids
: >"$PIDFILE"
cleanup() {
    local p
    while read -r p; do
        [[ -n $p ]] && kill -KILL "$p" 2>/dev/null || true
    done <"$PIDFILE"
    jobs -p | xargs -r kill 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) exit 1; print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
sha() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

# The HEAD load generator (wrk cannot do HEAD against a non-empty Content-Length).
cc -O2 -o "$WORK/headload" "$HERE/headload.c"

# --- test data (shared by both registries) --------------------------------------
log "generating test data in $WORK"
BIG=$WORK/blob256; head -c $((256 << 20)) /dev/urandom >"$BIG"; BIG_D=$(sha "$BIG")
GIG=$WORK/blob1g;  head -c $((1024 << 20)) /dev/urandom >"$GIG"; GIG_D=$(sha "$GIG")
TINY=$WORK/tiny;   head -c 1024 /dev/urandom >"$TINY"; TINY_D=$(sha "$TINY")
CFG=$WORK/config.json
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]},"config":{}}' "$TINY_D" >"$CFG"
CFG_D=$(sha "$CFG")
manifest() { # $1 layer digest, $2 layer size
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
        "$CFG_D" "$(stat -c %s "$CFG")" "$1" "$2"
}
manifest "$BIG_D" $((256 << 20)) >"$WORK/manifest-big.json"
manifest "$TINY_D" 1024 >"$WORK/manifest-small.json"
REPO=bench/img

# --- registry control -----------------------------------------------------------
# start_registry NAME DATADIR -> sets PID PORT BASE V2_MS READY_MS
start_registry() {
    local name=$1 data=$2 out
    PORT=$($PY freeport)
    BASE=http://127.0.0.1:$PORT
    local cmd
    if [[ $name == distribution ]]; then
        {
            echo "version: 0.1"
            echo "log: {level: error, accesslog: {disabled: true}}"
            echo "storage:"
            echo "  filesystem: {rootdirectory: $data}"
            [[ $DIST_CACHE == 1 ]] && echo "  cache: {blobdescriptor: inmemory}"
            echo "http: {addr: '127.0.0.1:$PORT'}"
        } >"$WORK/dist.yml"
        cmd=(docker-registry serve "$WORK/dist.yml")
    else
        cmd=("$FERRYD" --data "$data" --listen "127.0.0.1:$PORT" "${FERRYD_EXTRA[@]}")
    fi
    out=$(REGBENCH_PORT=$PORT $PY launch "$WORK/$name.log" "${cmd[@]}") || {
        log "$name failed to start; log:"; tail -5 "$WORK/$name.log" >&2; return 1
    }
    read -r PID V2_MS READY_MS <<<"$out"
    echo "$PID" >>"$PIDFILE"
}

stop_registry() {
    kill -TERM "$PID" 2>/dev/null || return 0
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
}

mem_mib() { # prints "RSS_MiB HWM_MiB"
    $PY mem "$PID" | awk '{printf "%.1f %.1f\n", $1/1024, $2/1024}'
}

# upload FILE DIGEST -> prints seconds taken by the PUT that carries the body
upload() {
    local file=$1 digest=$2 loc sep res
    loc=$(curl -sS -o /dev/null -D - -X POST "$BASE/v2/$REPO/blobs/uploads/" |
        tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
    [[ -n $loc ]] || { log "POST gave no Location"; return 1; }
    [[ $loc == /* ]] && loc=$BASE$loc
    sep='?'; [[ $loc == *\?* ]] && sep='&'
    res=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H 'Expect:' \
        -H 'Content-Type: application/octet-stream' -T "$file" "$loc${sep}digest=$digest")
    [[ ${res%% *} == 201 ]] || { log "upload PUT: HTTP ${res%% *}"; return 1; }
    echo "${res#* }"
}

# download DIGEST -> prints seconds
download() {
    local res
    res=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$BASE/v2/$REPO/blobs/$1")
    [[ ${res%% *} == 200 ]] || { log "download: HTTP ${res%% *}"; return 1; }
    echo "${res#* }"
}

put_manifest() { # $1 file, $2 tag
    local code
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT \
        -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
        --data-binary @"$1" "$BASE/v2/$REPO/manifests/$2")
    [[ $code == 201 ]] || { log "manifest PUT $2: HTTP $code"; return 1; }
}

# --- one registry, all measurements ---------------------------------------------
run_one() {
    local name=$1 res=$WORK/res.$name data=$WORK/data-$name
    mkdir -p "$data"
    : >"$res"
    log "== $name (load average: $(cut -d' ' -f1-3 /proc/loadavg))"

    # Phase A: fresh store.
    start_registry "$name" "$data"
    log "$name up on $BASE in $V2_MS ms (ready line: $READY_MS ms)"
    echo "start_ms_empty=$V2_MS" >>"$res"
    sleep 1
    echo "idle_rss_mib=$(mem_mib | cut -d' ' -f1)" >>"$res"

    local i t
    : >"$WORK/up.$name"
    for i in $(seq "$UP_RUNS"); do
        t=$(upload "$BIG" "$BIG_D")
        log "upload 256 MiB #$i: ${t}s"
        echo "$t" >>"$WORK/up.$name"
    done
    echo "upload_mibs=$(median <"$WORK/up.$name" | awk '{printf "%.1f", 256/$1}')" >>"$res"

    download "$BIG_D" >/dev/null # warm the page cache
    : >"$WORK/dl.$name"
    for i in $(seq "$DL_RUNS"); do
        t=$(download "$BIG_D")
        log "download 256 MiB #$i: ${t}s"
        echo "$t" >>"$WORK/dl.$name"
    done
    echo "download_mibs=$(median <"$WORK/dl.$name" | awk '{printf "%.1f", 256/$1}')" >>"$res"

    upload "$CFG" "$CFG_D" >/dev/null
    upload "$TINY" "$TINY_D" >/dev/null
    put_manifest "$WORK/manifest-big.json" latest
    local url=$BASE/v2/$REPO/manifests/latest code
    code=$(curl -sS -o /dev/null -w '%{http_code}' -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' "$url")
    [[ $code == 200 ]] || { log "HEAD manifest: HTTP $code"; return 1; }
    : >"$WORK/head.$name"
    for i in $(seq "$HEAD_RUNS"); do
        # Stops early after HEAD_MAX_SECS; the rate is then over that duration.
        t=$("$WORK/headload" "$PORT" "/v2/$REPO/manifests/latest" 8 "$HEAD_REQS" "$HEAD_MAX_SECS" \
            'application/vnd.oci.image.manifest.v1+json') || true
        log "HEAD x$HEAD_REQS #$i: $t"
        [[ $t == *" bad=0 "* && $t != ok=0* ]] || { log "HEAD: failed answers"; return 1; }
        echo "$t" | sed 's/.*rps=//' >>"$WORK/head.$name"
    done
    echo "head_rps=$(median <"$WORK/head.$name")" >>"$res"
    # Informative: manifest GET (has a body, so wrk can drive it).
    wrk -t1 -c8 -d"${GET_SECS}s" --timeout 5s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
        "$BASE/v2/$REPO/manifests/latest" >"$WORK/wrk.$name"
    grep -E 'requests in|Requests/sec|Non-2xx|Socket errors' "$WORK/wrk.$name" | sed 's/^/    /' >&2
    if grep -q 'Non-2xx' "$WORK/wrk.$name"; then log "GET manifest: non-2xx answers"; return 1; fi
    echo "get_rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.$name")" >>"$res"

    t=$($PY seed-tags "$BASE" "$REPO" "$TAGS" "$WORK/manifest-small.json")
    log "seeded $TAGS tags in ${t}s"
    echo "seed_s=$t" >>"$res"
    stop_registry

    # Phase B: restarts with the tags stored.
    : >"$WORK/st.$name"
    for i in $(seq "$START_RUNS"); do
        start_registry "$name" "$data"
        log "restart #$i with $TAGS tags: /v2/ 200 after $V2_MS ms (ready line: $READY_MS ms)"
        echo "$V2_MS" >>"$WORK/st.$name"
        [[ $i == "$START_RUNS" ]] || stop_registry
    done
    echo "start_ms_10k=$(median <"$WORK/st.$name")" >>"$res"
    sleep 1
    echo "idle_rss_10k_mib=$(mem_mib | cut -d' ' -f1)" >>"$res"

    # Peak RSS: receive a 1 GiB blob while serving 32 concurrent 256 MiB downloads.
    local pids=() fails=0
    upload "$GIG" "$GIG_D" >"$WORK/gig.$name" &
    pids+=($!)
    for i in $(seq 32); do
        download "$BIG_D" >/dev/null &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || fails=$((fails + 1)); done
    ((fails == 0)) || { log "memory test: $fails transfers failed"; return 1; }
    log "1 GiB upload took $(cat "$WORK/gig.$name")s alongside 32 downloads"
    echo "peak_rss_mib=$(mem_mib | cut -d' ' -f2)" >>"$res"
    stop_registry
}

for name in $REGISTRIES; do
    if [[ $name == ferryd && ! -x $FERRYD ]]; then
        log "ferryd binary not found at $FERRYD: figures pending"
        continue
    fi
    set +e
    (set -e; run_one "$name")
    rc=$?
    set -e
    ((rc == 0)) || log "$name: run failed, its missing figures are reported as pending"
done

echo
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  nice: $(ps -o ni= -p $$)  cores: $(nproc)  memory: $(free -m | awk '/Mem:/ {print $2}') MiB  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
$PY table "$WORK/res.distribution" "$WORK/res.ferryd"
for name in $REGISTRIES; do
    [[ -s $WORK/res.$name ]] && { echo; echo "raw $name:"; sed 's/^/  /' "$WORK/res.$name"; }
done
exit 0
