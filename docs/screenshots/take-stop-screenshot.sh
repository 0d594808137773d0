#!/usr/bin/env bash
# Takes docs/screenshots/stop-local-registry.png under Xvfb: the console starts
# its bundled ferryd (temporary data folder), Ctrl+Q asks before stopping it;
# "Stop and quit" is then pressed and the script checks no ferryd is left.
# Usage: take-stop-screenshot.sh [LANG]   LANG "ja" writes docs/screenshots/ja/
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${FERRY_SHOOTING:-}" ]]; then
  exec env FERRY_SHOOTING=1 dbus-run-session -- scripts/with-keyring.sh \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
build=$(realpath "${BUILD:-build}")
lang=${1:-en}
out=docs/screenshots title_main="Ferry Console" title_box="Quit and stop"
if [[ $lang == ja ]]; then out=docs/screenshots/ja title_main="Ferry コンソール" title_box="終了してローカル"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
"$build/app/ferry-console" --lang "$lang" &
app=$!
sleep 6
win=$(xdotool search --name "$title_main" | head -1)
xdotool windowmove "$win" 0 0 windowsize "$win" 1400 860
xdotool windowfocus --sync "$win"; sleep 1
xdotool key ctrl+q; sleep 2
box=$(xdotool search --name "$title_box" | head -1)
xdotool windowmove "$box" 420 250; xdotool windowfocus --sync "$box"; sleep 1
import -window root "$out/stop-local-registry.png"
xdotool key alt+s   # Stop and quit
wait "$app" || true
if pgrep -f "ferryd --data $work" >/dev/null; then echo "ferryd was left running" >&2; exit 1; fi
