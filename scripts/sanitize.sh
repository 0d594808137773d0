#!/usr/bin/env bash
# Sanitizer runs (issue 10), sized for CI's budget (2 cores, .ci/run under 30
# minutes next to the normal build and suite).
#
# What a network peer or a failing disk reaches is ferryd, so ferryd is what
# gets sanitized: a second build of ferryd alone (clang-14, -O1 with line
# tables, service only, no tests), which the normal build's integration tests
# then start instead of their own (FERRY_TEST_FERRYD). The tests are
# unchanged; every sanitizer report from any ferryd they start is written to
# a report folder, and any report fails the run, whether or not the test that
# caused it noticed. Leaks are checked at each ferryd's exit.
#   asan  (default): ASan + UBSan, halting on the first error; every
#         integration test that drives ferryd over HTTP.
#   tsan: TSan; the HTTP and storage tests where ferryd's request threads,
#         upload sessions, GC and the scrub meet.
#   --unit  also builds and runs the service's unit tests (models/ and
#         service/) in the sanitizer build: a full second build, too big
#         for CI, for a run before a release.
# Needs the normal build first (scripts/test.sh, or cmake --build build).
# Prints the build and test times at the end, for the CI budget.
# Usage: scripts/sanitize.sh [asan|tsan] [--unit] [ctest -R regex]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-asan}
shift || true
unit=0
if [[ ${1:-} == --unit ]]; then
    unit=1
    shift
fi
case $kind in
asan) sanitize="address,undefined"
      default_tests='^integration/' ;;
tsan) sanitize="thread"
      default_tests='^integration/tst_(oci_push|oci_pull|concurrency|gc|fault_injection|crash_recovery|connected_mode)$' ;;
*) echo "usage: $0 [asan|tsan] [--unit] [regex]" >&2; exit 2 ;;
esac
tests=${1:-$default_tests}
build=$PWD/build-$kind
if [[ ! -f build/CTestTestfile.cmake ]]; then
    echo "sanitize: build/ has no tests yet; run scripts/test.sh (or build build/) first" >&2
    exit 2
fi

started=$(date +%s)
if [[ ! -f $build/build.ninja ]]; then
    # -O1 and line tables only: reports still name file and line. A unity
    # build (12 sources per compile) parses Boost.Beast and Qt's headers a
    # dozen times instead of a hundred: 473 s against 923 s for ferryd with
    # ASan on this 2-core machine under the same load.
    cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
        "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" -DFERRY_SERVICE_ONLY=ON \
        -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=12 \
        -DFERRY_SANITIZE="$sanitize" -DFERRY_WERROR=ON -DFERRY_BUILD_TESTS=$([[ $unit == 1 ]] && echo ON || echo OFF)
fi
cmake --build "$build" -j"$(nproc)" $([[ $unit == 1 ]] || echo --target ferryd)
built=$(date +%s)

reports=$(mktemp -d /tmp/ferry-sanitize.XXXXXX)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:log_path=$reports/asan}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:log_path=$reports/tsan}
# One-time allocations inside system libraries are not ours to fix.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0}
export FERRY_TEST_FERRYD=$build/app/ferryd
status=0
ctest --test-dir build -R "$tests" --output-on-failure --timeout 900 -j"$(nproc)" || status=$?
if [[ $unit == 1 ]]; then
    unset FERRY_TEST_FERRYD
    ctest --test-dir "$build" -R '^(models|service)/' --output-on-failure --timeout 900 -j"$(nproc)" || status=$?
fi
finished=$(date +%s)
if compgen -G "$reports/*" >/dev/null; then
    for report in "$reports"/*; do
        echo "=== sanitizer report $report"
        cat "$report"
    done
    echo "sanitize $kind: $(ls "$reports" | wc -l) sanitizer report(s), see above" >&2
    status=1
fi
rm -rf "$reports"
echo "sanitize $kind: build $((built - started)) s, tests $((finished - built)) s, total $((finished - started)) s"
exit $status
