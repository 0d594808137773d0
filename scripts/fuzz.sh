#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang-14, ASan + UBSan, service only) in
# build-fuzz/ and runs each for SECONDS (default 600), one after another.
# Findings land in build-fuzz/findings/<harness>/ (crash-*, leak-*, timeout-*, oom-*);
# each becomes a regression test (see docs/fuzzing.md). The corpus grows in
# build-fuzz/corpus/<harness>/, seeded from tests/fuzz/corpus/.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
# Environment: FUZZ_JOBS (parallel harnesses, default 1), BUILD_DIR (build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
build=${BUILD_DIR:-build-fuzz}
harnesses=("$@")
if (( ${#harnesses[@]} == 0 )); then
    harnesses=(fuzz_oci_names fuzz_manifest fuzz_ranges fuzz_auth_tokens fuzz_grammars
               fuzz_connection_string fuzz_sync_messages fuzz_http_request)
fi

if [[ ! -f $build/build.ninja ]]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFERRY_FUZZ=ON -DFERRY_BUILD_TESTS=OFF \
        -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DFERRY_WERROR=OFF
fi
cmake --build "$build" -j"$(nproc)" --target "${harnesses[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for harness in "${harnesses[@]}"; do
    seeds=tests/fuzz/corpus/${harness#fuzz_}
    corpus=$build/corpus/${harness#fuzz_}
    findings=$build/findings/$harness
    mkdir -p "$corpus" "$findings"
    echo "== $harness: ${seconds}s"
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak or a
    # blow-up; the whole run is bounded by -max_total_time (and timeout(1)).
    # The fuzzer's own exit status counts too: libFuzzer exits non-zero on a
    # crash, a leak, a timeout or an out-of-memory input, even when the
    # artifact could not be written.
    rc=0
    timeout --kill-after=30 $((seconds + 120)) "$build/tests/fuzz/$harness" "$corpus" "$seeds" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$findings/" -print_final_stats=1 >"$build/$harness.log" 2>&1 || rc=$?
    grep -E "^#[0-9]+.*(DONE|pulse)|ERROR|SUMMARY|stat::" "$build/$harness.log" || true
    # One pattern per test: `ls a* b* c*` fails when any one of them matches
    # nothing, which once hid a crash behind a missing leak-* file.
    found=0
    for kind in crash leak timeout oom slow-unit; do
        if compgen -G "$findings/$kind-*" >/dev/null; then found=1; fi
    done
    if (( rc != 0 || found )); then
        echo "!! $harness failed (exit $rc) or found something: $findings"
        status=1
    fi
done
exit $status
