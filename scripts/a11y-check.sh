#!/usr/bin/env bash
# The console read through the real accessibility bus: a private D-Bus
# session (with a throwaway keyring), an X server (Xvfb), and
# scripts/a11y-check.py walking the AT-SPI tree. Usage: scripts/a11y-check.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
# Debian's python3 (python3-pyatspi lives there), not one a version manager put first.
python=/usr/bin/python3
[[ -x $python ]] || python=python3
for tool in dbus-run-session xvfb-run xdotool "$python"; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/setup.sh --tests)"; exit 77; }
done
exec dbus-run-session -- scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$python" scripts/a11y-check.py "$build"
