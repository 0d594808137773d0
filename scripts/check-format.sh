#!/usr/bin/env bash
# Checks that every C and C++ file of the work tree (tracked, or new and not
# ignored) follows .clang-format (clang-format-14, the version Debian 12
# ships; another version may format differently).
# Usage: scripts/check-format.sh [--fix]
#   --fix  rewrites the files in place instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$formatter" >/dev/null; then
    echo "check-format: $formatter is missing (scripts/setup.sh --tests installs it)" >&2
    exit 2
fi
# Tracked files and new ones not yet added (but not what .gitignore
# ignores), so that a file is checked before its first commit, not after.
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h' '*.c' |
                     grep -v '^tests/fuzz/corpus/')
if [[ ${1:-} == --fix ]]; then
    "$formatter" -i "${files[@]}"
    exit 0
fi
if ! "$formatter" --dry-run --Werror "${files[@]}" 2>/tmp/check-format.$$; then
    grep -E '^[^ ].*: (error|warning):' /tmp/check-format.$$ | cut -d: -f1 | sort -u | sed 's/^/not formatted: /' >&2
    rm -f /tmp/check-format.$$
    echo "check-format: run scripts/check-format.sh --fix" >&2
    exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: ${#files[@]} files follow .clang-format"
