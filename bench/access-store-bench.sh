#!/usr/bin/env bash
# The access store as it grows (issue 9): two ferryd builds, A and B,
# alternating run by run (A, B, A, B, ...), each run on a fresh data folder:
#   - a token create at (nearly) 0 tokens and at N tokens (median of CREATES
#     sequential creates each; target: at N at most 1.5x the cost at 0);
#   - peak RSS (VmHWM) after creating N scope maps and N tokens
#     (target at N=20000: at most 48 MiB);
#   - the full token list, GET /api/v1/tokens (median of CALLS), and one page
#     of 100 from the middle, ?n=100&last=... (target: at most 20 ms at 21,000).
# Prints every run, then min/median/max per build and the B/A ratios.
#
# Usage: bash bench/access-store-bench.sh FERRYD_A FERRYD_B
# Environment: N=20000 PAIRS=9 CREATES=50 CALLS=5 CONNS=4 WORKDIR=/tmp
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
A=${1:?ferryd binary A}
B=${2:?ferryd binary B}
N=${N:-20000}
PAIRS=${PAIRS:-9}
CREATES=${CREATES:-50}
CALLS=${CALLS:-5}
CONNS=${CONNS:-4}

WORK=$(mktemp -d "${WORKDIR:-/tmp}/asbench.XXXXXX")
PID=
cleanup() {
    [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

BENCH_ADMIN_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
export BENCH_ADMIN_PASSWORD

one() { # LABEL BINARY
    rm -rf "$WORK/data" && mkdir -p "$WORK/data"
    local out port
    out=$(FERRY_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD python3 "$HERE/authbench.py" launch "$WORK/ferryd.log" \
        "$2" --data "$WORK/data" --listen 127.0.0.1:0) || { tail -5 "$WORK/ferryd.log" >&2; exit 1; }
    read -r PID port _ <<<"$out"
    out=$(cd "$HERE" && python3 accessstorebench.py run "http://127.0.0.1:$port" "$PID" "$N" "$CREATES" "$CALLS" \
        "$CONNS" 2>/dev/null)
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
    PID=
    echo "$1 $out" | tee -a "$WORK/runs" >&2
}

echo "A=$A" >&2
echo "B=$B" >&2
echo "N=$N PAIRS=$PAIRS CREATES=$CREATES CALLS=$CALLS CONNS=$CONNS  columns: build create0_ms createN_ms list_ms peak_mib items page_ms" >&2
for pair in $(seq "$PAIRS"); do
    one A "$A"
    one B "$B"
done

python3 - "$WORK/runs" <<'EOF'
import statistics, sys
runs = {"A": [], "B": []}
for line in open(sys.argv[1]):
    f = line.split()
    runs[f[0]].append([float(x) for x in f[1:]])
def mmm(vals):
    return f"{min(vals):.2f} / {statistics.median(vals):.2f} / {max(vals):.2f}"
names = ["create at 0 (ms)", "create at N (ms)", "create at N / at 0", "full token list (ms)", "peak RSS (MiB)",
         "page of 100 tokens (ms)"]
def cols(r):
    return [[x[0] for x in r], [x[1] for x in r], [x[1] / x[0] for x in r], [x[2] for x in r], [x[3] for x in r],
            [x[5] for x in r]]
ca, cb = cols(runs["A"]), cols(runs["B"])
print(f"| measure (min / median / max over {len(runs['A'])} runs each) | A | B | B/A per pair |")
print("|---|---|---|---|")
for i, name in enumerate(names):
    ratio = [b / a for a, b in zip(ca[i], cb[i]) if a]
    print(f"| {name} | {mmm(ca[i])} | {mmm(cb[i])} | {mmm(ratio) if ratio else '-'} |")
print(f"list items: A {int(runs['A'][-1][4])}, B {int(runs['B'][-1][4])}")
EOF
