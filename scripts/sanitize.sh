#!/usr/bin/env bash
# Sanitizer builds for CI (issue 10), within CI's budget: a service-only build
# (no console, no Qt Widgets: -DFERRY_SERVICE_ONLY=ON) so the second build
# stays small, then the suites that matter most for memory and thread safety.
#   asan  (default): ASan + UBSan; the service unit tests and the HTTP and
#         storage integration tests (everything a network peer or a failing
#         disk reaches).
#   tsan: TSan; the HTTP and storage integration tests, where ferryd's
#         request threads, the upload sessions, GC and the scrub meet.
# Prints the build and test times at the end, for the CI budget.
# Usage: scripts/sanitize.sh [asan|tsan] [ctest -R regex]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-asan}
case $kind in
asan) sanitize="address,undefined"; build=build-asan
      default_tests='^(service/|integration/tst_(oci_|bad_input|concurrency|crash_recovery|gc|fault_injection|auth_abuse|auth_hardening|tls))' ;;
tsan) sanitize="thread"; build=build-tsan
      default_tests='^integration/tst_(oci_push|oci_pull|concurrency|gc|fault_injection)' ;;
*) echo "usage: $0 [asan|tsan] [regex]" >&2; exit 2 ;;
esac
tests=${2:-$default_tests}

started=$(date +%s)
if [[ ! -f $build/build.ninja ]]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFERRY_SERVICE_ONLY=ON \
        -DFERRY_SANITIZE="$sanitize" -DFERRY_WERROR=ON
fi
cmake --build "$build" -j"$(nproc)"
built=$(date +%s)

# Leaks fail the run; ODR and container-overflow checks stay on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
# Qt's own one-time allocations are not ours to fix.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0}
status=0
ctest --test-dir "$build" -R "$tests" --output-on-failure --timeout 900 || status=$?
finished=$(date +%s)
echo "sanitize $kind: build $((built - started)) s, tests $((finished - built)) s, total $((finished - started)) s"
exit $status
