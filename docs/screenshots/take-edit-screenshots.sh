#!/usr/bin/env bash
# Takes the screenshots of editing and deleting a registry under Xvfb, against
# a real root ferryd (temporary data folder) holding edge1 (ReadWrite, with a
# client token) and mirror1 (ReadOnly, under edge1):
#   edit-registry.png      edge1's Edit dialog (Ctrl+E), with changes typed
#   delete-registry.png    mirror1's Delete question, naming what cleanup removes
#   registry-audit.png     edge1's Audit tab in the details
# Usage: take-edit-screenshots.sh [LANG]   LANG "ja" writes docs/screenshots/ja/
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${FERRY_SHOOTING:-}" ]]; then
  exec env FERRY_SHOOTING=1 dbus-run-session -- scripts/with-keyring.sh \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
build=$(realpath "${BUILD:-build}")
lang=${1:-en}
out=docs/screenshots
if [[ $lang == ja ]]; then out=docs/screenshots/ja; fi
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=${PORT:-5330}
export FERRY_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
"$build/app/ferryd" --data "$work/root" --listen 127.0.0.1:$port 2>"$work/root.log" &
pids+=($!)
sleep 1
export FERRY_SERVER=http://127.0.0.1:$port FERRY_PASSWORD=$FERRY_ADMIN_PASSWORD FERRY_LANG=en
ctl="$build/app/ferryctl"
$ctl token create --name site-pull --scope-map _repositories_pull --no-passwords >/dev/null
$ctl connected-registry create --name edge1 --mode ReadWrite --repository app --client-tokens site-pull >/dev/null
$ctl connected-registry create --name mirror1 --mode ReadOnly --parent edge1 --repository app >/dev/null
$ctl connected-registry update --name edge1 --sync-message-ttl P3D >/dev/null

export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
"$build/app/ferry-console" --lang "$lang" --url http://127.0.0.1:$port &
pids+=($!)
sleep 6
win=$(xdotool search --name "^Ferry " | head -1)
xdotool windowmove "$win" 0 0 windowsize "$win" 1600 1000
sleep 1
xdotool windowfocus --sync "$win"
sleep 1
# edge1 in the tree list (root is current; a click on the list's empty part
# gives it the keyboard), then Ctrl+E: repositories, schedule and window typed.
xdotool mousemove 150 700 click 1
sleep 1
xdotool key Down
sleep 2
xdotool key ctrl+e
sleep 2
xdotool key ctrl+a
xdotool type "app, team/*"
xdotool key Tab Tab ctrl+a
xdotool type "0 */6 * * *"
xdotool key Tab ctrl+a
xdotool type "PT2H"
sleep 1
import -window root "$out/edit-registry.png"
xdotool key Escape
sleep 1
xdotool windowfocus --sync "$win"
# edge1's Audit tab (Alt+A).
xdotool key alt+a
sleep 2
import -window root "$out/registry-audit.png"
# mirror1 (below edge1), then Delete: the question names what cleanup removes.
xdotool mousemove 150 700 click 1
sleep 1
xdotool key Down
sleep 2
xdotool key Delete
sleep 2
import -window root "$out/delete-registry.png"
xdotool key Escape
echo "screenshots in $out"
