#!/usr/bin/env bash
# Connection exhaustion (issue 10), side by side and alternating: ferryd and
# distribution 2.8 each get HALF_OPEN (2,000) connections from 127.0.0.2 that
# never finish their request head; meanwhile a client on 127.0.0.1 times
# SAMPLES GET /v2/ requests (median per round). ROUNDS rounds, A,B,A,B...;
# prints min / median / max of each server's latency. Target: ferryd serves
# 127.0.0.1 within 100 ms.
#
# Usage: bash bench/connection-bench.sh   (FERRYD=path ROUNDS=9 HALF_OPEN=2000 SAMPLES=20)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FERRYD=${FERRYD:-$ROOT/build/app/ferryd}
ROUNDS=${ROUNDS:-9}
HALF_OPEN=${HALF_OPEN:-2000}
SAMPLES=${SAMPLES:-20}
PY="python3 $HERE/regbench.py"
WORK=$(mktemp -d "${WORKDIR:-/tmp}/connbench.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

FPORT=$($PY freeport)
out=$(REGBENCH_PORT=$FPORT $PY launch "$WORK/ferryd.log" "$FERRYD" --data "$WORK/ferry" --listen "127.0.0.1:$FPORT" --no-auth)
PIDS+=("${out%% *}")
DPORT=$($PY freeport)
mkdir -p "$WORK/dist"
printf 'version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage:\n  filesystem: {rootdirectory: %s}\nhttp: {addr: "127.0.0.1:%s"}\n' \
    "$WORK/dist" "$DPORT" >"$WORK/dist.yml"
out=$(REGBENCH_PORT=$DPORT $PY launch "$WORK/dist.log" docker-registry serve "$WORK/dist.yml")
PIDS+=("${out%% *}")

: >"$WORK/rounds"
for i in $(seq "$ROUNDS"); do
    if ((i % 2)); then order="$FPORT $DPORT"; else order="$DPORT $FPORT"; fi
    declare -A r=()
    for port in $order; do
        r[$port]=$(python3 "$HERE/connbench.py" "$port" "$HALF_OPEN" "$SAMPLES")
        sleep 1 # let the server forget the flood
    done
    echo "$i ${r[$FPORT]} ${r[$DPORT]}" | tee -a "$WORK/rounds" >&2
done
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)  rounds: $ROUNDS  half-open: $HALF_OPEN"
python3 - "$WORK/rounds" <<'PY'
import statistics, sys
rows = [l.split()[1:] for l in open(sys.argv[1]) if l.strip()]
for name, col in (("ferryd", 0), ("distribution", 2)):
    v = sorted(float(r[col]) for r in rows)
    refused = statistics.median(int(r[col + 1]) for r in rows)
    print(f"| {name}: GET /v2/ from 127.0.0.1 during the flood (ms, median of each round) "
          f"| {v[0]:.2f} | {statistics.median(v):.2f} | {v[-1]:.2f} | flood connections refused: {refused:.0f} |")
PY
